"""Who belongs to which community, with which roles: the questions every
screen asks, written once. What managers do to memberships (invite, approve,
remove, give roles) is in ``membership_services``."""

from knowledge_portal.core import roles as site_roles

from .models import Community, CommunityLogEntry, Membership, Role


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


def log(community, actor, action, subject=None, **detail):
    """Keep ``action`` in the community's log, which its managers read."""
    return CommunityLogEntry.objects.create(
        community=community,
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        subject=subject,
        detail=detail,
    )
