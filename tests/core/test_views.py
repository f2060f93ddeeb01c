"""Home pages per language, the `/` redirect and the language switcher."""

import re

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page

from knowledge_portal.plants.models import PlantProfilePage

pytestmark = pytest.mark.django_db


def read_catalog(code):
    path = settings.LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        return {message.id: message.string for message in read_po(handle) if message.id}


CATALOGS = {code: read_catalog(code) for code in ("es", "qu", "jiv")}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("code", ["es", "qu", "jiv"])
def test_home_page_renders_in_each_language(client, seeded, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    document = soup(response)
    assert document.html["lang"] == code
    # UI strings come from this language's own catalog where it has them
    # ("Languages" has a Kichwa proposal), else from the Spanish one, marked.
    nav = document.select_one("nav.languages")
    label = nav["aria-label"]
    if CATALOGS[code]["Languages"]:
        assert label == CATALOGS[code]["Languages"]
        assert nav.get("lang") is None
    else:
        assert label == CATALOGS["es"]["Languages"]
        assert nav["lang"] == "es"
    with translation.override(code):
        assert translation.gettext("Languages") == label
    # Entrances to the sections, in this language's tree.
    hrefs = [a["href"] for a in document.select(".entrances a")]
    assert f"/{code}/plantas/" in hrefs
    assert f"/{code}/guias/" in hrefs
    assert f"/{code}/aprendizaje/" in hrefs


def test_root_redirects_to_spanish_by_default(client, seeded):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_root_follows_accept_language(client, seeded):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="qu-EC,qu;q=0.9,es;q=0.5")
    assert response["Location"] == "/qu/"


def test_root_prefers_the_language_cookie_to_accept_language(client, seeded):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "jiv"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="qu")
    assert response["Location"] == "/jiv/"


def test_visiting_a_language_remembers_it_for_the_root(client, seeded):
    client.get("/qu/")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "qu"
    assert client.get("/")["Location"] == "/qu/"


def test_unknown_language_in_accept_language_falls_back_to_spanish(client, seeded):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/es/"


def switcher_links(response):
    return {a["hreflang"]: a["href"] for a in soup(response).select("nav.languages a")}


def test_switcher_on_a_plant_links_to_the_same_plant(client, seeded):
    response = client.get("/qu/plantas/ilex-guayusa/")
    assert response.status_code == 200
    assert switcher_links(response) == {
        "es": "/es/plantas/ilex-guayusa/",
        "jiv": "/jiv/plantas/ilex-guayusa/",
    }
    current = soup(response).select_one("nav.languages [aria-current]")
    assert current.get_text(strip=True) == "Kichwa"


def test_switcher_on_a_view_keeps_the_path_and_query(client, seeded):
    response = client.get("/es/search/?q=wayusa")
    links = switcher_links(response)
    assert links["qu"] == "/qu/search/?q=wayusa"
    assert links["jiv"] == "/jiv/search/?q=wayusa"


def test_missing_translation_is_explained_not_a_404(client, seeded):
    guayusa = PlantProfilePage.objects.get(
        slug="ilex-guayusa", locale__language_code="jiv"
    )
    # Unpublish the Shuar version: the switcher must not lead to a 404.
    guayusa.unpublish()
    response = client.get("/es/plantas/ilex-guayusa/")
    target = switcher_links(response)["jiv"]
    assert target.startswith("/jiv/translation/")
    answer = client.get(target)
    assert answer.status_code == 200
    document = soup(answer)
    assert document.html["lang"] == "jiv"
    hrefs = [a["href"] for a in document.select("main a")]
    assert "/es/plantas/ilex-guayusa/" in hrefs
    assert "/qu/plantas/ilex-guayusa/" in hrefs


def test_untranslated_link_redirects_once_the_translation_exists(client, seeded):
    page = PlantProfilePage.objects.get(slug="ilex-guayusa", locale__language_code="qu")
    response = client.get(f"/qu/translation/{page.translation_key}/")
    assert response.status_code == 302
    assert response["Location"] == "/qu/plantas/ilex-guayusa/"


def test_untranslated_link_to_nothing_is_a_404(client, seeded):
    response = client.get("/es/translation/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_kichwa_and_shuar_pages_carry_one_translation_notice(client, seeded, code):
    notices = soup(client.get(f"/{code}/")).select(".notice-language")
    assert len(notices) == 1
    # It says how much of the interface is written in the language: the real
    # figure, read from the catalog.
    path = settings.LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        messages = [message for message in read_po(handle) if message.id]
    written = [m for m in messages if all(m.string if m.pluralizable else [m.string])]
    assert 0 < len(written) < len(messages)
    assert f"{len(written)} de {len(messages)}" in notices[0].get_text()


def test_spanish_pages_have_no_translation_notice(client, seeded):
    assert soup(client.get("/es/")).select_one(".notice-language") is None


def test_prose_awaiting_translation_is_shown_in_spanish_and_listed_once(client, seeded):
    document = soup(client.get("/qu/"))
    intro = document.select_one("#intro")
    assert intro.select_one(".notice") is None
    assert (
        intro.select_one('div[lang="es"]').get_text(strip=True).startswith("La chakra")
    )
    listed = document.select_one(".notice-language details").get_text()
    assert "Introducción" in listed


def test_every_page_has_a_skip_link_and_one_stylesheet(client, seeded):
    document = soup(client.get("/es/plantas/"))
    assert document.select_one("a.skip-link")["href"] == "#main"
    assert document.select_one("main#main") is not None
    stylesheets = document.select('link[rel="stylesheet"]')
    assert len(stylesheets) == 1
    assert not any(re.match(r"https?://", tag["href"]) for tag in stylesheets)
    assert document.select("script[src]") == []


def test_home_pages_are_translations_of_each_other(seeded):
    homes = Page.objects.filter(depth=2).order_by("locale__language_code")
    assert {page.locale.language_code for page in homes} == {"es", "qu", "jiv"}
    assert len({page.translation_key for page in homes}) == 1
    assert seeded.root_page.locale == Locale.objects.get(language_code="es")
