"""The data migration that turned the unused ``communities`` list of plant
profiles into credit: names or slugs that match a community are kept.

The migration's function runs on today's tables, with the plant model of its
time standing in for the column it reads (``communities``, since removed).
"""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps

from knowledge_portal.plants.models import PlantProfilePage

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "knowledge_portal.plants.migrations.0008_credited_communities"
)


class PlantsOfThatTime:
    """``PlantProfilePage`` as the migration saw it: with the list."""

    credited_communities = PlantProfilePage.credited_communities

    def __init__(self, lists):
        pages = PlantProfilePage.objects.filter(slug__in=lists)
        self.rows = [
            SimpleNamespace(pk=page.pk, communities=lists[page.slug]) for page in pages
        ]
        self.objects = SimpleNamespace(exclude=lambda **kwargs: self.rows)


def run(lists):
    plants = PlantsOfThatTime(lists)
    models = {
        "protocols.Community": django_apps.get_model("protocols", "Community"),
        "plants.PlantProfilePage": plants,
    }
    apps = SimpleNamespace(get_model=lambda app, name: models[f"{app}.{name}"])
    migration.credit_matching_communities(apps, None)


def credited(slug):
    return {
        tuple(sorted(c.slug for c in page.credited_communities.all()))
        for page in PlantProfilePage.objects.filter(slug=slug)
    }


def test_names_and_slugs_of_communities_become_credit(seeded):
    run(
        {
            "zea-mays": ["Wiñak", " KALLARI ", "Comuna sin página"],
            "musa-spp": ["tsatsayaku"],
            "carica-papaya": ["Nadie"],
        }
    )
    assert credited("zea-mays") == {("kallari", "winak")}
    assert credited("musa-spp") == {("tsatsayaku",)}
    assert credited("carica-papaya") == {()}


def test_the_migration_adds_the_relation_before_it_drops_the_list():
    names = [type(operation).__name__ for operation in migration.Migration.operations]
    assert names == ["AddField", "RunPython", "RemoveField"]
    assert migration.Migration.operations[1].reversible
