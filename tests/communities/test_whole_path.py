"""The whole path of a community's knowledge, through the front end only.

A manager makes a join code; a person joins with it and a new account; the
manager makes her a chakramama; she shares a note that only the community
may see; a moderator of the community publishes it. Another member sees it
everywhere; a member of another community and an anonymous visitor see it
nowhere (page, listings, search, API, sitemap, media). The manager removes
her, and she no longer sees it either.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from knowledge_portal.communities.models import CommunityPage
from knowledge_portal.contributions.models import KnowledgeNotePage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Community, Membership, Role
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-9"
# A word found nowhere else on the site, so search can only find the note.
SECRET = "guardasemillasdelaluna"
NOTE_TEXT = f"El {SECRET} se siembra cuando la luna está nueva."


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def person(django_user_model, username, community=None, roles=(), groups=()):
    user = django_user_model.objects.create_user(username, password=PASSWORD)
    if community:
        Membership.objects.create(community=community, user=user, roles=list(roles))
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def what_she_sees(client, note, plant, community_page, image_url):
    """Where the note shows, door by door, for the person behind ``client``."""
    api = client.get("/api/v2/pages/", {"type": "contributions.KnowledgeNotePage"})
    return {
        # A note's own address leads to it on its plant's page.
        "page": client.get(note.url).status_code == 302,
        "plant listing": NOTE_TEXT in client.get(plant.url).content.decode(),
        "community listing": note.title
        in client.get(community_page.url).content.decode(),
        "search": any(
            SECRET in hit.get_text()
            for hit in soup(client.get("/es/search/", {"q": SECRET})).select(
                ".results > li"
            )
        ),
        "API listing": note.pk in [item["id"] for item in api.json()["items"]],
        "API detail": client.get(f"/api/v2/pages/{note.pk}/").status_code == 200,
        "sitemap": note.url in client.get("/sitemap.xml").content.decode(),
        "media": client.get(image_url).status_code == 200,
    }


def test_from_a_join_code_to_a_community_note_and_back(seeded, django_user_model):
    kallari = Community.objects.get(slug="kallari")
    community_page = CommunityPage.objects.get(
        community=kallari, locale__language_code="es"
    )
    plant = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )
    manager = person(django_user_model, "mama-manager", kallari, [Role.MANAGER])
    neighbour = person(django_user_model, "vecina", kallari)
    moderator = person(django_user_model, "moderadora", kallari, groups=["Moderator"])
    outsider = person(
        django_user_model, "ajena", Community.objects.get(slug="winak"), []
    )

    # The manager makes a code and reads it on her screen.
    as_manager = signed_in(manager)
    codes_url = reverse("community_codes", args=[kallari.slug])
    response = as_manager.post(codes_url, {"days": 7}, follow=True)
    assert response.status_code == 200
    code = soup(response).select_one(".codes .join-code").get_text(strip=True)
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", code)

    # The person she gives it to opens the shared link and makes her account.
    newcomer = Client()
    join_url = reverse("community_join")
    form = soup(newcomer.get(join_url, {"code": code}))
    assert form.select_one('input[name="code"]')["value"] == code
    response = newcomer.post(
        join_url,
        {
            "code": code.lower().replace("-", " "),
            "username": "sisa",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "language": "es",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    sisa = django_user_model.objects.get(username="sisa")
    assert Membership.objects.get(community=kallari, user=sisa).roles == []
    # A plain member may not contribute yet.
    assert newcomer.get(f"/es/contribute/note/{plant.pk}/").status_code == 403

    # The manager finds her among the members and makes her a chakramama.
    members = soup(as_manager.get(reverse("community_members", args=[kallari.slug])))
    card = next(
        item for item in members.select(".members li") if "sisa" in item.get_text()
    )
    member_url = card.select_one("a")["href"]
    response = as_manager.post(member_url, {"roles": [Role.CHAKRAMAMA]})
    assert response.status_code == 302
    assert Membership.objects.get(community=kallari, user=sisa).roles == [
        Role.CHAKRAMAMA
    ]

    # She shares a note (with a photo) that only Kallari may see.
    note_url = f"/es/contribute/note/{plant.pk}/"
    offered = soup(newcomer.get(note_url)).select('select[name="community"] option')
    assert kallari.name in [option.get_text() for option in offered]
    response = newcomer.post(
        note_url,
        {
            "kind": "practice",
            "text": NOTE_TEXT,
            "credit_as": "community",
            "community": kallari.pk,
            "access": "community",
            "commercial_use": "no",
            "consent": "on",
            "photos": SimpleUploadedFile(
                "semilla.png", factories.png_bytes(), content_type="image/png"
            ),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    note = KnowledgeNotePage.objects.get(text=NOTE_TEXT)
    assert (note.live, note.access, note.access_communities) == (
        False,
        "community",
        [kallari.pk],
    )

    # A moderator of the community publishes it from the admin.
    state = WorkflowState.objects.for_instance(note).get()
    response = signed_in(moderator).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(note.pk, "approve", state.current_task_state.pk),
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    note.refresh_from_db()
    assert note.live
    image = note.photos.get().image
    image_url = image.file.url

    everywhere = dict.fromkeys(
        [
            "page",
            "plant listing",
            "community listing",
            "search",
            "API listing",
            "API detail",
            "media",
        ],
        True,
    )
    seen = what_she_sees(signed_in(neighbour), note, plant, community_page, image_url)
    # (The sitemap is for search engines: what anyone may see, whoever asks.)
    del seen["sitemap"]
    assert seen == everywhere
    nowhere = dict.fromkeys([*everywhere, "sitemap"], False)
    for visitor in (signed_in(outsider), Client()):
        assert what_she_sees(visitor, note, plant, community_page, image_url) == nowhere
    assert what_she_sees(newcomer, note, plant, community_page, image_url)["page"]

    # The manager removes her: she no longer sees it.
    remove_url = reverse(
        "community_member_remove",
        args=[kallari.slug, Membership.objects.get(user=sisa).pk],
    )
    assert as_manager.post(remove_url).status_code == 302
    assert not Membership.objects.filter(user=sisa).exists()
    seen = what_she_sees(newcomer, note, plant, community_page, image_url)
    assert seen == dict.fromkeys(seen, False)
    # And the log the managers read says who did what.
    log = soup(as_manager.get(reverse("community_log", args=[kallari.slug])))
    text = log.get_text(" ", strip=True)
    assert "sisa" in text and "mama-manager" in text
