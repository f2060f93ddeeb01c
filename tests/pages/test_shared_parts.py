"""What is built once and shared never reaches anyone who may not see it,
and never outlives a change: a member's fragment is not an outsider's even
for the same page, revision and language; memberships, revisions, protocols
and credits show on the next request."""

import pytest
from django.core.cache import caches

import tests.protocols.test_leaks as leak_crawl
from knowledge_portal.contributions.models import KnowledgeNotePage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Community, Membership
from tests.protocols.conftest import (
    CANARY,
    restricted_site,  # noqa: F401  (a fixture)
    restricted_site_once,  # noqa: F401  (a fixture)
)
from tests.protocols.crawler import crawl

from . import factories as pages
from .conftest import page_url

pytestmark = pytest.mark.django_db


def plant(language="es"):
    return PlantProfilePage.objects.get(
        slug=pages.PLANT, locale__language_code=language
    )


@pytest.fixture
def people(django_user_model):
    winak = Community.objects.get(slug="winak")
    kallari = Community.objects.get(slug="kallari")
    member = django_user_model.objects.create_user("sisa", password="x" * 12)
    winak.members.add(member)
    outsider = django_user_model.objects.create_user("ajena", password="x" * 12)
    kallari.members.add(outsider)
    return {"winak": winak, "kallari": kallari, "member": member, "outsider": outsider}


@pytest.fixture
def community_note(realistic_site, people):
    """A note under the plant that only Wiñak's members may see."""
    parent = plant()
    note = KnowledgeNotePage(
        title="Nota de Wiñak",
        slug="nota-de-winak",
        kind="story",
        text=f"Un cuento de {CANARY}.",
        access="community",
        access_communities=[people["winak"].pk],
        locale=parent.locale,
    )
    parent.add_child(instance=note)
    note.save_revision().publish()
    return note


def body(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_an_outsider_never_gets_the_fragment_built_for_a_member(
    client, shared_cache_on, community_note, people, django_assert_max_num_queries
):
    url = page_url("plant", "es")
    revision = plant().live_revision_id
    client.force_login(people["member"])
    assert CANARY in body(client, url)
    with django_assert_max_num_queries(10):
        assert CANARY in body(client, url)  # served from the shared cache
    # Same page, same revision, same language: another community.
    assert plant().live_revision_id == revision
    client.force_login(people["outsider"])
    assert CANARY not in body(client, url)
    client.logout()
    assert CANARY not in body(client, url)
    # The other way round: built first for those who may not see it.
    caches["shared"].clear()
    assert CANARY not in body(client, url)
    client.force_login(people["member"])
    assert CANARY in body(client, url)


def test_a_hidden_page_stays_hidden_after_a_member_opened_it(
    client, realistic_site, shared_cache_on, people
):
    for page in PlantProfilePage.objects.filter(slug=pages.PLANT):
        page.access = "community"
        page.access_communities = [people["winak"].pk]
        page.save_revision().publish()
    url = page_url("plant", "es")
    client.force_login(people["member"])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # its route remembered
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    # Nor does a listing built for her show it to others.
    client.force_login(people["member"])
    assert url in body(client, page_url("plant index", "es"))
    client.force_login(people["outsider"])
    assert url not in body(client, page_url("plant index", "es"))


def test_a_membership_shows_on_the_next_request(
    client, shared_cache_on, community_note, people
):
    url = page_url("plant", "es")
    client.force_login(people["outsider"])
    assert CANARY not in body(client, url)
    people["winak"].members.add(people["outsider"])
    assert CANARY in body(client, url)
    Membership.objects.filter(user=people["member"]).delete()
    client.force_login(people["member"])
    assert CANARY not in body(client, url)


def test_a_new_revision_shows_on_the_next_request(
    client, realistic_site, shared_cache_on
):
    client.force_login(realistic_site["learner"])
    for language in ("es", "qu"):
        url = page_url("plant", language)
        assert "Resumen nuevo" not in body(client, url)
    for language, text in (("es", "Resumen nuevo."), ("qu", "Yura rimay musuk.")):
        page = plant(language)
        page.summary = text
        page.save_revision().publish()
    assert "Resumen nuevo." in body(client, page_url("plant", "es"))
    assert "Yura rimay musuk." in body(client, page_url("plant", "qu"))


def test_a_changed_protocol_shows_on_the_next_request(
    client, shared_cache_on, community_note, people
):
    url = page_url("plant", "es")
    client.force_login(people["member"])
    assert CANARY in body(client, url)
    community_note.access_communities = [people["kallari"].pk]
    community_note.save_revision().publish()
    assert CANARY not in body(client, url)
    client.force_login(people["outsider"])
    assert CANARY in body(client, url)


def test_a_renamed_community_shows_in_the_credits(
    client, realistic_site, shared_cache_on
):
    client.force_login(realistic_site["learner"])
    url = page_url("plant", "qu")
    assert "Rosa (Kallari)" in body(client, url)
    kallari = Community.objects.get(slug="kallari")
    kallari.name = "Kallari Ayllu"
    kallari.save()
    assert "Rosa (Kallari Ayllu)" in body(client, url)


def test_a_preview_shows_the_draft_not_the_shared_page(
    client, realistic_site, shared_cache_on
):
    """An editor's preview (a moderator reviewing a draft too) has the live
    revision's id: it must never be served, nor stored, as the live page."""
    url = page_url("plant", "es")
    assert "Borrador nuevo" not in body(client, url)
    page = plant()
    page.summary = "Borrador nuevo."
    page.save_revision()
    draft = page.get_latest_revision_as_object()
    preview = draft.make_preview_request()
    assert "Borrador nuevo." in preview.content.decode()
    assert "Borrador nuevo" not in body(client, url)


def test_several_viewers_at_once_share_nothing_with_anyone_else(
    shared_cache_on, community_note, people
):
    """``EveryoneOf`` (the offline packs' viewer) is not signed in, yet may
    see what all its people may: its key is theirs, never "public"."""
    from django.contrib.auth.models import AnonymousUser

    from knowledge_portal.protocols.access import EveryoneOf, hidden_page_ids

    members = EveryoneOf([people["member"]])
    assert community_note.pk not in hidden_page_ids(members)
    assert community_note.pk in hidden_page_ids(AnonymousUser())
    assert community_note.pk in hidden_page_ids(
        EveryoneOf([people["member"], people["outsider"]])
    )


def test_nothing_leaks_through_the_shared_cache(
    client,
    restricted_site,  # noqa: F811
    shared_cache_on,
):
    """The leak crawl of tests/protocols with the shared cache on, after a
    member of the community has crawled everything her way."""
    client.force_login(restricted_site["member"])
    assert any(CANARY in page for _status, page in crawl(client).values())
    client.force_login(restricted_site["outsider"])
    found = leak_crawl.leaks(client, restricted_site)
    assert found == [], "\n".join(map(str, found))
    client.logout()
    found = leak_crawl.leaks(client, restricted_site)
    assert found == [], "\n".join(map(str, found))
