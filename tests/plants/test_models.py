"""Plant profile validation and the sync of language-neutral fields."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from knowledge_portal.contributions.models import KnowledgeNotePage
from knowledge_portal.core.collation import sort_key
from knowledge_portal.plants.models import (
    PlantCompanion,
    PlantIndexPage,
    PlantProfilePage,
)
from knowledge_portal.plants.validators import validate_family, validate_scientific_name


@pytest.mark.parametrize(
    "name",
    [
        "Ilex guayusa",
        "Citrus × sinensis",
        "Musa spp.",
        "Theobroma cacao subsp. sphaerocarpum",
        "Capsicum annuum var. glabriusculum",
    ],
)
def test_valid_scientific_names(name):
    validate_scientific_name(name)


@pytest.mark.parametrize(
    "name", ["ilex guayusa", "Ilex", "Ilex Guayusa", "Ilex guayusa L.", "Ilex  guayusa"]
)
def test_invalid_scientific_names(name):
    with pytest.raises(ValidationError):
        validate_scientific_name(name)


def test_family_must_look_like_a_family():
    validate_family("Aquifoliaceae")
    validate_family("Leguminosae")
    with pytest.raises(ValidationError):
        validate_family("Holly family")


def test_spanish_and_kichwa_order_puts_enye_after_n():
    words = ["ñuñu", "nina", "oca", "ñawi", "napo", "ánima", "zapote"]
    assert sorted(words, key=lambda word: sort_key(word, "es")) == [
        "ánima",
        "napo",
        "nina",
        "ñawi",
        "ñuñu",
        "oca",
        "zapote",
    ]
    assert sorted(["ñawi", "ocho", "nuna"], key=lambda word: sort_key(word, "qu")) == [
        "nuna",
        "ñawi",
        "ocho",
    ]


@pytest.mark.django_db
def test_publishing_one_language_syncs_neutral_fields_not_prose(seeded):
    es = PlantProfilePage.objects.get(slug="ilex-guayusa", locale__language_code="es")
    qu = PlantProfilePage.objects.get(slug="ilex-guayusa", locale__language_code="qu")
    qu_summary = qu.summary
    es.layer = "canopy"
    es.harvest_months = [5, 6]
    es.summary = "Texto nuevo solo en castellano."
    es.names = [*es.names.all()][:1]
    es.save_revision().publish()
    for code in ("qu", "jiv"):
        other = PlantProfilePage.objects.get(
            slug="ilex-guayusa", locale__language_code=code
        )
        assert other.layer == "canopy"
        assert other.harvest_months == [5, 6]
        assert other.names.count() == 1
    qu.refresh_from_db()
    assert qu.summary == qu_summary


@pytest.mark.django_db
def test_companions_are_synced_to_the_same_language(seeded):
    es = PlantProfilePage.objects.get(slug="ilex-guayusa", locale__language_code="es")
    zea = PlantProfilePage.objects.get(slug="zea-mays", locale__language_code="es")
    es.companions = [*es.companions.all(), PlantCompanion(companion=zea)]
    es.save_revision().publish()
    jiv = PlantProfilePage.objects.get(slug="ilex-guayusa", locale__language_code="jiv")
    companions = {link.companion for link in jiv.companions.all()}
    assert (
        PlantProfilePage.objects.get(slug="zea-mays", locale=jiv.locale) in companions
    )
    assert all(companion.locale_id == jiv.locale_id for companion in companions)


class TestEditorPaths(WagtailPageTestCase):
    def test_profiles_live_under_a_plant_index_only(self):
        self.assertAllowedParentPageTypes(PlantProfilePage, {PlantIndexPage})
        self.assertAllowedSubpageTypes(PlantProfilePage, {KnowledgeNotePage})
