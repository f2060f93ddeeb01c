"""Memberships in the Wagtail admin: scoped to the communities she manages,
and edited through the same rules as the front end."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from knowledge_portal.protocols import membership
from knowledge_portal.protocols.models import Membership, Role

from .conftest import add_member

pytestmark = pytest.mark.django_db


def admin_url(action, *args, model="membership"):
    return reverse(f"wagtailsnippets_protocols_{model}:{action}", args=args)


@pytest.fixture
def staff_manager(manager):
    """The community's manager, given the admin and membership permissions."""
    group = Group.objects.create(name="Membership editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="protocols",
            codename__in=[
                "add_membership",
                "change_membership",
                "delete_membership",
                "view_invitation",
                "view_joinrequest",
            ],
        ),
    )
    manager.groups.add(group)
    return manager


def test_the_listing_shows_only_the_communities_she_manages(
    client, staff_manager, member, other_manager, community
):
    membership.make_join_code(staff_manager, community)
    client.force_login(staff_manager)
    listing = client.get(admin_url("list")).content.decode()
    assert member.username in listing
    assert other_manager.username not in listing
    codes = client.get(admin_url("list", model="invitation"))
    assert codes.status_code == 200
    own_code = community.invitations.get()
    assert own_code.code in codes.content.decode()
    inspect = client.get(admin_url("inspect", own_code.pk, model="invitation"))
    assert inspect.status_code == 200
    assert own_code.code in inspect.content.decode()
    foreign = Membership.objects.get(user=other_manager)
    # (A 404 under /admin/ is sent on to the language's address, also a 404.)
    assert client.get(admin_url("edit", foreign.pk), follow=True).status_code == 404
    assert client.post(admin_url("delete", foreign.pk), follow=True).status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_a_superuser_sees_all_and_names_a_first_manager(
    client, django_user_model, other_community, outsider
):
    root = django_user_model.objects.create_superuser("root-a", password="x" * 12)
    client.force_login(root)
    response = client.post(
        admin_url("add"),
        {"community": other_community.pk, "user": outsider.pk, "roles": [Role.MANAGER]},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert membership.manages(outsider, other_community)
    assert other_community.log_entries.get().action == "added"


def test_edits_go_through_the_rules(client, staff_manager, community, member):
    client.force_login(staff_manager)
    own = Membership.objects.get(user=staff_manager)
    # No self-promotion.
    response = client.post(
        admin_url("edit", own.pk), {"roles": [Role.MANAGER, Role.STEWARD]}
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.roles == [Role.MANAGER]
    # The last manager stays.
    client.post(admin_url("delete", own.pk))
    assert Membership.objects.filter(pk=own.pk).exists()
    # A member's roles change, and the log keeps it.
    row = Membership.objects.get(user=member)
    response = client.post(admin_url("edit", row.pk), {"roles": [Role.CHAKRAMAMA]})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.roles == [Role.CHAKRAMAMA]
    assert community.log_entries.filter(action="roles", subject=member).exists()
    client.post(admin_url("delete", row.pk))
    assert not Membership.objects.filter(pk=row.pk).exists()
    assert community.log_entries.filter(action="removed", subject=member).exists()


def test_she_cannot_add_to_a_community_she_does_not_manage(
    client, staff_manager, other_community, outsider
):
    client.force_login(staff_manager)
    response = client.post(
        admin_url("add"), {"community": other_community.pk, "user": outsider.pk}
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user=outsider).exists()


def test_join_codes_and_requests_are_read_only(client, staff_manager):
    client.force_login(staff_manager)
    for model in ("invitation", "joinrequest"):
        assert client.get(admin_url("add", model=model)).status_code in (302, 403)


def test_an_editor_without_a_managed_community_sees_no_member(
    client, staff_manager, member, make_user
):
    editor = make_user("editora")
    editor.groups.add(*staff_manager.groups.all())
    add_member(Membership.objects.get(user=member).community, editor)
    client.force_login(editor)
    listing = client.get(admin_url("list")).content.decode()
    assert member.username not in listing


def test_no_screen_of_a_row_shows_another_communitys(
    client, staff_manager, other_manager, other_community
):
    foreign = Membership.objects.get(user=other_manager)
    invitation = membership.make_join_code(other_manager, other_community)
    client.force_login(staff_manager)
    for address in (
        admin_url("history", foreign.pk),
        admin_url("usage", foreign.pk),
        admin_url("inspect", invitation.pk, model="invitation"),
        admin_url("history", invitation.pk, model="invitation"),
    ):
        response = client.get(address, follow=True)
        assert response.status_code == 404, address
        assert other_manager.username not in response.content.decode()
        assert invitation.code not in response.content.decode()
