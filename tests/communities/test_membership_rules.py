"""The rules of membership (protocols.membership), each with what it refuses."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from knowledge_portal.protocols import membership
from knowledge_portal.protocols.membership import MembershipRefused
from knowledge_portal.protocols.models import (
    CommunityLogEntry,
    Invitation,
    JoinRequest,
    Membership,
    Role,
)

from .conftest import add_member

Action = CommunityLogEntry.Action
pytestmark = pytest.mark.django_db


def refusal(error):
    return error.value.code


def entries(community):
    return list(
        community.log_entries.order_by("pk").values_list(
            "actor__username", "action", "subject__username"
        )
    )


# Join codes ---------------------------------------------------------------------------


def test_a_manager_makes_a_code_that_works_for_the_days_she_chose(manager, community):
    invitation = membership.make_join_code(manager, community, days=3)
    assert invitation.community == community
    assert invitation.created_by == manager
    left = invitation.expires_at - timezone.now()
    assert timedelta(days=2, hours=23) < left <= timedelta(days=3)
    entry = community.log_entries.get()
    assert (entry.actor, entry.action) == (manager, Action.INVITED)
    assert entry.detail["code"] == invitation.code
    assert entry.created_at <= timezone.now()


@pytest.mark.parametrize("days", [0, -1, membership.JOIN_CODE_MAX_DAYS + 1])
def test_a_code_lives_at_least_a_day_and_not_forever(manager, community, days):
    with pytest.raises(MembershipRefused):
        membership.make_join_code(manager, community, days=days)
    assert not Invitation.objects.exists()


def test_only_a_manager_of_that_community_makes_or_revokes_its_codes(
    community, member, outsider, other_manager, manager, django_user_model
):
    superuser = django_user_model.objects.create_superuser("root-x", password="x" * 12)
    for user in (member, outsider, other_manager, superuser):
        with pytest.raises(PermissionDenied):
            membership.make_join_code(user, community)
    invitation = membership.make_join_code(manager, community)
    for user in (member, outsider, other_manager, superuser):
        with pytest.raises(PermissionDenied):
            membership.revoke_join_code(user, invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert Invitation.objects.count() == 1
    assert [row[1] for row in entries(community)] == [Action.INVITED]


@pytest.mark.parametrize(
    "typed", ["{code}", "{lower}", " {lower} ", "{nodash}", "{spaced}"]
)
def test_a_code_is_read_whatever_its_case_spaces_and_dash(
    manager, community, outsider, typed
):
    code = membership.make_join_code(manager, community).code
    written = typed.format(
        code=code,
        lower=code.lower(),
        nodash=code.replace("-", ""),
        spaced=" ".join(code.replace("-", "")),
    )
    joined, created = membership.join_with_code(outsider, written)
    assert created and joined.community == community and joined.roles == []
    assert entries(community)[-1] == (
        outsider.username,
        Action.JOINED,
        outsider.username,
    )


def test_wrong_expired_and_revoked_codes_say_which_and_create_nothing(
    manager, community, outsider
):
    expired = membership.make_join_code(manager, community)
    Invitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    revoked = membership.revoke_join_code(
        manager, membership.make_join_code(manager, community)
    )
    logged = community.log_entries.count()
    for code, why in [
        ("ZZZZ-ZZZZ", "unknown_code"),
        ("", "unknown_code"),
        (expired.code, "expired_code"),
        (revoked.code, "revoked_code"),
    ]:
        with pytest.raises(MembershipRefused) as error:
            membership.join_with_code(outsider, code)
        assert refusal(error) == why
        # The message never names whose code it is.
        assert community.name not in " ".join(error.value.messages)
    assert not Membership.objects.filter(user=outsider).exists()
    assert community.log_entries.count() == logged


def test_joining_again_says_she_already_belongs(manager, community, member):
    code = membership.make_join_code(manager, community).code
    row, joined = membership.join_with_code(member, code)
    assert not joined and row.user == member
    assert Membership.objects.filter(user=member).count() == 1


def test_revoking_twice_logs_once(manager, community):
    invitation = membership.make_join_code(manager, community)
    membership.revoke_join_code(manager, invitation)
    membership.revoke_join_code(manager, invitation)
    assert [row[1] for row in entries(community)] == [
        Action.INVITED,
        Action.REVOKED_CODE,
    ]


# Requests to join ---------------------------------------------------------------------


def test_asking_then_approval_makes_her_a_member(manager, community, outsider):
    request = membership.ask_to_join(outsider, community, "  Soy de Tena.  ")
    assert request.message == "Soy de Tena."
    assert membership.ask_to_join(outsider, community) == request  # still waits
    assert JoinRequest.objects.count() == 1
    membership.approve_request(manager, request)
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.APPROVED
    assert request.decided_by == manager
    assert membership.membership_of(outsider, community) is not None
    assert entries(community) == [
        (outsider.username, Action.REQUESTED, outsider.username),
        (manager.username, Action.APPROVED, outsider.username),
    ]
    with pytest.raises(MembershipRefused):
        membership.refuse_request(manager, request)  # already answered


def test_refusal_lets_nobody_in(manager, community, outsider):
    request = membership.ask_to_join(outsider, community)
    membership.refuse_request(manager, request)
    assert membership.membership_of(outsider, community) is None
    assert entries(community)[-1] == (
        manager.username,
        Action.REFUSED,
        outsider.username,
    )


def test_a_member_need_not_ask(community, member):
    with pytest.raises(MembershipRefused):
        membership.ask_to_join(member, community)
    assert not JoinRequest.objects.exists()


def test_only_that_communitys_manager_answers_requests(
    manager, community, outsider, member, other_manager
):
    request = membership.ask_to_join(outsider, community)
    for user in (member, other_manager, outsider):
        for decide in (membership.approve_request, membership.refuse_request):
            with pytest.raises(PermissionDenied):
                decide(user, request)
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.PENDING
    assert membership.membership_of(outsider, community) is None


# Roles --------------------------------------------------------------------------------


def test_a_manager_gives_roles_and_the_log_keeps_before_and_after(
    manager, community, member
):
    row = Membership.objects.get(user=member)
    membership.set_roles(manager, row, [Role.STEWARD, Role.CHAKRAMAMA])
    row.refresh_from_db()
    assert row.roles == [Role.CHAKRAMAMA, Role.STEWARD]
    entry = community.log_entries.get()
    assert (entry.actor, entry.action, entry.subject) == (
        manager,
        Action.ROLES_CHANGED,
        member,
    )
    assert entry.detail == {"before": [], "after": ["chakramama", "steward"]}


def test_unknown_roles_are_refused(manager, community, member):
    row = Membership.objects.get(user=member)
    with pytest.raises(MembershipRefused):
        membership.set_roles(manager, row, ["pope"])
    row.refresh_from_db()
    assert row.roles == []


def test_nobody_gives_herself_a_role(manager, community):
    row = Membership.objects.get(user=manager)
    with pytest.raises(MembershipRefused) as error:
        membership.set_roles(manager, row, [Role.MANAGER, Role.STEWARD])
    assert refusal(error) == "self_promotion"
    row.refresh_from_db()
    assert row.roles == [Role.MANAGER]
    assert not community.log_entries.exists()


def test_a_member_cannot_give_herself_or_others_roles(community, member, manager):
    for row in Membership.objects.filter(community=community):
        with pytest.raises(PermissionDenied):
            membership.set_roles(member, row, [Role.MANAGER])
    assert Membership.objects.get(user=member).roles == []


def test_a_manager_cannot_change_another_community(
    manager, other_community, other_manager, make_user
):
    row = add_member(other_community, make_user("ajeno"))
    with pytest.raises(PermissionDenied):
        membership.set_roles(manager, row, [Role.CHAKRAMAMA])
    with pytest.raises(PermissionDenied):
        membership.remove_member(manager, row)
    with pytest.raises(PermissionDenied):
        membership.make_join_code(manager, other_community)
    row.refresh_from_db()
    assert row.roles == []
    assert not other_community.log_entries.exists()


def test_a_manager_whose_role_was_taken_away_can_do_nothing_more(
    manager, community, member, make_user
):
    second = make_user("segunda")
    add_member(community, second, Role.MANAGER)
    membership.set_roles(second, Membership.objects.get(user=manager), [])
    row = Membership.objects.get(user=member)
    with pytest.raises(PermissionDenied):
        membership.set_roles(manager, row, [Role.CHAKRAMAMA])
    with pytest.raises(PermissionDenied):
        membership.remove_member(manager, row)
    with pytest.raises(PermissionDenied):
        membership.make_join_code(manager, community)
    assert Membership.objects.get(user=member).roles == []


def test_a_manager_may_drop_her_own_roles_while_another_manages(
    manager, community, make_user
):
    add_member(community, make_user("segunda"), Role.MANAGER)
    row = Membership.objects.get(user=manager)
    membership.set_roles(manager, row, [])
    row.refresh_from_db()
    assert row.roles == []


# The last manager ---------------------------------------------------------------------


def test_the_last_manager_cannot_be_demoted_removed_or_leave(manager, community):
    row = Membership.objects.get(user=manager)
    for act in (
        lambda: membership.set_roles(manager, row, []),
        lambda: membership.remove_member(manager, row),
        lambda: membership.leave(manager, community),
    ):
        with pytest.raises(MembershipRefused) as error:
            act()
        assert refusal(error) == "last_manager"
    row.refresh_from_db()
    assert row.roles == [Role.MANAGER]
    assert not community.log_entries.exists()


# Removing and leaving -----------------------------------------------------------------


def test_a_manager_removes_a_member(manager, community, member):
    membership.remove_member(manager, Membership.objects.get(user=member))
    assert membership.membership_of(member, community) is None
    assert entries(community) == [(manager.username, Action.REMOVED, member.username)]


def test_a_member_leaves(community, member):
    membership.leave(member, community)
    assert membership.membership_of(member, community) is None
    assert entries(community) == [(member.username, Action.LEFT, member.username)]


def test_leaving_a_community_she_is_not_in_is_refused(community, outsider):
    with pytest.raises(MembershipRefused):
        membership.leave(outsider, community)


def test_the_first_manager_is_named_by_a_superuser_in_the_admin(
    community, outsider, django_user_model
):
    root = django_user_model.objects.create_superuser("root-y", password="x" * 12)
    with pytest.raises(PermissionDenied):
        membership.add_member(root, community, outsider, [Role.MANAGER])
    membership.add_member(root, community, outsider, [Role.MANAGER], as_site_admin=True)
    assert membership.manages(outsider, community)
    assert entries(community) == [(root.username, Action.ADDED, outsider.username)]


# What the roles lead to ---------------------------------------------------------------


def test_reviews_language_follows_the_reviewer_roles(community, member, outsider):
    row = Membership.objects.get(user=member)
    assert not membership.reviews_language(member, "qu")
    row.roles = [Role.REVIEWER_QU]
    row.save()
    assert membership.reviews_language(member, "qu")
    assert not membership.reviews_language(member, "jiv")
    assert not membership.reviews_language(member, "es")
    assert not membership.reviews_language(outsider, "qu")


def test_a_chakramama_of_a_community_may_contribute(community, member):
    assert not membership.can_contribute(member)
    row = Membership.objects.get(user=member)
    row.roles = [Role.CHAKRAMAMA]
    row.save()
    assert membership.can_contribute(member)
