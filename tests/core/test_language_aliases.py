"""`/` sends browsers set to a Quechua or Kichwa variety to the Kichwa pages
and those set to Shuar to the Shuar ones; a chosen language still wins."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from knowledge_portal.core.languages import (
    QUECHUA_LANGUAGES,
    resolve_aliases,
    site_language_for_tag,
)
from knowledge_portal.site.page_cache import cache_key

pytestmark = pytest.mark.django_db

KICHWA = ["qu", "qu-EC", "qug", "quz", "qvi", "quy", "qvo", "quw", "quz-EC", "QUG-ec"]
SHUAR = ["jiv", "jiv-EC", "jiv-Latn-EC", "shuar", "Shuar"]


@pytest.mark.parametrize(
    ("header", "prefix"),
    [
        *((tag, "/qu/") for tag in KICHWA),
        *((tag, "/jiv/") for tag in SHUAR),
        ("es-EC", "/es/"),
        ("en-US", "/es/"),
        ("de, qvi;q=0.8, es;q=0.5", "/qu/"),
        ("es;q=0.9, shuar;q=0.8", "/es/"),
        ("fr, shuar;q=0.8, qug;q=0.5", "/jiv/"),
    ],
)
def test_the_home_address_follows_the_browser_language(client, seeded, header, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == prefix
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("header", ["quz", "shuar", "qu-EC"])
def test_the_chosen_language_wins(client, seeded, header):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=header)["Location"] == "/es/"


def test_every_individual_quechua_language_counts_as_kichwa():
    # SIL's table lists 43 active individual languages under "que".
    assert len(QUECHUA_LANGUAGES) == 44 and QUECHUA_LANGUAGES[0] == "que"
    assert {site_language_for_tag(code) for code in QUECHUA_LANGUAGES} == {"qu"}
    assert site_language_for_tag("quechua") is None
    assert site_language_for_tag("es") is None


def test_weights_and_order_are_kept():
    assert resolve_aliases("quz-EC;q=0.9, es;q=0.5, *;q=0.1") == (
        "qu;q=0.9, es;q=0.5, *;q=0.1"
    )


def test_a_visitor_sent_by_an_alias_is_not_told_to_remember_it(client, seeded):
    # `/` would pick Kichwa for her anyway: no cookie, so her page may be
    # shared from the page cache.
    response = client.get("/qu/", HTTP_ACCEPT_LANGUAGE="qug")
    assert response.status_code == 200
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_aliases_share_the_cache_key_of_their_language(seeded):
    from knowledge_portal.core.middleware import LanguageAliasMiddleware

    def key(header):
        request = RequestFactory().get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE=header)
        return LanguageAliasMiddleware(cache_key)(request)

    assert key("quz") == key("qu") != key("es")
    assert key("shuar") == key("jiv")


@pytest.fixture
def page_cache(settings):
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def test_with_the_page_cache_each_visitor_is_sent_to_her_language(
    client, seeded, page_cache
):
    for _ in range(2):
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="qug")["Location"] == "/qu/"
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="shuar")["Location"] == "/jiv/"
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="es")["Location"] == "/es/"
    kichwa = client.get("/qu/", HTTP_ACCEPT_LANGUAGE="quz")
    assert kichwa["X-Page-Cache"] == "miss"
    assert client.get("/qu/", HTTP_ACCEPT_LANGUAGE="es")["X-Page-Cache"] == "hit"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="quz")["Location"] == "/es/"
