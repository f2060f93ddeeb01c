"""The people of the portal, as Django groups."""

from django.utils.translation import gettext_lazy as _

LEARNER = "Learner"
TEACHER = "Teacher"
CHAKRAMAMA = "Chakramama"
MODERATOR = "Moderator"

ROLES = {
    LEARNER: _("Learner"),
    TEACHER: _("Teacher"),
    CHAKRAMAMA: _("Chakramama"),
    MODERATOR: _("Moderator"),
}


def has_role(user, role):
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=role).exists()
    )


#: Chakramamas share knowledge; moderators check it.
CONTRIBUTING = (CHAKRAMAMA, MODERATOR)


def can_contribute(user):
    return any(has_role(user, role) for role in CONTRIBUTING)
