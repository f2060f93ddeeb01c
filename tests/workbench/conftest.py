"""A Kichwa community with two reviewers, a Shuar one with one, and a plant
and a guide whose Kichwa and Shuar texts await translation."""

import pytest
from django.core.cache import caches

from knowledge_portal.guides.models import GuidePage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.workbench import reads

from . import factories as make

PLANT = "inga-workbenchia"
GUIDE = "injerto-workbench"


@pytest.fixture(autouse=True)
def no_counts_left_over():
    """Reads counted in memory by earlier tests of this process are gone."""
    reads._counts.clear()
    yield
    reads._counts.clear()
    caches["ratelimit"].clear()


@pytest.fixture
def kallari(db):
    return make.community("Kallari Prueba", "kallari-prueba")


@pytest.fixture
def shuar_community(db):
    return make.community("Nunkui Prueba", "nunkui-prueba")


@pytest.fixture
def rosa(django_user_model, kallari):
    return make.reviewer(django_user_model, kallari, "qu", "rosa-kallari", "Rosa")


@pytest.fixture
def second_reviewer(django_user_model, kallari):
    return make.reviewer(django_user_model, kallari, "qu", "sisa-kallari", "Sisa")


@pytest.fixture
def shuar_reviewer(django_user_model, shuar_community):
    return make.reviewer(
        django_user_model, shuar_community, "jiv", "nantu-nunkui", "Nantu"
    )


@pytest.fixture
def entries(seeded, tmp_path):
    make.load(
        tmp_path,
        plants=[make.plant_awaiting(PLANT, "Un árbol que da sombra al cacao.")],
        guides=[make.guide_awaiting(GUIDE)],
    )
    return {
        "plant": {
            page.locale.language_code: page
            for page in PlantProfilePage.objects.filter(slug=PLANT).select_related(
                "locale"
            )
        },
        "guide": {
            page.locale.language_code: page
            for page in GuidePage.objects.filter(slug=GUIDE).select_related("locale")
        },
    }


def text_url(language, page, key, action=""):
    url = f"/{language}/workbench/{language}/{page.pk}/{key}/"
    return url + (f"{action}/" if action else "")
