"""The portal's language knowledge travels to backends that do not read it:
Wagtail's database backend (here SQLite FTS5, as on a site without Whoosh)
finds spelling variants, plurals and typos through the same service."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from knowledge_portal.core.languages import QUERY_LANGUAGES
from knowledge_portal.search import portable
from knowledge_portal.search.analysis import spanish_stem
from knowledge_portal.search.service import ranked_ids, searchable_pages

DATABASE_BACKEND = {
    "BACKEND": "wagtail.search.backends.database",
    "SEARCH_CONFIG": "simple",
    "AUTO_UPDATE": False,
}


def test_a_word_travels_with_its_forms():
    tokens = portable.word_tokens("Plátanos", "es")
    assert "platanos" in tokens  # folded
    assert "zzsplatan" in tokens  # the Spanish stem
    kichwa = portable.word_tokens("guayusa", "qu")
    assert "zzqwayusa" in kichwa  # the Kichwa key
    assert "zzewayusa" in kichwa  # the equivalence group
    assert "zzjwayusa" in portable.word_tokens("guayusa", "jiv")
    # Text awaiting translation is Spanish: no Kichwa key for it.
    assert not any(token.startswith("zzq") for token in tokens)


def test_typo_keys_meet_one_edit_away():
    for typo, name in [
        ("guayuza", "guayusa"),
        ("vainila", "vainilla"),
        ("natemm", "natem"),
        ("wapay", "wapai"),
    ]:
        assert set(portable.typo_keys(typo)) & set(portable.typo_keys(name)), typo
    assert portable.typo_keys("uwi") == ()


def test_a_query_is_a_group_of_forms_per_word():
    query = portable.words_query("teñir el cabello", "and", QUERY_LANGUAGES)
    # "el" is dropped, as the Whoosh backend drops it; two words remain.
    assert len(query.subqueries) == 2
    assert portable.words_query('"', "and", QUERY_LANGUAGES) is None
    assert portable.typo_query("uwi", QUERY_LANGUAGES) is None


@pytest.mark.django_db
def test_whoosh_gets_no_forms_other_backends_do(seeded, settings):
    plant = Page.objects.get(slug="ilex-guayusa", locale__language_code="es").specific

    def fields():
        return {field.field_name for field in type(plant).get_search_fields()}

    assert not {"search_name_forms", "search_text_forms"} & fields()
    settings.WAGTAILSEARCH_BACKENDS = {"default": DATABASE_BACKEND}
    assert {"search_name_forms", "search_text_forms"} <= fields()
    names = plant.search_name_forms().split()
    assert {"zzqwayusa", "zzewayusa", "zztguayua"} <= set(names)
    text = plant.search_text_forms().split()
    assert "zzs" + spanish_stem("bebidas") in text
    assert "zzsla" not in text  # function words are never searched


@pytest.fixture
def database_backend(seeded, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": DATABASE_BACKEND}
    call_command("update_index", verbosity=0)


FOUND_BY = [
    ("guayuza", "ilex-guayusa"),  # typo
    ("wayuza", "ilex-guayusa"),  # typo of the Kichwa name
    ("Ilex guayussa", "ilex-guayusa"),  # typo in a scientific name
    ("platanos", "musa-spp"),  # plural, accent left out
    ("yucas", "manihot-esculenta"),
    ("naranjas", "citrus-sinensis"),
    ("huituc", "genipa-americana"),  # Spanish spelling of Kichwa "wituk"
    ("laranca", "citrus-sinensis"),
    ("wais", "ilex-guayusa"),  # the Shuar name, through the equivalence
]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "slug"), FOUND_BY)
def test_the_database_backend_finds_what_whoosh_finds(
    client, database_backend, query, slug
):
    # In the first three: SQLite's FTS5 ranking (Wagtail's) weighs a title
    # like any other text; on PostgreSQL, whose ranking weighs fields,
    # bench/search.py --database-url measures the rank (docs/benchmarks.md).
    page = BeautifulSoup(
        client.get("/es/search/", {"q": query}).content, "html.parser"
    ).select(".result-title a")
    assert f"/es/plantas/{slug}/" in [link["href"] for link in page[:3]]
    api = client.get(
        "/api/v2/pages/",
        {"search": query, "type": "plants.PlantProfilePage", "locale": "es"},
    ).json()
    assert slug in [item["meta"]["slug"] for item in api["items"][:3]]
    assert api["items"][0]["meta"]["slug"] == page[0]["href"].split("/")[-2]


@pytest.mark.django_db
def test_autocomplete_and_a_lone_quote_work_on_the_database_backend(
    client, database_backend
):
    titles = [
        item["title"]
        for item in client.get("/es/search/autocomplete/", {"q": "guay"}).json()[
            "results"
        ]
    ]
    assert "Guayusa" in titles
    assert client.get("/es/search/", {"q": '"'}).status_code == 200
    assert client.get("/es/search/autocomplete/", {"q": '"gu'}).status_code == 200


@pytest.mark.django_db
def test_all_words_before_any_word(database_backend):
    from django.contrib.auth.models import AnonymousUser
    from wagtail.models import Locale

    pages = searchable_pages(Locale.objects.get(language_code="es"), AnonymousUser())
    both, fuzzy = ranked_ids("cacao blanco", pages)
    either, _ = ranked_ids("cacao blanco", pages, operator="or")
    assert not fuzzy
    assert set(both) < set(either)
    assert "theobroma-bicolor" in {
        page.slug for page in Page.objects.filter(pk__in=both)
    }
