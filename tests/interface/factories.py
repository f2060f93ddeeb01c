"""People and communities of the interface tests."""

from django.contrib.auth import get_user_model

from knowledge_portal.protocols.models import Community, Membership, Role

PASSWORD = "a-long-passphrase-9"


def community(name):
    slug = name.lower().replace(" ", "-")
    return Community.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def person(username, first_name="", **extra):
    return get_user_model().objects.create_user(
        username, password=PASSWORD, first_name=first_name, **extra
    )


def reviewer(username, language, *communities, first_name=""):
    """Someone who reviews ``language`` in each of ``communities``."""
    user = person(username, first_name=first_name)
    for each in communities:
        Membership.objects.create(
            community=each, user=user, roles=[Role(f"reviewer-{language}")]
        )
    return user
