"""Strings written in the portal show on the pages of their language, as the
language's own (never marked as Spanish), in every process, at once."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.utils import translation

from knowledge_portal.core import catalog_overlay, formatting
from knowledge_portal.interface import overlay, services
from knowledge_portal.interface.catalog import language_catalog
from knowledge_portal.interface.models import CatalogVersion, InterfaceString
from knowledge_portal.site.review import catalog_coverage, languages_awaiting_review
from tests.core.test_fallback_marks import languages

# Not Kichwa or Shuar: test texts that no one could take for either.
JOIN_QU = "XQ join-a-class"
PLURAL = "%(counter)s plant"


def write(user, language, msgid, *texts, credit=None):
    catalog = language_catalog(language)
    message = catalog.get(msgid)
    credit = credit or services.credit_choices(user, language)[0].value
    return services.write_texts(user, language, catalog, message, list(texts), credit)


def language_of(html, text):
    """The language in force where ``text`` stands in the page."""
    parsed = languages(html, page_language="qu")
    return [language for shown, language in parsed.texts if shown == text]


def test_a_string_written_here_shows_on_a_kichwa_page_as_kichwa(client, seeded, rosa):
    spanish = "Unirse a una clase"
    before = client.get("/qu/").content.decode()
    assert language_of(before, spanish) == ["es"]

    write(rosa, "qu", "Join a class", JOIN_QU)
    html = client.get("/qu/").content.decode()

    assert language_of(html, JOIN_QU) == ["qu"]
    assert spanish not in html
    # Its untranslated neighbour in the header is still Spanish, and says so.
    assert language_of(html, "Ir al contenido") == ["es"]
    # The Spanish and Shuar pages are untouched.
    assert JOIN_QU not in client.get("/es/").content.decode()
    assert JOIN_QU not in client.get("/jiv/").content.decode()


def test_plural_forms_follow_each_language_rule(seeded, rosa, nantu):
    write(rosa, "qu", PLURAL, "XQ %(counter)s yura-test")
    write(nantu, "jiv", PLURAL, "XS one %(counter)s", "XS many %(counter)s")
    overlay.refresh_overlay()
    with translation.override("qu"):
        assert translation.ngettext(PLURAL, "%(counter)s plants", 1) == (
            "XQ %(counter)s yura-test"
        )
        assert translation.ngettext(PLURAL, "%(counter)s plants", 5) == (
            "XQ %(counter)s yura-test"
        )
    with translation.override("jiv"):
        assert translation.ngettext(PLURAL, "%(counter)s plants", 1) == (
            "XS one %(counter)s"
        )
        assert translation.ngettext(PLURAL, "%(counter)s plants", 5) == (
            "XS many %(counter)s"
        )


def test_a_string_with_a_context_is_found_by_pgettext(seeded, rosa):
    catalog = language_catalog("qu")
    message = catalog.get(catalog_overlay.message_key("plant part", "seed"))
    credit = services.credit_choices(rosa, "qu")[0].value
    services.write_texts(rosa, "qu", catalog, message, ["XQ seed-part"], credit)
    overlay.refresh_overlay()
    with translation.override("qu"):
        assert translation.pgettext("plant part", "seed") == "XQ seed-part"
        # The same English word in another context keeps the file's text.
        assert translation.pgettext("propagation", "seed") == "muyu"


def test_coverage_and_the_notice_count_what_is_written_here(client, seeded, rosa):
    translated, total = catalog_coverage("qu")
    write(rosa, "qu", "Join a class", JOIN_QU)
    overlay.refresh_overlay()
    assert catalog_coverage("qu") == (translated + 1, total)
    assert "qu" in languages_awaiting_review()
    html = client.get("/qu/plantas/ilex-guayusa/").content.decode()
    notice = BeautifulSoup(html, "html.parser").select_one(".notice-language")
    assert f"{translated + 1}" in notice.get_text()


def test_a_process_loads_the_strings_again_only_when_they_changed(
    seeded, rosa, django_assert_num_queries
):
    write(rosa, "qu", "Join a class", JOIN_QU)
    overlay.refresh_overlay()
    # What every rendered request costs when nothing changed: one query.
    with django_assert_num_queries(1):
        overlay.refresh_overlay()
    with translation.override("qu"):
        assert translation.gettext("Join a class") == JOIN_QU

    # Another process changes the string: only the version says so.
    InterfaceString.objects.filter(msgid="Join a class").update(texts=["XQ changed"])
    with translation.override("qu"):
        assert translation.gettext("Join a class") == JOIN_QU
    CatalogVersion.objects.update(token="00000000-0000-0000-0000-000000000001")
    overlay.refresh_overlay()
    with translation.override("qu"):
        assert translation.gettext("Join a class") == "XQ changed"


def test_catalogs_built_afresh_get_the_strings_again(seeded, rosa, settings):
    write(rosa, "qu", "Join a class", JOIN_QU)
    overlay.refresh_overlay()
    # Changing translation settings makes Django build its catalogs again.
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS]
    overlay.refresh_overlay()
    with translation.override("qu"):
        assert translation.gettext("Join a class") == JOIN_QU


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def test_saving_a_string_empties_the_page_cache(client, seeded, rosa, page_cache):
    client.get("/qu/")
    assert client.get("/qu/")["X-Page-Cache"] == "hit"
    write(rosa, "qu", "Join a class", JOIN_QU)
    response = client.get("/qu/")
    assert response["X-Page-Cache"] == "miss"
    assert JOIN_QU in response.content.decode()


def test_a_month_name_reviewed_here_no_longer_shows_the_spanish_beside(
    seeded, ana, kallari
):
    january = language_catalog("qu").get(
        catalog_overlay.message_key("month name", "January")
    )
    assert formatting.month_name(1, "qu") == "Kamay (enero)"
    services.mark_reviewed(ana, "qu", january, f"name-{kallari.pk}")
    overlay.refresh_overlay()
    assert formatting.month_name(1, "qu") == "Kamay"
    assert formatting.month_name(1, "jiv") == "etsánantu (enero)"
