"""One moderator group: the admin offered both "Moderator" and "Moderators"."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask

from knowledge_portal.core.roles import MODERATOR

pytestmark = pytest.mark.django_db

merge = importlib.import_module(
    "knowledge_portal.contributions.migrations.0007_one_moderator_group"
)


def test_the_site_has_one_moderator_group_and_it_approves():
    assert list(
        Group.objects.filter(name__istartswith="moderator").values_list(
            "name", flat=True
        )
    ) == [MODERATOR]
    for task in GroupApprovalTask.objects.all():
        assert list(task.groups.values_list("name", flat=True)) == [MODERATOR]


def test_people_in_wagtails_moderators_group_become_moderators(django_user_model):
    duplicate = Group.objects.create(name="Moderators")
    person = django_user_model.objects.create_user("revisora")
    person.groups.add(duplicate)

    merge.merge_into_the_role(apps, None)

    assert not Group.objects.filter(name="Moderators").exists()
    assert list(person.groups.values_list("name", flat=True)) == [MODERATOR]
