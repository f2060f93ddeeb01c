"""Who may use the workbench, and what it refuses: bad text, a file that is
not audio, someone else's name, a language she does not review, a stale
form, confirming one's own review."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge_portal.core.text_status import TextStatus
from knowledge_portal.protocols.models import Recording
from tests import factories

from .conftest import text_url

pytestmark = pytest.mark.django_db

CREDIT = "name:kallari-prueba"


def revision_of(page):
    page.refresh_from_db()
    return str(page.live_revision_id)


def post_text(client, page, key, text, **extra):
    return client.post(
        text_url("qu", page, key),
        {"text": text, "credit": CREDIT, "revision": revision_of(page), **extra},
    )


def errors_in(response):
    document = BeautifulSoup(response.content, "html.parser")
    return " ".join(error.get_text() for error in document.select(".error"))


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 404), ("member", 404), ("shuar", 404), ("rosa", 200)],
)
def test_only_reviewers_of_the_language_open_it(
    client, entries, rosa, shuar_reviewer, kallari, django_user_model, who, status
):
    from . import factories as make

    people = {"rosa": rosa, "shuar": shuar_reviewer}
    if who == "member":
        people["member"] = make.person(django_user_model, "socia")
        make.member(kallari, people["member"])
    if who in people:
        client.force_login(people[who])
    plant = entries["plant"]["qu"]
    for url in ("/qu/workbench/qu/", text_url("qu", plant, "summary")):
        assert client.get(url).status_code == status, url
    # Spanish is the source: nobody translates into it here.
    assert client.get("/es/workbench/es/").status_code == 404


def test_an_editor_of_the_page_may_translate_it(client, entries, admin_user):
    client.force_login(admin_user)
    plant = entries["plant"]["jiv"]
    response = client.get(f"/es/workbench/jiv/{plant.pk}/summary/")
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    # No community of hers to credit: her name only.
    assert [i["value"] for i in document.select("input[name=credit]")] == ["name:"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Escriba el texto en su idioma, o grábelo."),
        ("   ", "Escriba el texto en su idioma, o grábelo."),
        ("x" * 5001, "Este texto es demasiado largo"),
        ("<script>alert(1)</script>", "Escriba solo texto"),
        ('<a href="http://x">x</a>', "Escriba solo texto"),
        ("&lt;b&gt;", "Escriba solo texto"),
    ],
)
def test_bad_text_is_refused_and_nothing_changes(client, entries, rosa, text, message):
    plant = entries["plant"]["qu"]
    before = plant.summary
    client.force_login(rosa)
    response = client.post(
        f"/es/workbench/qu/{plant.pk}/summary/",
        {"text": text, "credit": CREDIT, "revision": revision_of(plant)},
    )
    assert response.status_code == 200
    assert message in errors_in(response)
    plant.refresh_from_db()
    assert plant.summary == before
    assert plant.field_status("summary") == TextStatus.AWAITING_TRANSLATION


def test_the_refusal_is_in_her_language(client, entries, rosa):
    plant = entries["plant"]["qu"]
    client.force_login(rosa)
    response = client.post(
        f"/es/workbench/qu/{plant.pk}/summary/",
        {"text": "<b>x</b>", "credit": CREDIT, "revision": revision_of(plant)},
    )
    assert "Escriba solo texto, sin etiquetas HTML ni códigos." in errors_in(response)
    # What she wrote comes back to her.
    assert "&lt;b&gt;x&lt;/b&gt;" in response.content.decode()


def test_a_file_that_is_not_audio_is_refused_and_her_text_kept(client, entries, rosa):
    plant = entries["plant"]["qu"]
    client.force_login(rosa)
    fake = SimpleUploadedFile("voz.mp3", b"<html>not audio</html>", "audio/mpeg")
    response = client.post(
        f"/es/workbench/qu/{plant.pk}/summary/",
        {
            "text": "QU-TEST kept",
            "recording": fake,
            "credit": CREDIT,
            "revision": revision_of(plant),
        },
    )
    assert response.status_code == 200
    assert "no es una grabación" in errors_in(response).lower()
    assert "QU-TEST kept" in response.content.decode()
    assert not Recording.objects.filter(uploaded_by=rosa).exists()
    plant.refresh_from_db()
    assert plant.field_status("summary") == TextStatus.AWAITING_TRANSLATION


def test_a_good_recording_is_kept_when_the_form_comes_back(client, entries, rosa):
    plant = entries["plant"]["qu"]
    client.force_login(rosa)
    audio = SimpleUploadedFile("voz.wav", factories.wav_bytes(), "audio/wav")
    response = client.post(
        text_url("qu", plant, "summary"),
        {"text": "<i>", "recording": audio, "credit": CREDIT, "revision": ""},
    )
    document = BeautifulSoup(response.content, "html.parser")
    token = document.select_one("input[name=kept_uploads]")["value"]
    response = client.post(
        text_url("qu", plant, "summary"),
        {
            "text": "",
            "credit": CREDIT,
            "revision": revision_of(plant),
            "kept_uploads": token,
        },
    )
    assert response.status_code == 302
    plant.refresh_from_db()
    audio = plant.text_record("summary")["audio"]
    assert Recording.objects.get(pk=audio["recording"]).uploaded_by == rosa
    # Voice alone leaves the text as it was.
    assert plant.field_status("summary") == TextStatus.AWAITING_TRANSLATION


def test_nobody_else_can_be_credited(client, entries, rosa, shuar_community):
    plant = entries["plant"]["qu"]
    client.force_login(rosa)
    for credit in ("name:nunkui-prueba", "community:nunkui-prueba", "name:", "Sisa"):
        response = client.post(
            text_url("qu", plant, "summary"),
            {"text": "QU-TEST", "credit": credit, "revision": revision_of(plant)},
        )
        assert response.status_code == 200, credit
    plant.refresh_from_db()
    assert plant.text_record("summary") == {}


def test_the_credit_is_hers_or_her_communitys(client, entries, rosa):
    plant = entries["plant"]["qu"]
    client.force_login(rosa)
    post_text(
        client, plant, "summary", "QU-TEST one", credit="community:kallari-prueba"
    )
    plant.refresh_from_db()
    credit = plant.text_record("summary")["credit"]
    assert "name" not in credit
    assert credit["community"] == "kallari-prueba" and credit["user"] == rosa.pk


def test_a_stale_form_shows_both_texts_and_overwrites_only_when_sent_again(
    client, entries, rosa, second_reviewer
):
    plant = entries["plant"]["qu"]
    seen = revision_of(plant)
    client.force_login(second_reviewer)
    post_text(client, plant, "summary", "QU-TEST by Sisa")
    client.force_login(rosa)
    response = client.post(
        text_url("qu", plant, "summary"),
        {"text": "QU-TEST by Rosa", "credit": CREDIT, "revision": seen},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "QU-TEST by Sisa" in page and "QU-TEST by Rosa" in page
    plant.refresh_from_db()
    assert plant.summary == "QU-TEST by Sisa"
    # Sent again from that page (which now carries the new revision): hers.
    document = BeautifulSoup(response.content, "html.parser")
    resent = document.select_one("form.workbench-form input[name=revision]")["value"]
    response = client.post(
        text_url("qu", plant, "summary"),
        {"text": "QU-TEST by Rosa", "credit": CREDIT, "revision": resent},
    )
    assert response.status_code == 302
    plant.refresh_from_db()
    assert plant.summary == "QU-TEST by Rosa"


def test_a_second_reviewer_confirms_but_not_the_first(
    client, entries, rosa, second_reviewer
):
    plant = entries["plant"]["qu"]
    client.force_login(rosa)
    post_text(client, plant, "summary", "QU-TEST reviewed", reviewed="on")
    plant.refresh_from_db()
    assert plant.field_status("summary") == TextStatus.COMMUNITY_REVIEWED
    confirm = text_url("qu", plant, "summary", "confirm")
    assert client.post(confirm, {"credit": CREDIT}).status_code == 302
    plant.refresh_from_db()
    assert "confirmations" not in plant.text_record("summary")

    client.force_login(second_reviewer)
    listing = client.get("/qu/workbench/qu/?show=confirm").content.decode()
    assert text_url("qu", plant, "summary") in listing
    assert client.post(confirm, {"credit": CREDIT}).status_code == 302
    assert client.post(confirm, {"credit": CREDIT}).status_code == 302
    plant.refresh_from_db()
    confirmations = plant.text_record("summary")["confirmations"]
    assert [person["user"] for person in confirmations] == [second_reviewer.pk]
    assert confirmations[0]["name"] == "Sisa"
    shown = client.get(plant.url).content.decode()
    assert "Sisa (Kallari Prueba)" in shown


def test_writing_keeps_the_translation_in_its_language(client, entries, rosa):
    plant = entries["plant"]["qu"]
    spanish, shuar = entries["plant"]["es"], entries["plant"]["jiv"]
    client.force_login(rosa)
    post_text(client, plant, "summary", "QU-TEST only in Kichwa")
    for other in (spanish, shuar):
        other.refresh_from_db()
        assert other.summary == "Un árbol que da sombra al cacao."
        assert other.text_record("summary") == {}


def test_reviewing_the_same_text_keeps_its_writers_credit(
    client, entries, rosa, second_reviewer
):
    plant = entries["plant"]["qu"]
    client.force_login(second_reviewer)
    post_text(client, plant, "summary", "QU-TEST by Sisa")
    client.force_login(rosa)
    response = post_text(client, plant, "summary", "QU-TEST by Sisa", reviewed="on")
    assert response.status_code == 302
    plant.refresh_from_db()
    record = plant.text_record("summary")
    assert plant.field_status("summary") == TextStatus.COMMUNITY_REVIEWED
    assert record["credit"]["user"] == second_reviewer.pk
    assert record["reviewed"]["user"] == rosa.pk
    # Sending the same again changes nothing: no new revision.
    revisions = plant.revisions.count()
    post_text(client, plant, "summary", "QU-TEST by Sisa", reviewed="on")
    assert plant.revisions.count() == revisions
