"""What a chakramama meets in her first minutes: files kept across an error,
no community yet, a contribution by voice alone, her own page after sign-in."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import translation

from knowledge_portal.contributions.models import KnowledgeNotePage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Recording
from knowledge_portal.protocols.submissions import kept_uploads
from knowledge_portal.protocols.submissions.forms import NO_COMMUNITY_YET
from tests.contributions.test_flow import note_form, photo, voice

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-9"


@pytest.fixture(autouse=True)
def own_media_folder(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def cacao(seeded):
    return PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )


@pytest.fixture
def newcomer(django_user_model):
    """A chakramama who belongs to no community yet."""
    user = django_user_model.objects.create_user("ana", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Chakramama"))
    return user


def kept_files():
    folder = Path(settings.MEDIA_ROOT) / kept_uploads.FOLDER
    return [path for path in folder.rglob("*") if path.is_file()]


def test_chosen_files_are_kept_across_an_error(client, cacao, chakramama):
    client.force_login(chakramama)
    url = f"/es/contribute/note/{cacao.pk}/"
    data = note_form(photos=[photo("a.png"), photo("b.png")])
    del data["consent"]
    response = client.post(url, data)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "2" in page.select_one(".kept-files").get_text()
    token = page.select_one("input[name=kept_uploads]")["value"]
    assert not KnowledgeNotePage.objects.exists()
    assert len(kept_files()) == 3

    # She ticks consent and sends again, choosing no file this time.
    data = note_form(photos="", recording="", kept_uploads=token)
    response = client.post(url, data)
    assert response.status_code == 302
    note = KnowledgeNotePage.objects.get()
    assert note.photos.count() == 2
    assert note.recordings.count() == 1
    assert not kept_files()


def test_kept_files_belong_to_her_session_only(client, cacao, chakramama, newcomer):
    client.force_login(chakramama)
    url = f"/es/contribute/note/{cacao.pk}/"
    data = note_form()
    del data["consent"]
    page = BeautifulSoup(client.post(url, data).content, "html.parser")
    token = page.select_one("input[name=kept_uploads]")["value"]
    client.force_login(newcomer)
    client.post(
        url,
        note_form(photos="", community="", kept_uploads=token, recording=""),
    )
    note = KnowledgeNotePage.objects.get()
    assert note.photos.count() == 0 and note.recordings.count() == 0


def test_stale_kept_files_are_removed(client, cacao, chakramama):
    old = Path(settings.MEDIA_ROOT) / kept_uploads.FOLDER / "1000-old"
    old.mkdir(parents=True)
    (old / "forgotten").write_bytes(b"x")
    client.force_login(chakramama)
    data = note_form()
    del data["consent"]
    client.post(f"/es/contribute/note/{cacao.pk}/", data)
    assert not old.exists()
    assert len(kept_files()) == 2


def test_without_a_community_she_is_told_why_and_can_share(client, cacao, newcomer):
    client.force_login(newcomer)
    url = f"/es/contribute/note/{cacao.pk}/"
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert page.select_one("[name=community]") is None
    offered = {item["value"] for item in page.select("input[name=access]")}
    assert offered == {"public"}
    credits = {item["value"] for item in page.select("input[name=credit_as]")}
    assert "community" not in credits
    with translation.override("es"):
        explanation = str(NO_COMMUNITY_YET)
    assert page.select_one(".field-access small").get_text() == explanation
    response = client.post(url, note_form(community="", photos="", recording=""))
    assert response.status_code == 302


def test_a_recording_with_a_title_is_a_contribution(client, cacao, chakramama):
    client.force_login(chakramama)
    url = f"/es/contribute/note/{cacao.pk}/"
    response = client.post(url, note_form(text="", photos="", title="Cómo se poda"))
    assert response.status_code == 302
    note = KnowledgeNotePage.objects.get()
    assert note.title == "Cómo se poda" and note.text == ""
    assert Recording.objects.count() == 1


def test_a_recording_alone_needs_a_title_and_nothing_needs_words_or_voice(
    client,
    cacao,
    chakramama,
):
    client.force_login(chakramama)
    url = f"/es/contribute/note/{cacao.pk}/"
    response = client.post(url, note_form(text="", photos=""))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["title"]
    response = client.post(url, note_form(text="", photos="", recording=""))
    assert list(response.context["form"].errors) == ["text"]
    assert not KnowledgeNotePage.objects.exists()


def test_a_plant_told_by_voice(client, seeded, chakramama):
    client.force_login(chakramama)
    response = client.post(
        "/es/contribute/plant/",
        {
            "name_es": "sacha wiru",
            "credit_as": "name",
            "access": "public",
            "commercial_use": "no",
            "consent": "on",
            "recording": voice(),
        },
    )
    assert response.status_code == 302
    plant = PlantProfilePage.objects.get(title="Sacha wiru")
    assert plant.recordings.count() == 1 and plant.uses_text == ""


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [("", "/es/contribute/mine/"), ("/es/plants/", "/es/plants/")],
)
def test_after_sign_in_she_lands_on_her_contributions(
    client,
    chakramama,
    next_url,
    lands_on,
):
    response = client.post(
        "/es/accounts/login/",
        {"username": "rosa", "password": PASSWORD, "next": next_url},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == lands_on
