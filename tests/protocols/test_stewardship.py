"""A community's stewards, and only they, change the protocol of its items;
the change reaches every translation, the draft, the log, and at once every
door an anonymous visitor uses (with the page cache on)."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols import stewardship
from knowledge_portal.protocols.models import (
    Community,
    CommunityLogEntry,
    ImageProtocol,
    Membership,
)

from . import stewardship_fixtures

pytestmark = pytest.mark.django_db

# The fixture, by name, for pytest.
stewarded = stewardship_fixtures.stewarded
OPEN, SLUG, WORD = (
    stewardship_fixtures.OPEN,
    stewardship_fixtures.SLUG,
    stewardship_fixtures.WORD,
)
person = stewardship_fixtures.person

REASON = "La asamblea lo decidió."


def for_kallari(site):
    return {"access": "community", "access_communities": [site["kallari"].pk]}


def test_a_community_s_items_are_its_pages_once_images_and_recordings(stewarded):
    items = stewardship.items_of(stewarded["kallari"], language="qu")
    pages = [item for item in items if isinstance(item, PlantProfilePage)]
    assert [page.slug for page in pages] == [SLUG]
    assert pages[0].locale.language_code == "qu"
    assert stewarded["image"] in items and stewarded["recording"] in items
    assert stewardship.items_of(stewarded["winak"]) == []
    assert stewardship.protocols_naming(stewarded["kallari"]) == 3


def test_only_a_steward_of_the_item_s_community_may_steward_it(
    stewarded, django_user_model
):
    page = stewarded["page"]
    assert stewardship.can_steward(stewarded["steward"], page)
    assert stewardship.can_steward(stewarded["steward"], stewarded["image"])
    for name in ("other_steward", "member", "manager", "superuser"):
        assert not stewardship.can_steward(stewarded[name], page), name
    editor = person(django_user_model, "editor", is_staff=True)
    assert not stewardship.can_steward(editor, page)


@pytest.mark.parametrize(
    "who", ["other_steward", "member", "manager", "superuser", "former_steward"]
)
def test_everyone_else_is_refused_and_nothing_changes(stewarded, who):
    if who == "former_steward":
        membership = Membership.objects.get(user=stewarded["steward"])
        membership.roles = []
        membership.save()
        who = "steward"
    with pytest.raises(PermissionDenied):
        stewardship.change_protocol(stewarded[who], stewarded["page"], OPEN, REASON)
    for page in PlantProfilePage.objects.filter(slug=SLUG):
        assert page.access == "community"
    assert not CommunityLogEntry.objects.filter(action="protocol").exists()


@pytest.mark.parametrize("reason", ["", "   ", "x" * 301])
def test_a_reason_is_required_and_short(stewarded, reason):
    with pytest.raises(ValidationError):
        stewardship.change_protocol(
            stewarded["steward"], stewarded["page"], OPEN, reason
        )
    assert PlantProfilePage.objects.get(pk=stewarded["page"].pk).access == "community"


@pytest.mark.parametrize(
    "values",
    [
        {"access": "secret"},
        {"access": "community", "access_communities": []},
        {"access": "community", "access_communities": [987654]},
        {"access": "public", "season_months": [13]},
        {"access": "public", "tk_labels": ["tk-made-up"]},
    ],
)
def test_bad_values_are_refused(stewarded, values):
    with pytest.raises(ValidationError):
        stewardship.change_protocol(
            stewarded["steward"], stewarded["page"], values, REASON
        )


def test_a_page_changes_in_every_translation_and_its_latest_revision(stewarded):
    stewardship.change_protocol(
        stewarded["steward"],
        stewarded["page"],
        {**OPEN, "tk_labels": ["tk-attribution"], "season_months": [3, 4]},
        REASON,
    )
    pages = PlantProfilePage.objects.filter(slug=SLUG)
    assert pages.count() == 3
    for page in pages:
        assert (page.access, page.season_months) == ("public", [3, 4])
        assert page.tk_labels == ["tk-attribution"]
        assert page.protected  # seasonal
        revision = page.get_latest_revision()
        assert revision.content["access"] == "public"
        assert revision.content["season_months"] == [3, 4]
        # The next publish keeps the new protocol.
        revision.publish()
        page.refresh_from_db()
        assert page.access == "public" and page.season_months == [3, 4]


def test_a_draft_keeps_its_content_and_gets_the_new_protocol(stewarded):
    page = PlantProfilePage.objects.get(pk=stewarded["page"].pk)
    live_title = page.title
    page.title = "Título del borrador"
    page.save_revision()
    stewardship.change_protocol(stewarded["steward"], page, OPEN, REASON)

    page.refresh_from_db()
    assert page.title == live_title, "the live page does not take the draft"
    assert page.access == "public"
    assert page.has_unpublished_changes
    draft = page.get_latest_revision()
    assert draft.content["title"] == "Título del borrador"
    assert draft.content["access"] == "public"
    draft.publish()
    page.refresh_from_db()
    assert (page.title, page.access) == ("Título del borrador", "public")


def test_images_and_recordings_change_their_own_protocol(stewarded):
    winak = stewarded["winak"].pk
    to_winak = {"access": "community", "access_communities": [winak]}
    steward = stewarded["steward"]
    stewardship.change_protocol(steward, stewarded["image"], to_winak, REASON)
    stewardship.change_protocol(steward, stewarded["recording"], to_winak, REASON)
    protocol = ImageProtocol.objects.get(image=stewarded["image"])
    assert protocol.access_communities == [winak]
    stewarded["recording"].refresh_from_db()
    assert stewarded["recording"].access_communities == [winak]
    # No longer Kallari's: its steward has no say, Wiñak's has.
    assert not stewardship.can_steward(steward, stewarded["recording"])
    assert stewardship.can_steward(stewarded["other_steward"], stewarded["recording"])


def test_the_log_says_who_what_when_and_why_in_each_community_named(stewarded):
    winak = stewarded["winak"]
    stewardship.change_protocol(
        stewarded["steward"],
        stewarded["page"],
        {"access": "community", "access_communities": [winak.pk]},
        f"  {REASON} ",
    )
    entries = CommunityLogEntry.objects.filter(action="protocol")
    assert {entry.community for entry in entries} == {stewarded["kallari"], winak}
    for entry in entries:
        assert entry.actor == stewarded["steward"]
        assert entry.created_at is not None
        assert entry.detail["reason"] == REASON
        assert entry.detail["item"]["id"] == stewarded["page"].pk
        assert entry.detail["before"]["access_communities"] == [stewarded["kallari"].pk]
        assert entry.detail["after"]["access_communities"] == [winak.pk]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def doors(client, site):
    """What an anonymous visitor gets of the item at each door."""
    page = PlantProfilePage.objects.get(pk=site["page"].pk)
    document = BeautifulSoup(client.get(f"/es/search/?q={WORD}").content, "html.parser")
    # The page repeats the query; only results count.
    results = " ".join(item.get_text() for item in document.select(".results"))
    api = client.get(f"/api/v2/pages/?search={WORD}&locale=es").json()
    return {
        "page": client.get(page.url).status_code,
        "search": WORD in results,
        "api": any(item["id"] == page.pk for item in api["items"]),
        "image": client.get(site["image"].file.url).status_code,
        "recording": client.get(site["recording"].file.url).status_code,
    }


OPENED = {"page": 200, "search": True, "api": True, "image": 200, "recording": 200}
CLOSED = {"page": 404, "search": False, "api": False, "image": 404, "recording": 404}


def test_every_door_follows_at_once_with_the_page_cache_on(
    client, stewarded, page_cache
):
    steward = stewarded["steward"]
    kallari = stewarded["kallari"].pk
    assert doors(client, stewarded) == CLOSED
    for item in ("page", "image", "recording"):
        stewardship.change_protocol(
            steward,
            stewarded[item],
            {**OPEN, "access_communities": [kallari]},
            REASON,
        )
    assert doors(client, stewarded) == OPENED
    # Served from the cache now...
    assert client.get(stewarded["page"].url)["X-Page-Cache"] == "hit"
    for item in ("page", "image", "recording"):
        stewardship.change_protocol(
            steward, stewarded[item], for_kallari(stewarded), REASON
        )
    # ...and closed on the very next visit.
    assert doors(client, stewarded) == CLOSED


def test_a_community_named_by_a_protocol_cannot_be_deleted(stewarded):
    # Each refusal in its own savepoint, as a request's would be.
    with pytest.raises(ProtectedError) as refused, transaction.atomic():
        Community.objects.filter(slug="kallari-prueba").delete()
    message = str(refused.value.args[0])
    # Counted, in the site's language, and not named.
    assert "3 elementos" in message
    assert WORD not in message
    assert not refused.value.protected_objects
    with pytest.raises(ProtectedError), transaction.atomic():
        stewarded["kallari"].delete()
    assert Community.objects.filter(slug="kallari-prueba").exists()
    # A community no protocol names goes.
    stewarded["winak"].delete()
    assert not Community.objects.filter(slug="winak-prueba").exists()


def test_renaming_a_community_keeps_its_protocols(client, stewarded):
    kallari = stewarded["kallari"]
    kallari.name, kallari.slug = (
        "Kallari Asociación Prueba",
        "kallari-asociacion-prueba",
    )
    kallari.save()
    page = PlantProfilePage.objects.get(pk=stewarded["page"].pk)
    assert page.access_communities == [kallari.pk]
    client.force_login(stewarded["member"])
    assert client.get(page.url).status_code == 200
    assert stewardship.can_steward(stewarded["steward"], page)
