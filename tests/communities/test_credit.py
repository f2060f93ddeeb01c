"""Knowledge credited to communities: in content files, the API, search,
translations and contributions."""

import pytest
import yaml
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge_portal.contributions.models import KnowledgeNotePage
from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Community
from knowledge_portal.site.content.exporter import export_content
from knowledge_portal.site.content.loader import load_content
from tests import factories

from .factories import community, credited_plant

pytestmark = pytest.mark.django_db


def credited(page):
    return sorted(c.slug for c in page.credited_communities.all())


def test_the_case_study_credits_only_what_it_supports(seeded):
    expected = {
        "theobroma-cacao": ["asopromas", "kallari", "winak"],
        "ilex-guayusa": ["kallari", "winak"],
        "coffea-spp": ["kallari"],
        "vanilla-spp": ["kallari"],
    }
    for page in PlantProfilePage.objects.all():
        assert credited(page) == expected.get(page.slug, []), page.slug
    for model in (GuidePage, LessonPage):
        assert not model.credited_communities.through.objects.exists()


def test_credits_travel_in_content_files_and_back(seeded, tmp_path):
    source = tmp_path / "source"
    factories.write_entry(
        source, credited_plant("creditia-prima", ["winak", "kallari"])
    )
    factories.write_entry(
        source,
        factories.guide("guia-acreditada", communities=["asopromas"]),
        folder="guides",
    )
    report = load_content(source)
    assert not report.errors, report.errors
    for page in PlantProfilePage.objects.filter(slug="creditia-prima"):
        assert credited(page) == ["kallari", "winak"]
    for page in GuidePage.objects.filter(slug="guia-acreditada"):
        assert credited(page) == ["asopromas"]

    out = tmp_path / "out"
    export_content(out)
    plant = yaml.safe_load((out / "plants" / "creditia-prima.yaml").read_text())
    assert plant["communities"] == ["kallari", "winak"]
    guide = yaml.safe_load((out / "guides" / "guia-acreditada.yaml").read_text())
    assert guide["communities"] == ["asopromas"]
    kallari = yaml.safe_load((out / "communities" / "kallari.yaml").read_text())
    assert kallari["community"] == "kallari" and kallari["founded"] == 1997
    assert kallari["text"]["about"]["qu"] == {"status": "awaiting-translation"}
    # Loading the export changes nothing: the same entries, the same credits.
    assert load_content(out).changes == 0


def test_a_credit_to_an_unknown_community_is_an_error_with_its_line(seeded, tmp_path):
    path = factories.write_entry(
        tmp_path, credited_plant("creditia-rota", ["kallari", "nadie"])
    )
    report = load_content(tmp_path)
    line = next(
        number
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if text == "- nadie"
    )
    assert [str(error) for error in report.errors] == [
        f"{path}:{line}: no community 'nadie' (communities are listed in site.yaml)"
    ]
    assert not PlantProfilePage.objects.filter(slug="creditia-rota").exists()


def test_a_community_page_for_an_unknown_community_is_an_error(seeded, tmp_path):
    path = factories.write_entry(tmp_path, community("fantasma"), folder="communities")
    report = load_content(tmp_path)
    assert len(report.errors) == 1
    assert str(report.errors[0]).startswith(f"{path}:")
    assert "no community 'fantasma'" in str(report.errors[0])


def test_a_community_that_has_a_page_cannot_be_deleted(seeded):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Community.objects.get(slug="tsatsayaku").delete()


def test_publishing_one_translation_brings_the_others_to_its_credit(seeded):
    spanish = PlantProfilePage.objects.get(
        slug="coffea-spp", locale__language_code="es"
    )
    spanish.credited_communities = [Community.objects.get(slug="tsatsayaku")]
    spanish.save_revision().publish()
    for page in PlantProfilePage.objects.filter(slug="coffea-spp"):
        assert credited(page) == ["tsatsayaku"], page.locale


@pytest.mark.parametrize("code", ["es", "qu", "jiv"])
def test_the_api_lists_community_pages_with_their_type(client, seeded, code):
    data = client.get(
        f"/api/v2/pages/?type=communities.CommunityPage&locale={code}"
        "&fields=provinces,founded&order=title"
    ).json()
    assert data["meta"]["total_count"] == 4
    by_slug = {item["meta"]["slug"]: item for item in data["items"]}
    assert set(by_slug) == {"asopromas", "kallari", "tsatsayaku", "winak"}
    assert by_slug["winak"]["meta"]["type"] == "communities.CommunityPage"
    assert by_slug["winak"]["founded"] == 2010
    assert by_slug["tsatsayaku"]["founded"] is None


def test_the_api_names_the_communities_a_plant_is_credited_to(client, seeded):
    data = client.get(
        "/api/v2/pages/?type=plants.PlantProfilePage&slug=ilex-guayusa"
        "&locale=es&fields=credited_communities"
    ).json()
    (item,) = data["items"]
    assert item["credited_communities"] == [
        {"slug": "kallari", "name": "Kallari"},
        {"slug": "winak", "name": "Wiñak"},
    ]


def test_search_finds_community_pages_and_links_to_them(client, seeded):
    document = BeautifulSoup(
        client.get("/es/search/?q=Kujeñito").content, "html.parser"
    )
    links = [a["href"] for a in document.select(".results a")]
    assert "/es/comunidades/asopromas/" in links


def test_a_note_shared_for_her_community_is_credited_to_it(
    client, seeded, django_user_model
):
    rosa = django_user_model.objects.create_user("rosa", password="x" * 14)
    rosa.groups.add(Group.objects.get(name="Chakramama"))
    winak = Community.objects.get(slug="winak")
    winak.members.add(rosa)
    guayusa = PlantProfilePage.objects.get(
        slug="ilex-guayusa", locale__language_code="es"
    )
    client.force_login(rosa)
    form = {
        "kind": "practice",
        "text": "Se siembra junto al cacao.",
        "credit_as": "community",
        "access": "public",
        "commercial_use": "no",
        "consent": "on",
        "photos": SimpleUploadedFile(
            "hoja.png", factories.png_bytes(), content_type="image/png"
        ),
    }
    response = client.post(
        f"/es/contribute/note/{guayusa.pk}/", {**form, "community": winak.pk}
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    assert credited(KnowledgeNotePage.objects.get()) == ["winak"]

    form.update(credit_as="name", text="Otra práctica.")
    form["photos"] = SimpleUploadedFile(
        "hoja2.png", factories.png_bytes(), content_type="image/png"
    )
    response = client.post(f"/es/contribute/note/{guayusa.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:1500]
    second = KnowledgeNotePage.objects.order_by("pk").last()
    assert credited(second) == []
