"""A learner signs in, does her assigned lesson and its quiz, and sees it done."""

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from knowledge_portal.core import roles
from knowledge_portal.learning import services
from knowledge_portal.learning.models import (
    Assignment,
    Completion,
    LessonPage,
    QuizAnswer,
)
from tests.browser.phone import browser_test, in_spanish

pytestmark = browser_test

PASSWORD = "a-long-passphrase-9"
DONE = re.compile(r"\bdone\b")


def right_answer(question):
    return next(
        index
        for index, answer in enumerate(question.value["answers"])
        if answer["correct"]
    )


def test_learner_completes_a_lesson_and_its_quiz(phone, django_user_model):
    lesson = LessonPage.objects.get(
        slug="la-chakra-sistema-vivo", locale__language_code="es"
    )
    questions = lesson.questions
    assert len(questions) >= 2
    teacher = django_user_model.objects.create_user("profe-ana", password=PASSWORD)
    teacher.groups.add(Group.objects.get(name=roles.TEACHER))
    school_class = services.create_class(teacher, "Escuela Wiñak", "Chakra 2026")
    learner = services.create_learner("sisa", PASSWORD, "es", school_class)
    Assignment.objects.create(
        school_class=school_class, page=lesson, assigned_by=teacher
    )
    page = phone.page

    phone.open("/es/my-learning/")
    phone.sign_in("sisa", PASSWORD)
    expect(page).to_have_url(phone.url("/es/my-learning/"))
    assignment = page.locator(".assignments .card")
    expect(assignment).to_have_count(1)
    expect(assignment).not_to_have_class(DONE)
    phone.check("my-learning")

    assignment.get_by_role("link", name=lesson.title).click()
    expect(page).to_have_url(phone.url(lesson.url))
    expect(page.locator("h1")).to_have_text(lesson.title)
    phone.check("lesson")

    quiz = page.locator("#quiz form")
    for question in questions:
        quiz.locator(
            f'input[name="q-{question.id}"][value="{right_answer(question)}"]'
        ).check()
    quiz.locator("button[type=submit]").click()
    expect(page).to_have_url(phone.url(lesson.url + "#quiz"))
    expect(page.locator("#quiz .feedback.right")).to_have_count(len(questions))
    expect(page.locator("#quiz .feedback.wrong")).to_have_count(0)
    phone.check("quiz-checked")
    answers = QuizAnswer.objects.filter(
        learner=learner, lesson_key=lesson.translation_key
    )
    assert sorted(answers.values_list("question_id", "correct")) == sorted(
        (question.id, True) for question in questions
    )

    page.locator("#done button[type=submit]").click()
    marked = in_spanish("Well done! This lesson is marked as done.")
    expect(page.get_by_role("status").filter(has_text=marked)).to_be_visible()
    expect(page.locator("#done form")).to_have_count(0)
    phone.check("lesson-done")
    assert Completion.objects.filter(
        learner=learner, translation_key=lesson.translation_key
    ).exists()

    page.locator("nav.account").get_by_role(
        "link", name=in_spanish("My learning")
    ).click()
    expect(page).to_have_url(phone.url("/es/my-learning/"))
    expect(assignment).to_have_class(DONE)
    expect(assignment.locator(".status-done")).to_contain_text(in_spanish("Done"))
    phone.check("my-learning-done")
