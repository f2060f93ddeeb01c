"""At most ten queries a page, whatever its size, for a signed-in learner and
for an anonymous visitor the page cache missed, once the parts shared by
everyone who may see them have been built (tests/pages/factories.py)."""

import pytest
from django.core.cache import caches

from .conftest import page_url

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


@pytest.mark.parametrize("language", ["es", "qu"])
@pytest.mark.parametrize(
    "name", ["plant", "guide", "lesson", "plant index", "my learning"]
)
def test_a_signed_in_learner_costs_at_most_ten_queries(
    client,
    realistic_site,
    shared_cache_on,
    django_assert_max_num_queries,
    language,
    name,
):
    client.force_login(realistic_site["learner"])
    url = page_url(name, language)
    assert client.get(url).status_code == 200  # builds the shared parts
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    # Her own parts are there, not someone else's.
    assert b'class="inline-form"' in response.content  # her sign-out form


@pytest.mark.parametrize("language", ["es", "qu"])
@pytest.mark.parametrize("name", ["plant", "guide", "lesson", "plant index"])
def test_an_anonymous_cache_miss_costs_at_most_ten_queries(
    client,
    realistic_site,
    shared_cache_on,
    settings,
    django_assert_max_num_queries,
    language,
    name,
):
    settings.PAGE_CACHE_SECONDS = 600
    url = page_url(name, language)
    assert client.get(url).status_code == 200
    caches["pages"].clear()
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    caches["pages"].clear()


def test_the_shared_parts_are_built_once_for_everyone_alike(
    client, realistic_site, shared_cache_on, django_user_model, count_queries
):
    """A second learner of the class (same groups, no community) gets the
    fragments the first one's visit built: no more queries than her."""
    url = page_url("plant", "es")
    client.force_login(realistic_site["learner"])
    first, _response = count_queries(client, url)
    other = django_user_model.objects.create_user("aprendiz-dos", password="x" * 12)
    other.groups.set(realistic_site["learner"].groups.all())
    client.force_login(other)
    second, _response = count_queries(client, url)
    assert len(second) <= 10 < len(first)
