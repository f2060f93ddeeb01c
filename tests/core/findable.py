"""A plant in three languages whose Shuar version only one community may see."""

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Community
from knowledge_portal.site.content.loader import load_content
from tests import factories

SLUG = "findabilis-tria"


def plant_in_three_languages(tmp_path, **overrides):
    """The plant's page in each language, published and public."""
    factories.write_entry(tmp_path, factories.plant(SLUG, **overrides))
    assert not load_content(tmp_path).errors
    return {
        page.locale.language_code: page
        for page in PlantProfilePage.objects.filter(slug=SLUG).select_related("locale")
    }


def keep_for_a_community(page, django_user_model):
    """Only members of a new community may see ``page`` (this one
    translation: the sync that copies protocols to the others runs on
    publish, so a save leaves them public). Returns a member and a member of
    another community."""
    keepers = Community.objects.create(name="Guardianas", slug="guardianas")
    others = Community.objects.create(name="Vecinas", slug="vecinas")
    page.access, page.access_communities = "community", [keepers.pk]
    page.save()
    member = django_user_model.objects.create_user("guardiana", password="x" * 12)
    keepers.members.add(member)
    outsider = django_user_model.objects.create_user("vecina", password="x" * 12)
    others.members.add(outsider)
    return member, outsider
