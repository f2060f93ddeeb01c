"""Lesson, module and course pages: content, quiz without JS, query counts."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext, ngettext

from knowledge_portal.learning.models import Completion, LessonPage
from knowledge_portal.site.content.loader import load_content
from tests import factories

pytestmark = pytest.mark.django_db


def test_lesson_shows_objectives_activity_and_quiz_in_a_plain_form(
    client, lesson_pages
):
    document = BeautifulSoup(client.get(lesson_pages["es"].url).content, "html.parser")
    assert [li.get_text() for li in document.select("#objectives li")] == [
        "Aprender",
        "Practicar",
    ]
    assert "Ir a la chakra." in document.select_one("#activity").get_text()
    form = document.select_one("#quiz form")
    # A visitor's check changes nothing: a GET, with no CSRF token to cache.
    assert form["method"] == "get"
    assert not form.select('input[name="csrfmiddlewaretoken"]')
    assert len(form.select("fieldset.question")) == 2
    assert len(form.select('input[type="radio"]')) == 4
    assert document.select("script:not([src])") == []


def test_kichwa_lesson_shows_spanish_marked_and_listed(client, lesson_pages):
    document = BeautifulSoup(client.get(lesson_pages["qu"].url).content, "html.parser")
    assert document.html["lang"] == "qu"
    assert document.select_one("#body .notice") is None
    assert document.select_one('#body [lang="es"]')
    listed = document.select_one(".notice-language details").get_text()
    assert "Lección" in listed and "Pregunta (2)" in listed


def test_module_lists_lessons_in_position_order(client, seeded, tmp_path):
    factories.write_learning(
        tmp_path,
        lessons=[
            factories.lesson("leccion-b", position=2),
            factories.lesson("leccion-a", position=3),
            factories.lesson("leccion-c", position=1),
        ],
    )
    assert not load_content(tmp_path).errors
    document = BeautifulSoup(
        client.get("/es/aprendizaje/curso-prueba/modulo-uno/").content, "html.parser"
    )
    assert [a.get_text() for a in document.select(".cards a")] == [
        "Leccion-C",
        "Leccion-B",
        "Leccion-A",
    ]


def test_lesson_queries_stay_constant_as_it_grows(
    client, seeded, tmp_path, django_assert_max_num_queries, make_user
):
    plants = ["theobroma-cacao", "ilex-guayusa", "zea-mays", "musa-spp"]
    small = factories.lesson("leccion-corta", questions=1, plants=plants[:1])
    large = factories.lesson("leccion-larga", questions=8, plants=plants, position=2)
    factories.write_learning(tmp_path, lessons=[small, large])
    assert not load_content(tmp_path).errors
    client.force_login(make_user("aprendiz"))
    base = "/es/aprendizaje/curso-prueba/modulo-uno/"
    client.get(base + "leccion-corta/")
    with django_assert_max_num_queries(40) as few:
        client.get(base + "leccion-corta/")
    with django_assert_max_num_queries(len(few)) as many:
        client.get(base + "leccion-larga/")
    assert len(many) == len(few)


def test_api_lists_lessons(client, lesson_pages):
    data = client.get(
        "/api/v2/pages/?type=learning.LessonPage&locale=jiv&limit=100"
    ).json()
    slugs = [item["meta"]["slug"] for item in data["items"]]
    assert "leccion-prueba" in slugs


@pytest.mark.parametrize("code", ["es", "qu", "jiv"])
def test_seed_curriculum_and_grafting_guides_are_in_every_language(
    client, seeded, code
):
    guides = client.get(
        f"/api/v2/pages/?type=guides.GuidePage&locale={code}&limit=100"
    ).json()
    slugs = {item["meta"]["slug"] for item in guides["items"]}
    assert {"cacao-cleft-graft", "cacao-patch-graft"} <= slugs
    modules = client.get(
        f"/api/v2/pages/?type=learning.ModulePage&locale={code}&limit=100"
    ).json()
    assert modules["meta"]["total_count"] >= 5
    lessons = client.get(
        f"/api/v2/pages/?type=learning.LessonPage&locale={code}&limit=100"
    ).json()
    assert lessons["meta"]["total_count"] >= 5


@pytest.mark.parametrize("code", ["es", "qu", "jiv"])
def test_quiz_feedback_does_not_say_right_twice(client, seeded, tmp_path, code):
    # Sourced feedback often opens with the verdict itself ("Correcto: ...").
    with translation.override(code):
        right, not_quite = gettext("Right."), gettext("Not quite.")
    opening = right.rstrip(".")
    question = {
        "question": factories.localized("¿Pregunta?"),
        "answers": [
            {
                "correct": True,
                "text": factories.localized("Sí"),
                "feedback": factories.localized(*[f"{opening}: hay sombra."] * 3),
            },
            {
                "text": factories.localized("No"),
                "feedback": factories.localized("Otra."),
            },
        ],
    }
    lesson = factories.lesson("leccion-eco", quiz=[question, question])
    factories.write_learning(tmp_path, lessons=[lesson])
    assert not load_content(tmp_path).errors
    page = LessonPage.objects.get(slug="leccion-eco", locale__language_code=code)
    first, second = (block.id for block in page.questions)

    response = client.get(
        page.url, {"action": "quiz", f"q-{first}": 0, f"q-{second}": 1}
    )

    feedback = BeautifulSoup(response.content, "html.parser").select("#quiz .feedback")
    assert [item.get_text(" ", strip=True) for item in feedback] == [
        f"{opening}: hay sombra.",
        f"{not_quite} Otra.",
    ]


def test_course_and_module_pages_mark_the_learners_finished_lessons(
    client, seeded, tmp_path, make_user
):
    factories.write_learning(
        tmp_path,
        lessons=[
            factories.lesson("leccion-a", position=1),
            factories.lesson("leccion-b", position=2),
        ],
    )
    assert not load_content(tmp_path).errors
    learner = make_user("aprendiz")
    # Done in Kichwa: it counts in every language (by translation key).
    finished = LessonPage.objects.get(slug="leccion-a", locale__language_code="qu")
    Completion.objects.create(learner=learner, translation_key=finished.translation_key)
    module_url = "/es/aprendizaje/curso-prueba/modulo-uno/"
    course_url = "/es/aprendizaje/curso-prueba/"

    # A visitor's pages mark nothing.
    module = BeautifulSoup(client.get(module_url).content, "html.parser")
    assert not module.select(".cards .status-done")

    client.force_login(learner)
    module = BeautifulSoup(client.get(module_url).content, "html.parser")
    marks = {
        card.a.get_text(): card.select_one(".status-done")
        for card in module.select(".cards li")
    }
    # In words, not by colour alone, so screen readers say it too.
    with translation.override("es"):
        done_word = gettext("Done")
        one_of_two = ngettext(
            "%(done)s of %(total)s lesson done",
            "%(done)s of %(total)s lessons done",
            2,
        ) % {"done": 1, "total": 2}
    assert marks["Leccion-A"].get_text(" ", strip=True) == f"✓ {done_word}"
    assert marks["Leccion-B"] is None

    course = BeautifulSoup(client.get(course_url).content, "html.parser")
    progress = course.select_one(".cards li .module-progress")
    assert progress.get_text(" ", strip=True) == one_of_two
