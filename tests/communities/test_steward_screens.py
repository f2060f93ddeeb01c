"""The stewards' screen: only the community's stewards reach it, in their
language; a change needs a reason and is refused to everyone else."""

import pytest
from django.contrib.auth.models import Group

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import CommunityLogEntry, Membership
from tests.protocols import stewardship_fixtures

pytestmark = pytest.mark.django_db

# The fixture, by name, for pytest.
stewarded = stewardship_fixtures.stewarded
OPEN, SLUG, WORD = (
    stewardship_fixtures.OPEN,
    stewardship_fixtures.SLUG,
    stewardship_fixtures.WORD,
)
person = stewardship_fixtures.person


def screen(site):
    return f"/es/communities/{site['kallari'].slug}/protocols/"


def change_url(site, kind="page", pk=None, code="es"):
    pk = pk or site["page"].pk
    return f"/{code}/communities/{site['kallari'].slug}/protocols/{kind}/{pk}/"


def opening(site, reason="Lo decidió la asamblea.", kind="page", pk=None):
    prefix = f"{kind}-{pk or site['page'].pk}"
    return {f"{prefix}-access": "public", f"{prefix}-reason": reason}


def test_a_steward_sees_her_community_s_items_and_their_protocol(client, stewarded):
    client.force_login(stewarded["steward"])
    for code in ("es", "qu", "jiv"):
        response = client.get(screen(stewarded).replace("/es/", f"/{code}/"))
        assert response.status_code == 200
        body = response.content.decode()
        assert WORD in body
        # The page in her language.
        page = PlantProfilePage.objects.get(slug=SLUG, locale__language_code=code)
        assert f'id="page-{page.pk}"' in body
        assert f'id="image-{stewarded["image"].pk}"' in body
        assert f'id="recording-{stewarded["recording"].pk}"' in body
    assert "Kallari Prueba" in body


@pytest.mark.parametrize(
    "who", ["other_steward", "member", "manager", "superuser", "editor", "former"]
)
def test_everyone_else_gets_a_404_and_changes_nothing(
    client, stewarded, django_user_model, who
):
    if who == "editor":
        user = person(django_user_model, "editor", is_staff=True)
        user.groups.add(Group.objects.get(name="Moderator"))
    elif who == "former":
        user = stewarded["steward"]
        Membership.objects.filter(user=user).update(roles=["chakramama"])
    else:
        user = stewarded[who]
    client.force_login(user)
    assert client.get(screen(stewarded)).status_code == 404
    assert client.post(change_url(stewarded), opening(stewarded)).status_code == 404
    assert PlantProfilePage.objects.get(pk=stewarded["page"].pk).access == "community"
    assert not CommunityLogEntry.objects.filter(action="protocol").exists()


def test_an_anonymous_visitor_gets_a_404(client, stewarded):
    assert client.get(screen(stewarded)).status_code == 404
    assert client.post(change_url(stewarded), opening(stewarded)).status_code == 404


def test_a_steward_changes_a_protocol_with_a_reason(client, stewarded):
    client.force_login(stewarded["steward"])
    response = client.post(change_url(stewarded), opening(stewarded))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#page-{stewarded['page'].pk}")
    for page in PlantProfilePage.objects.filter(slug=SLUG):
        assert page.access == "public"
    entry = CommunityLogEntry.objects.get(action="protocol")
    assert entry.actor == stewarded["steward"]
    assert entry.detail["reason"] == "Lo decidió la asamblea."


def test_without_a_reason_nothing_changes_and_she_is_told_why(client, stewarded):
    client.force_login(stewarded["steward"])
    response = client.post(change_url(stewarded), opening(stewarded, reason=" "))
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert PlantProfilePage.objects.get(pk=stewarded["page"].pk).access == "community"
    # In her language: the message is Spanish on /es/.
    assert "Este campo es necesario." in response.content.decode()


def test_an_item_of_another_community_is_not_reachable_from_this_one(client, stewarded):
    client.force_login(stewarded["steward"])
    public_page = PlantProfilePage.objects.filter(access="public").first()
    url = change_url(stewarded, pk=public_page.pk)
    assert client.post(url, opening(stewarded, pk=public_page.pk)).status_code == 404
    assert (
        client.post(
            change_url(stewarded, kind="nonsense"), opening(stewarded)
        ).status_code
        == 404
    )
