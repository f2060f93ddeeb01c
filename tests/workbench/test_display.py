"""Texts written in the workbench show on every kind of page with their
language and credit: a lesson's quiz (question, answer, feedback), a guide's
note and materials."""

import pytest
from bs4 import BeautifulSoup

from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.workbench import editing
from tests import factories

from . import factories as make
from .conftest import GUIDE

pytestmark = pytest.mark.django_db


def write(user, page, key, text):
    page.refresh_from_db()
    editing.save_text(
        user,
        page,
        key,
        text=text,
        reviewed=True,
        credit=editing.credit_for(user, "qu", "community:kallari-prueba"),
        seen_revision=page.live_revision_id,
    )


def test_a_quiz_shows_her_question_answer_and_feedback(client, rosa, seeded, tmp_path):
    make.load(tmp_path, lessons=[factories.lesson("leccion-credito", questions=1)])
    lesson = LessonPage.objects.get(slug="leccion-credito", locale__language_code="qu")
    question = lesson.quiz[0].id
    write(rosa, lesson, f"quiz:{question}", "QU-TEST question")
    write(rosa, lesson, f"quiz:{question}:answers:0", "QU-TEST yes")
    write(rosa, lesson, f"quiz:{question}:answers:0:feedback", "QU-TEST well done")
    lesson.refresh_from_db()
    response = client.get(f"{lesson.url}?action=quiz&q-{question}=0")
    document = BeautifulSoup(response.content, "html.parser")
    quiz = document.select_one("#quiz")
    for text in ("QU-TEST question", "QU-TEST yes", "QU-TEST well done"):
        element = quiz.find(string=text).parent
        assert element.get("lang") == "qu", text
    credits = [credit.get_text() for credit in quiz.select(".credit")]
    assert len(credits) == 3
    assert all("la comunidad Kallari Prueba" in credit for credit in credits)
    # The other answer, untouched, still says it is Spanish.
    other = quiz.select("label.answer")[1].select_one("span")
    assert other.get("lang") == "es"


def test_a_guide_shows_her_note_and_materials(client, entries, rosa):
    guide = entries["guide"]["qu"]
    note = next(child for child in guide.steps if child.block_type == "note")
    write(rosa, guide, f"steps:{note.id}", "QU-TEST careful")
    write(rosa, guide, "materials", "QU-TEST knife\nQU-TEST tape")
    guide = GuidePage.objects.get(slug=GUIDE, locale__language_code="qu")
    document = BeautifulSoup(client.get(guide.url).content, "html.parser")
    warning = document.select_one("li.note")
    assert warning.find(string="QU-TEST careful").parent.get("lang") == "qu"
    assert "Kallari Prueba" in warning.select_one(".credit").get_text()
    materials = document.select_one("#materials ul")
    assert materials.get("lang") == "qu"
    assert "Kallari Prueba" in document.select_one("#materials .credit").get_text()
