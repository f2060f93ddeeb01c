"""The class page's download button: the teacher of the class, and she
alone, gets her class's pack as a ZIP."""

import json
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from knowledge_portal.learning import services

from . import classroom
from .checks import checksum_errors, outside_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_class(seeded):
    return classroom.class_with_lessons()


def test_the_teacher_downloads_her_classs_pack(client, school_class):
    school_class, teacher, learners, lessons = school_class
    client.force_login(teacher)
    before = set(Path(tempfile.gettempdir()).glob("class-pack-*"))
    response = client.get(f"/es/classes/{school_class.pk}/pack.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="pack-tercero-{school_class.pk}-' in disposition
    assert disposition.endswith('.zip"')
    files = classroom.download_pack(client, school_class, teacher)
    # Nothing left behind where it was built.
    assert set(Path(tempfile.gettempdir()).glob("class-pack-*")) == before

    assert {"index.html", "manifest.json", "pack.js"} <= set(files)
    assert checksum_errors(files) == []
    assert outside_links(files) == []
    manifest = json.loads(files["manifest.json"])
    assert manifest["class"] == {"id": school_class.pk, "name": "Tercero"}
    # The languages its learners learn in.
    assert manifest["languages"] == ["es", "qu"]
    packed = {item["key"] for item in manifest["items"] if item["kind"] == "lesson"}
    assert packed == {str(page.translation_key) for page in lessons}

    # Each learner with a key of her own, none of them the site's secret.
    data = classroom.pack_data(files)
    assert data["id"] == manifest["id"] and data["class"] == school_class.pk
    assert {learner["id"] for learner in data["learners"]} == {
        learner.pk for learner in learners
    }
    keys = {learner["key"] for learner in data["learners"]}
    assert len(keys) == 2 and all(len(key) == 64 for key in keys)
    assert settings.SECRET_KEY not in files["pack.js"].decode()

    # Lesson pages carry the quiz checks, the learner's names and the save
    # button, for a script of the pack's own.
    lesson = manifest["items"][0]["pages"]["qu"]["path"]
    page = BeautifulSoup(files[lesson], "html.parser")
    assert page.select_one("#check-answers")
    names = [option.text for option in page.select("#pack-learner option[value]")]
    assert set(names) >= {learner.username for learner in learners}
    assert page.select_one("#save-answers")
    scripts = [script["src"] for script in page.select("script")]
    assert scripts == [
        "../../pack.js",
        "../../static/packs/signing.js",
        "../../static/packs/answers.js",
    ]
    script = files["static/packs/answers.js"].decode()
    assert "fetch(" not in script and "XMLHttpRequest" not in script


@pytest.mark.parametrize("who", ["other teacher", "learner"])
def test_anyone_but_the_classs_teacher_gets_a_404(client, school_class, who):
    school_class, _teacher, learners, _lessons = school_class
    if who == "learner":
        client.force_login(learners[0])
    else:
        client.force_login(classroom.make_teacher("profe-otra"))
    assert client.get(f"/es/classes/{school_class.pk}/pack.zip").status_code == 404
    answers = client.post(f"/es/classes/{school_class.pk}/answers/")
    assert answers.status_code == 404


def test_anonymous_visitors_are_asked_to_sign_in(client, school_class):
    school_class, *_rest = school_class
    response = client.get(f"/es/classes/{school_class.pk}/pack.zip")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/accounts/login/")


@pytest.mark.parametrize(
    "language, message",
    [
        ("es", "Nada de lo asignado a esta clase puede ir en un paquete."),
        ("qu", "Nada de lo asignado a esta clase puede ir en un paquete."),
    ],
)
def test_a_class_with_nothing_to_pack_says_so(client, seeded, language, message):
    teacher = classroom.make_teacher("profe-vacia")
    school_class = services.create_class(teacher, "Escuela", "Vacía")
    client.force_login(teacher)
    response = client.get(
        f"/{language}/classes/{school_class.pk}/pack.zip", follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/{language}/classes/{school_class.pk}/"
    notice = BeautifulSoup(response.content, "html.parser").select_one(".messages")
    assert message in notice.text


def test_the_class_page_offers_the_pack_and_the_upload(client, school_class):
    school_class, teacher, _learners, _lessons = school_class
    client.force_login(teacher)
    page = BeautifulSoup(
        client.get(f"/es/classes/{school_class.pk}/").content, "html.parser"
    )
    link = page.select_one("#pack a.button")
    assert link["href"] == f"/es/classes/{school_class.pk}/pack.zip"
    assert "Descargar el paquete de la clase" in link.text
    form = page.select_one("#pack form")
    assert form["action"] == f"/es/classes/{school_class.pk}/answers/"
    assert form["enctype"] == "multipart/form-data"
    field = form.select_one("input[type=file]")
    assert field.has_attr("multiple") and field["name"] == "files"
    assert form.select_one(f"label[for={field['id']}]")
