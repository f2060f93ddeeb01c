"""Two communities, a manager of the first, and people around them."""

import pytest
from django.utils import translation

from knowledge_portal.protocols.models import Community, Membership, Role

PASSWORD = "a-long-passphrase-9"


def add_member(community, user, *roles):
    return Membership.objects.create(community=community, user=user, roles=list(roles))


@pytest.fixture
def community(db):
    return Community.objects.create(name="Tsatsayaku Prueba", slug="tsatsayaku-prueba")


@pytest.fixture
def other_community(db):
    return Community.objects.create(name="Wiñak Prueba", slug="winak-prueba")


@pytest.fixture
def make_user(django_user_model):
    def make(username):
        return django_user_model.objects.create_user(username, password=PASSWORD)

    return make


@pytest.fixture
def manager(community, make_user):
    user = make_user("mama-rosa")
    add_member(community, user, Role.MANAGER)
    return user


@pytest.fixture
def member(community, make_user):
    user = make_user("sisa-miembro")
    add_member(community, user)
    return user


@pytest.fixture
def outsider(make_user):
    return make_user("nunkui-fuera")


@pytest.fixture
def other_manager(other_community, make_user):
    user = make_user("yaku-otro")
    add_member(other_community, user, Role.MANAGER)
    return user


@pytest.fixture
def spanish():
    with translation.override("es"):
        yield
