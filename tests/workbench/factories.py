"""People and content for the workbench tests, built through the real
loader and the real membership rows."""

from knowledge_portal.protocols.models import Community, Membership, Role
from tests import factories

PASSWORD = "a-long-passphrase-9"


def community(name, slug):
    return Community.objects.create(name=name, slug=slug)


def person(django_user_model, username, first_name=""):
    return django_user_model.objects.create_user(
        username, password=PASSWORD, first_name=first_name
    )


def member(community, user, *roles):
    return Membership.objects.create(community=community, user=user, roles=list(roles))


def reviewer(django_user_model, community, language, username, first_name=""):
    """A person with the reviewer role of ``language`` in ``community``."""
    user = person(django_user_model, username, first_name)
    member(community, user, Role(f"reviewer-{language}"))
    return user


def plant_awaiting(slug, spanish_summary):
    """A plant whose Kichwa and Shuar summaries await translation."""
    return factories.plant(slug, text={"summary": factories.localized(spanish_summary)})


def guide_awaiting(slug, steps=2):
    """A guide whose texts in Kichwa and Shuar await translation."""
    return factories.guide(slug, step_count=steps)


def load(folder, plants=(), guides=(), lessons=()):
    """Add entries to the seeded site through the real loader."""
    from knowledge_portal.site.content.loader import load_content

    for data in plants:
        factories.write_entry(folder, data)
    for data in guides:
        factories.write_entry(folder, data, folder="guides")
    if lessons:
        factories.write_learning(folder, lessons=lessons)
    report = load_content(folder)
    assert not report.errors, report.errors
