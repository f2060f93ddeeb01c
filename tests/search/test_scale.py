"""Search at scale: indexing reads what it needs in bulk, and restricted
entries stay out of every search door on Whoosh and on the database backend,
however many there are."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from knowledge_portal.guides.models import GuidePage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.search.service import ranked_ids, searchable_pages

from .test_portable import DATABASE_BACKEND

pytestmark = pytest.mark.django_db


def queries_to_index(model, count):
    index = get_search_backend().get_index_for_model(model)
    with CaptureQueriesContext(connection) as captured:
        objects = list(model.get_indexed_objects().order_by("pk")[:count])
        index.add_items(model, objects)
    assert len(objects) == count
    return len(captured)


@pytest.mark.parametrize("model", [PlantProfilePage, GuidePage])
def test_indexing_queries_do_not_grow_with_pages(seeded, model):
    pages = model.get_indexed_objects().count()
    assert pages >= 6
    assert queries_to_index(model, 2) == queries_to_index(model, pages)


def restrict_plants(group, count=12):
    """Restrict ``count`` plants (every language), as stewards would."""
    keys = list(
        PlantProfilePage.objects.filter(locale__language_code="es")
        .order_by("pk")
        .values_list("translation_key", flat=True)[:count]
    )
    pages = PlantProfilePage.objects.filter(translation_key__in=keys)
    pages.update(access="restricted", access_group=group, protected=True)
    return list(pages.filter(locale__language_code="es"))


def found(query, user):
    locale = Locale.objects.get(language_code="es")
    ids, _fuzzy = ranked_ids(query, searchable_pages(locale, user))
    return set(ids)


@pytest.fixture(params=["whoosh", "database"])
def backend(request, seeded, settings):
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = {"default": DATABASE_BACKEND}
        call_command("update_index", verbosity=0)
    return request.param


def test_restricted_entries_are_never_found_by_outsiders(
    backend, client, django_user_model
):
    keepers = Group.objects.create(name="Guardianas")
    restricted = restrict_plants(keepers)
    member = django_user_model.objects.create_user("sisa", password="x" * 12)
    member.groups.add(keepers)
    outsider = django_user_model.objects.create_user("ajena", password="x" * 12)
    for page in restricted:
        word = page.title
        assert page.pk not in found(word, AnonymousUser()), (backend, word)
        assert page.pk not in found(word, outsider), (backend, word)
    # The positive control: her group finds them.
    assert any(page.pk in found(page.title, member) for page in restricted)
    # Nor through the API.
    for page in restricted[:3]:
        api = client.get("/api/v2/pages/", {"search": page.title}).json()
        assert page.pk not in [item["id"] for item in api["items"]]
