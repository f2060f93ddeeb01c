"""Community pages: what they say in three languages, and the knowledge
credited to them, as each visitor may see it."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from knowledge_portal.communities.models import CommunityPage
from knowledge_portal.protocols.labels import TKLabel
from knowledge_portal.protocols.models import Community
from knowledge_portal.site.content.loader import load_content
from tests import factories

from .factories import credited_plant

pytestmark = pytest.mark.django_db

LANGUAGES = ("es", "qu", "jiv")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def labels_shown(document):
    return [item.strong.get_text() for item in document.select("#knowledge .tk-label")]


def label_name(code):
    with translation.override("es"):
        return str(TKLabel(code).label)


def knowledge_links(document):
    return [a["href"] for a in document.select("#knowledge a")]


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_association_has_its_page_in_every_language(client, seeded, code):
    document = page(client, f"/{code}/comunidades/")
    listed = {a["href"] for a in document.select(".cards a")}
    assert listed == {
        f"/{code}/comunidades/{slug}/"
        for slug in ("asopromas", "kallari", "tsatsayaku", "winak")
    }
    kallari = page(client, f"/{code}/comunidades/kallari/")
    assert kallari.h1.get_text() == "Kallari"
    facts = kallari.select_one("dl.facts").get_text()
    assert "Napo" in facts and "1997" in facts
    assert "Ruta del Cacao" in kallari.select_one("#produce").get_text()


@pytest.mark.parametrize("code", ("qu", "jiv"))
def test_kichwa_and_shuar_pages_show_the_spanish_marked_and_listed(
    client, seeded, code
):
    document = page(client, f"/{code}/comunidades/winak/")
    about = document.select_one("#about")
    assert about.select_one('div[lang="es"]').get_text().startswith("Wiñak es")
    # The page's one notice lists it; the text has none of its own.
    assert about.select_one(".notice") is None
    assert "Quiénes son" in document.select_one(".notice-language details").get_text()


def test_tsatsayaku_says_only_what_the_source_says(client, seeded):
    document = page(client, "/es/comunidades/tsatsayaku/")
    assert document.select_one("dl.facts") is None
    assert document.select_one("#produce") is None
    tsatsayaku = CommunityPage.objects.get(
        slug="tsatsayaku", locale__language_code="es"
    )
    assert tsatsayaku.founded is None and tsatsayaku.provinces == []


def test_translations_share_the_community_and_its_neutral_fields(seeded):
    pages = CommunityPage.objects.filter(slug="asopromas")
    assert pages.count() == 3
    assert {(p.community.slug, p.founded, tuple(p.provinces)) for p in pages} == {
        ("asopromas", 2013, ("Zamora Chinchipe", "Morona Santiago"))
    }


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_credited_plants_are_listed_in_the_visitors_language(client, seeded, code):
    links = knowledge_links(page(client, f"/{code}/comunidades/kallari/"))
    assert sorted(links) == [
        f"/{code}/plantas/{slug}/"
        for slug in ("coffea-spp", "ilex-guayusa", "theobroma-cacao", "vanilla-spp")
    ]
    winak = knowledge_links(page(client, f"/{code}/comunidades/winak/"))
    assert sorted(winak) == [
        f"/{code}/plantas/ilex-guayusa/",
        f"/{code}/plantas/theobroma-cacao/",
    ]
    assert knowledge_links(page(client, f"/{code}/comunidades/tsatsayaku/")) == []


@pytest.fixture
def protected_knowledge(seeded, tmp_path, django_user_model):
    """Kallari's own plant (for its members only, with TK labels) and a
    public one, both credited to Kallari; a member of Kallari and one of
    Wiñak."""
    factories.write_entry(
        tmp_path,
        credited_plant(
            "secretia-kallari",
            ["kallari"],
            title={"es": "Planta guardada", "qu": "Planta guardada", "jiv": "Guardada"},
            protocol={
                "access": "community",
                "communities": ["kallari"],
                "labels": ["tk-community-use-only"],
            },
        ),
    )
    factories.write_entry(
        tmp_path,
        credited_plant(
            "abiertia-kallari",
            ["kallari"],
            protocol={"access": "public", "labels": ["tk-attribution"]},
        ),
    )
    report = load_content(tmp_path)
    assert not report.errors, report.errors
    member = django_user_model.objects.create_user("sumak", password="x" * 12)
    Community.objects.get(slug="kallari").members.add(member)
    stranger = django_user_model.objects.create_user("nantu", password="x" * 12)
    Community.objects.get(slug="winak").members.add(stranger)
    return {"member": member, "stranger": stranger}


def test_knowledge_for_members_only_is_not_listed_counted_or_hinted(
    client, protected_knowledge
):
    for visitor in (None, protected_knowledge["stranger"]):
        if visitor:
            client.force_login(visitor)
        document = page(client, "/es/comunidades/kallari/")
        links = knowledge_links(document)
        assert "/es/plantas/abiertia-kallari/" in links
        assert "/es/plantas/secretia-kallari/" not in links
        text = document.get_text()
        assert "Planta guardada" not in text
        # Its TK label is not shown either: only the public plant's.
        assert labels_shown(document) == [label_name("tk-attribution")]
        assert len(links) == 5  # Kallari's four plants of content/ and the public one
        client.logout()


def test_a_member_sees_her_communitys_knowledge_and_its_labels(
    client, protected_knowledge
):
    client.force_login(protected_knowledge["member"])
    document = page(client, "/es/comunidades/kallari/")
    assert "/es/plantas/secretia-kallari/" in knowledge_links(document)
    assert sorted(labels_shown(document)) == sorted(
        [label_name("tk-attribution"), label_name("tk-community-use-only")]
    )


def test_a_draft_is_not_listed(client, protected_knowledge):
    from knowledge_portal.plants.models import PlantProfilePage

    PlantProfilePage.objects.get(
        slug="abiertia-kallari", locale__language_code="es"
    ).unpublish()
    links = knowledge_links(page(client, "/es/comunidades/kallari/"))
    assert "/es/plantas/abiertia-kallari/" not in links


def test_the_page_never_names_or_counts_its_members(client, protected_knowledge):
    client.force_login(protected_knowledge["stranger"])
    text = page(client, "/es/comunidades/kallari/").get_text()
    assert "sumak" not in text
    # No count either: the only digits are the year and the source's figures.
    assert "miembros:" not in text.lower() and "socias" not in text.lower()


def test_the_join_links_appear_once_their_views_exist(client, seeded, settings):
    from django.urls import NoReverseMatch, reverse

    document = page(client, "/es/comunidades/winak/")
    contact = document.select_one("#contact")
    try:
        ask = reverse("community_ask_to_join", args=["winak"])
    except NoReverseMatch:
        # Before the membership screens: the page still works and says how
        # little the source tells.
        assert "no dicen cómo contactar" in contact.get_text()
    else:
        assert ask in [a["href"] for a in contact.select("a")]


@pytest.mark.parametrize("code", LANGUAGES)
def test_plant_profiles_link_to_their_communities(client, seeded, code):
    document = page(client, f"/{code}/plantas/theobroma-cacao/")
    links = {a["href"] for a in document.select("#chakra a")}
    assert {
        f"/{code}/comunidades/{slug}/" for slug in ("asopromas", "kallari", "winak")
    } <= links
    assert f"/{code}/comunidades/tsatsayaku/" not in links
    zea = page(client, f"/{code}/plantas/zea-mays/")
    assert not any("/comunidades/" in a["href"] for a in zea.select("#chakra a"))
