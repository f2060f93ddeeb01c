"""Protocols name communities by key: a community can be renamed (slug and
name) and its protocols keep it. Data made when protocols named slugs is
carried over by each app's migration, revisions included."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from wagtail.models import Revision

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.access import can_view_page
from knowledge_portal.protocols.migration_helpers import community_slugs_to_keys
from knowledge_portal.protocols.models import Community

pytestmark = pytest.mark.django_db

EDITOR = SimpleNamespace(connection=connection)


@pytest.fixture
def member_page(seeded, django_user_model):
    community = Community.objects.create(name="Sarayaku", slug="sarayaku")
    member = django_user_model.objects.create_user("sisa")
    community.members.add(member)
    page = PlantProfilePage.objects.get(slug="ilex-guayusa", locale__language_code="es")
    page.access, page.access_communities = "community", [community.pk]
    page.save_revision().publish()
    return community, member, page


def test_a_renamed_community_keeps_its_protocols(member_page):
    community, member, page = member_page
    community.name, community.slug = "Kawsak Sacha", "kawsak-sacha"
    community.save()

    page.refresh_from_db()
    assert page.access_communities == [community.pk]
    assert can_view_page(member, page)
    assert not can_view_page(AnonymousUser(), page)


def test_slugs_of_old_data_become_keys_in_rows_and_revisions(member_page):
    community, _member, page = member_page
    # As a database made before the change holds it.
    PlantProfilePage.objects.filter(pk=page.pk).update(
        access_communities=["sarayaku", "gone"]
    )
    revision = page.latest_revision
    revision.content["access_communities"] = ["sarayaku"]
    revision.save(update_fields=["content"])

    operation = community_slugs_to_keys("plants", "PlantProfilePage")
    operation.code(apps, EDITOR)

    page.refresh_from_db()
    revision.refresh_from_db()
    # A slug that names no community is dropped: nobody could see through it.
    assert page.access_communities == [community.pk]
    assert revision.content["access_communities"] == [community.pk]
    assert Revision.objects.get(pk=revision.pk).as_object().access_communities == [
        community.pk
    ]

    operation.reverse_code(apps, EDITOR)
    page.refresh_from_db()
    assert page.access_communities == ["sarayaku"]
