"""Who belongs to which community, with which roles: the questions every
screen asks, and what people and managers do to memberships (join codes,
requests to join, roles, removing, leaving), each rule written once.

Every change runs in one transaction and is kept in the community's log. A
manager's action first checks that she manages THAT community right now (a
role taken away a moment ago counts): otherwise ``PermissionDenied``, which
the screens show as a 404. A refused change raises ``MembershipRefused``,
whose message says why in the visitor's language and names no community she
does not already know.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core import roles as site_roles

from .access import viewer
from .models import (
    Community,
    CommunityLogEntry,
    Invitation,
    JoinRequest,
    Membership,
    Role,
)

Action = CommunityLogEntry.Action

#: How long a join code works unless its manager chooses otherwise, and the
#: longest she may choose: a code shared by message should not live forever.
JOIN_CODE_DAYS = 14
JOIN_CODE_MAX_DAYS = 90


class MembershipRefused(ValidationError):
    """A change the rules refuse; its message is for the person who asked."""


def membership_of(user, community):
    """``user``'s membership of ``community``, or None."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, community=community).first()


def has_community_role(user, community, role):
    membership = membership_of(user, community)
    return membership is not None and membership.has_role(role)


def communities_where(user, role):
    """The communities in which ``user`` has ``role``."""
    if not user.is_authenticated:
        return Community.objects.none()
    keys = [
        membership.community_id
        for membership in Membership.objects.filter(user=user)
        if membership.has_role(role)
    ]
    return Community.objects.filter(pk__in=keys)


def managers_of(community):
    return [
        membership
        for membership in community.memberships.select_related("user")
        if membership.has_role(Role.MANAGER)
    ]


def can_contribute(user):
    """Chakramamas of any community, and whom the site gave the role."""
    return (
        site_roles.can_contribute(user)
        or communities_where(user, Role.CHAKRAMAMA).exists()
    )


def offers_contributing(user):
    """``can_contribute`` as the header asks it on every page: from the
    groups and roles read once for the request (``access.viewer``), without
    a query of its own."""
    if not user.is_authenticated:
        return False
    found = viewer(user)
    return (
        user.is_superuser
        or bool(found.group_names & set(site_roles.CONTRIBUTING))
        or any(Role.CHAKRAMAMA in roles for roles in found.roles.values())
    )


def belongs_to_a_community(user):
    """Whether she is a member of any community (the same reading)."""
    return user.is_authenticated and bool(viewer(user).roles)


def log(community, actor, action, subject=None, **detail):
    """Keep ``action`` in the community's log, which its managers read."""
    return CommunityLogEntry.objects.create(
        community=community,
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        subject=subject,
        detail=detail,
    )


def manages(user, community):
    """``user`` is, right now, a manager of ``community``."""
    return has_community_role(user, community, Role.MANAGER)


def managed_communities(user):
    return communities_where(user, Role.MANAGER)


REVIEWER_PREFIX = "reviewer-"


def reviewer_role(language_code):
    """The role of a community's reviewers of ``language_code``, or None."""
    role = f"{REVIEWER_PREFIX}{language_code}"
    return role if role in Role.values else None


def languages_reviewed_in(membership):
    """The language codes whose texts this member reviews."""
    return [
        role.removeprefix(REVIEWER_PREFIX)
        for role in membership.roles
        if role.startswith(REVIEWER_PREFIX) and role in Role.values
    ]


def reviews_language(user, language_code):
    """``user`` reviews texts in ``language_code`` for one of her
    communities (the reviewer-qu or reviewer-jiv role)."""
    role = reviewer_role(language_code)
    return role is not None and communities_where(user, role).exists()


def _check_manages(actor, community, as_site_admin=False):
    """Refuse anyone who does not manage ``community`` now. A superuser
    acting in the admin (``as_site_admin``) may too: she names a new
    community's first manager."""
    if manages(actor, community):
        return
    if as_site_admin and actor.is_authenticated and actor.is_superuser:
        return
    raise PermissionDenied


def _lock(community):
    """Hold the community's memberships until the transaction ends, so that
    two managers demoting each other at once cannot leave none."""
    return list(Membership.objects.select_for_update().filter(community=community))


def _managers_left_without(community, membership):
    """How many managers the community keeps if ``membership`` stops being one."""
    return sum(
        1
        for other in _lock(community)
        if other.pk != membership.pk and other.has_role(Role.MANAGER)
    )


LAST_MANAGER = _(
    "A community always keeps at least one manager: give the manager role "
    "to someone else first."
)


def _keep_a_manager(membership, new_roles=()):
    if (
        membership.has_role(Role.MANAGER)
        and Role.MANAGER not in new_roles
        and not _managers_left_without(membership.community, membership)
    ):
        raise MembershipRefused(LAST_MANAGER, code="last_manager")


def clean_roles(roles):
    """Known roles, each once, in the order ``Role`` lists them."""
    roles = set(roles)
    unknown = roles - set(Role.values)
    if unknown:
        raise MembershipRefused(
            _("Unknown role: %(roles)s"),
            code="unknown_role",
            params={"roles": ", ".join(sorted(unknown))},
        )
    return [role for role in Role.values if role in roles]


# Join codes -------------------------------------------------------------


def normalise_join_code(value):
    """``k7qm 3xpa``, ``K7QM3XPA`` and `` k7qm-3xpa `` are ``K7QM-3XPA``."""
    letters = "".join(value.split()).upper().replace("-", "").replace("–", "")
    if len(letters) == 8:
        return f"{letters[:4]}-{letters[4:]}"
    return letters


UNKNOWN_CODE = _(
    "This code does not match any community. Check it with the person who gave it "
    "to you."
)
EXPIRED_CODE = _("This code has expired. Ask the community's manager for a new one.")
REVOKED_CODE = _(
    "This code was cancelled by the community. Ask its manager for a new one."
)


def usable_invitation(code, now=None):
    """The invitation of ``code``, or ``MembershipRefused`` saying whether it
    is wrong, expired or revoked, and never whose it is."""
    invitation = (
        Invitation.objects.filter(code=normalise_join_code(code or ""))
        .select_related("community")
        .first()
    )
    if invitation is None:
        raise MembershipRefused(UNKNOWN_CODE, code="unknown_code")
    if invitation.revoked_at is not None:
        raise MembershipRefused(REVOKED_CODE, code="revoked_code")
    if not invitation.is_usable(now):
        raise MembershipRefused(EXPIRED_CODE, code="expired_code")
    return invitation


@transaction.atomic
def make_join_code(manager, community, days=JOIN_CODE_DAYS):
    """A new code for ``community`` that works for ``days`` days."""
    _check_manages(manager, community)
    if not 1 <= days <= JOIN_CODE_MAX_DAYS:
        raise MembershipRefused(
            _("A code works from 1 to %(max)s days."),
            code="days",
            params={"max": JOIN_CODE_MAX_DAYS},
        )
    expires_at = timezone.now() + timedelta(days=days)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    community=community, created_by=manager, expires_at=expires_at
                )
            break
        except IntegrityError:
            continue  # the code collided with another's; draw again
    else:
        raise RuntimeError("could not draw a unique join code")
    log(
        community,
        manager,
        Action.INVITED,
        code=invitation.code,
        expires_at=expires_at.isoformat(),
    )
    return invitation


@transaction.atomic
def revoke_join_code(manager, invitation):
    _check_manages(manager, invitation.community)
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log(invitation.community, manager, Action.REVOKED_CODE, code=invitation.code)
    return invitation


@transaction.atomic
def join_with_code(user, code):
    """Make ``user`` a member of the code's community: ``(membership,
    joined)``, ``joined`` False when she already belonged to it."""
    invitation = usable_invitation(code)
    community = invitation.community
    membership = membership_of(user, community)
    if membership is not None:
        return membership, False
    membership = Membership.objects.create(community=community, user=user)
    _close_pending_request(user, community, decided_by=None)
    log(community, user, Action.JOINED, subject=user, code=invitation.code)
    return membership, True


# Requests to join ---------------------------------------------------------


def pending_request(user, community):
    if not user.is_authenticated:
        return None
    return JoinRequest.objects.filter(
        user=user, community=community, status=JoinRequest.Status.PENDING
    ).first()


def _close_pending_request(user, community, decided_by):
    JoinRequest.objects.filter(
        user=user, community=community, status=JoinRequest.Status.PENDING
    ).update(
        status=JoinRequest.Status.APPROVED,
        decided_by=decided_by,
        decided_at=timezone.now(),
    )


ALREADY_MEMBER = _("You already belong to this community.")


@transaction.atomic
def ask_to_join(user, community, message=""):
    """Ask the managers of ``community`` to let ``user`` in; asking again
    while a request waits returns the waiting one."""
    if membership_of(user, community) is not None:
        raise MembershipRefused(ALREADY_MEMBER, code="already_member")
    waiting = pending_request(user, community)
    if waiting is not None:
        return waiting
    request = JoinRequest.objects.create(
        community=community, user=user, message=message.strip()
    )
    log(community, user, Action.REQUESTED, subject=user)
    return request


def _decide(manager, join_request, status, action):
    _check_manages(manager, join_request.community)
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise MembershipRefused(
            _("This request was already answered."), code="answered"
        )
    join_request.status = status
    join_request.decided_by = manager
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    log(join_request.community, manager, action, subject=join_request.user)
    return join_request


@transaction.atomic
def approve_request(manager, join_request):
    join_request = _decide(
        manager, join_request, JoinRequest.Status.APPROVED, Action.APPROVED
    )
    Membership.objects.get_or_create(
        community=join_request.community, user=join_request.user
    )
    return join_request


@transaction.atomic
def refuse_request(manager, join_request):
    return _decide(manager, join_request, JoinRequest.Status.REFUSED, Action.REFUSED)


# Members and their roles --------------------------------------------------

NO_SELF_PROMOTION = _("Nobody gives herself a role: ask another manager.")


@transaction.atomic
def add_member(manager, community, user, roles=(), as_site_admin=False):
    """Put ``user`` in ``community`` with ``roles`` (the admin's way)."""
    _check_manages(manager, community, as_site_admin)
    roles = clean_roles(roles)
    if roles and user == manager:
        raise MembershipRefused(NO_SELF_PROMOTION, code="self_promotion")
    if membership_of(user, community) is not None:
        raise MembershipRefused(
            _("This person already belongs to this community."), code="already_member"
        )
    membership = Membership.objects.create(community=community, user=user, roles=roles)
    log(community, manager, Action.ADDED, subject=user, roles=roles)
    return membership


@transaction.atomic
def set_roles(manager, membership, roles, as_site_admin=False):
    """Give ``membership`` exactly ``roles``. Nobody gives herself a role
    (she may drop her own), and the community keeps a manager."""
    _check_manages(manager, membership.community, as_site_admin)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    roles = clean_roles(roles)
    before = clean_roles(membership.roles)
    if roles == before:
        return membership
    if membership.user == manager and not set(roles) <= set(before):
        raise MembershipRefused(NO_SELF_PROMOTION, code="self_promotion")
    _keep_a_manager(membership, roles)
    membership.roles = roles
    membership.save(update_fields=["roles"])
    log(
        membership.community,
        manager,
        Action.ROLES_CHANGED,
        subject=membership.user,
        before=before,
        after=roles,
    )
    return membership


@transaction.atomic
def remove_member(manager, membership, as_site_admin=False):
    _check_manages(manager, membership.community, as_site_admin)
    _keep_a_manager(membership)
    membership.delete()
    log(
        membership.community,
        manager,
        Action.REMOVED,
        subject=membership.user,
        roles=membership.roles,
    )


@transaction.atomic
def leave(user, community):
    membership = membership_of(user, community)
    if membership is None:
        raise MembershipRefused(
            _("You do not belong to this community."), code="not_member"
        )
    _keep_a_manager(membership)
    membership.delete()
    log(community, user, Action.LEFT, subject=user, roles=membership.roles)
