"""The admin's doors to communities, recordings and contributions: each
item only for editors the protocols let see it; a community that protocols
name cannot be deleted, by any path."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge_portal.contributions import services
from knowledge_portal.contributions.models import Contribution
from knowledge_portal.protocols.models import Community, Membership, Recording
from tests import factories
from tests.protocols import stewardship_fixtures

pytestmark = pytest.mark.django_db

stewarded = stewardship_fixtures.stewarded
WORD = stewardship_fixtures.WORD

COMMUNITIES = "/admin/snippets/protocols/community/"
RECORDINGS = "/admin/snippets/protocols/recording/"
CONTRIBUTIONS = "/admin/snippets/contributions/contribution/"


def editor(django_user_model, name, community):
    """A Moderator who may also list and edit recordings and contributions."""
    user = django_user_model.objects.create_user(name, password="x" * 12)
    user.groups.add(Group.objects.get(name="Moderator"))
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "view_recording",
                "change_recording",
                "delete_recording",
                "view_contribution",
                "change_contribution",
                "delete_contribution",
            ]
        )
    )
    Membership.objects.create(community=community, user=user)
    return user


@pytest.fixture
def editors(stewarded, django_user_model):
    contribution = services.submit_note(
        stewarded["member"],
        stewarded["page"],
        {
            "kind": "story",
            "text": f"Cuento de {WORD}.",
            "credit_as": "name",
            "commercial_use": False,
            "access": "public",
            "photos": [SimpleUploadedFile("n.png", factories.png_bytes(), "image/png")],
        },
    )
    return {
        "inside": editor(django_user_model, "inside", stewarded["kallari"]),
        "outside": editor(django_user_model, "outside", stewarded["winak"]),
        "contribution": Contribution.objects.get(page=contribution.page),
    }


def refused(response):
    # A 404 outside the language prefix redirects to the same address under
    # it, which the site's own page router answers with its 404.
    return response.status_code == 404 or (
        response.status_code == 302 and response["Location"].startswith("/es/admin/")
    )


def recording_screens(recording):
    return [
        f"{RECORDINGS}edit/{recording.pk}/",
        f"{RECORDINGS}delete/{recording.pk}/",
        f"{RECORDINGS}usage/{recording.pk}/",
        f"{RECORDINGS}history/{recording.pk}/",
    ]


def contribution_screens(contribution):
    return [
        f"{CONTRIBUTIONS}edit/{contribution.pk}/",
        f"{CONTRIBUTIONS}delete/{contribution.pk}/",
        f"{CONTRIBUTIONS}usage/{contribution.pk}/",
        f"{CONTRIBUTIONS}history/{contribution.pk}/",
        f"{CONTRIBUTIONS}inspect/{contribution.pk}/",
    ]


def test_an_editor_of_the_community_finds_its_recordings_and_contributions(
    client, stewarded, editors
):
    client.force_login(editors["inside"])
    assert WORD in client.get(RECORDINGS).content.decode()
    assert (
        str(editors["contribution"].page.title)
        in client.get(CONTRIBUTIONS).content.decode()
    )
    for url in recording_screens(stewarded["recording"]) + contribution_screens(
        editors["contribution"]
    ):
        assert client.get(url).status_code == 200, url


def test_an_editor_from_elsewhere_finds_none_of_them(client, stewarded, editors):
    client.force_login(editors["outside"])
    for listing in (
        RECORDINGS,
        f"{RECORDINGS}results/",
        CONTRIBUTIONS,
        f"{CONTRIBUTIONS}results/",
        f"/admin/snippets/choose/protocols/recording/?q={WORD}",
        f"/admin/snippets/choose/protocols/recording/results/?q={WORD}",
    ):
        response = client.get(listing)
        assert WORD not in response.content.decode(), listing
    for url in recording_screens(stewarded["recording"]) + contribution_screens(
        editors["contribution"]
    ):
        assert refused(client.get(url)), url
    recording = stewarded["recording"]
    client.post(
        f"{RECORDINGS}edit/{recording.pk}/", {"title": "Renamed", "access": "public"}
    )
    client.post(f"{RECORDINGS}delete/{recording.pk}/")
    recording.refresh_from_db()
    assert recording.title != "Renamed"


def test_a_recording_s_protocol_is_edited_with_choices(client, stewarded, editors):
    client.force_login(editors["inside"])
    recording = stewarded["recording"]
    body = client.get(f"{RECORDINGS}edit/{recording.pk}/").content.decode()
    assert 'type="checkbox" name="access_communities"' in body
    response = client.post(
        f"{RECORDINGS}edit/{recording.pk}/",
        {
            "title": "Voz nueva",
            "access": "community",
            "access_communities": [stewarded["winak"].pk],
            "season_months": ["3"],
        },
    )
    assert response.status_code == 302
    recording.refresh_from_db()
    assert recording.title == "Voz nueva"
    assert recording.access_communities == [stewarded["winak"].pk]
    assert recording.season_months == [3]
    # Recordings come with contributions and content files, not the admin.
    assert client.get(f"{RECORDINGS}add/").status_code in (403, 302)


def test_communities_are_listed_created_and_renamed(client, stewarded, admin_user):
    client.force_login(admin_user)
    assert "Kallari Prueba" in client.get(COMMUNITIES).content.decode()
    response = client.post(
        f"{COMMUNITIES}add/", {"name": "Tsatsayaku Prueba", "slug": "tsatsayaku-prueba"}
    )
    assert response.status_code == 302
    assert Community.objects.filter(slug="tsatsayaku-prueba").exists()
    kallari = stewarded["kallari"]
    response = client.post(
        f"{COMMUNITIES}edit/{kallari.pk}/",
        {"name": "Kallari Renombrada", "slug": "kallari-renombrada"},
    )
    assert response.status_code == 302
    kallari.refresh_from_db()
    assert kallari.slug == "kallari-renombrada"
    stewarded["recording"].refresh_from_db()
    assert stewarded["recording"].access_communities == [kallari.pk]


def test_deleting_a_community_that_protocols_name_is_refused(
    client, stewarded, admin_user
):
    client.force_login(admin_user)
    kallari = stewarded["kallari"]
    for url in (
        f"{COMMUNITIES}delete/{kallari.pk}/",
        f"/admin/bulk/protocols/community/delete/?id={kallari.pk}",
    ):
        response = client.post(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "3" in body and "no se puede eliminar" in body.lower(), url
        # Counted, not named: the titles are not in the message.
        assert Community.objects.filter(pk=kallari.pk).exists()
    # One no protocol names is deleted.
    winak = stewarded["winak"]
    client.post(f"{COMMUNITIES}delete/{winak.pk}/")
    assert not Community.objects.filter(pk=winak.pk).exists()


def test_no_recordings_without_a_permission(client, stewarded, django_user_model):
    # In the admin, but given nothing about recordings.
    user = django_user_model.objects.create_user("plain", password="x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(RECORDINGS).status_code in (302, 403)
    assert Recording.objects.count() >= 1


def test_the_moderator_group_lists_recordings_and_contributions(
    client, stewarded, editors, django_user_model
):
    # Given by the migrations to the group, not to the person.
    moderator = django_user_model.objects.create_user("moderadora", password="x" * 12)
    moderator.groups.add(Group.objects.get(name="Moderator"))
    Membership.objects.create(community=stewarded["kallari"], user=moderator)
    client.force_login(moderator)
    assert WORD in client.get(RECORDINGS).content.decode()
    contribution = editors["contribution"]
    assert str(contribution.page.title) in client.get(CONTRIBUTIONS).content.decode()
    assert (
        client.get(f"{RECORDINGS}edit/{stewarded['recording'].pk}/").status_code == 200
    )
