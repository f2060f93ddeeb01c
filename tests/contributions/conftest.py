"""People of the contribution tests."""

import pytest
from django.contrib.auth.models import Group

from knowledge_portal.protocols.models import Community


@pytest.fixture
def chakramama(django_user_model):
    user = django_user_model.objects.create_user(
        "rosa", password="a-long-passphrase-9", first_name="Rosa", last_name="Grefa"
    )
    user.groups.add(Group.objects.get(name="Chakramama"))
    community, _created = Community.objects.get_or_create(
        slug="winak", defaults={"name": "Wiñak"}
    )
    community.members.add(user)
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", password="a-long-passphrase-9")
    user.groups.add(Group.objects.get(name="Moderator"))
    return user
