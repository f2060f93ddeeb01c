"""Teacher creates a class, a learner joins with its code, does a lesson."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from knowledge_portal.learning.models import (
    Assignment,
    Completion,
    Membership,
    QuizAnswer,
    SchoolClass,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-9"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def create_class(client, teacher):
    client.force_login(teacher)
    response = client.post(
        "/es/classes/", {"school": "Escuela Wiñak", "name": "Injertos 2026"}
    )
    assert response.status_code == 302
    return SchoolClass.objects.get(teacher=teacher)


def join(client, code, username="sisa", language="qu"):
    return client.post(
        "/es/join/",
        {
            "school_class": code,
            "username": username,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "language": language,
        },
    )


def test_the_whole_path_from_class_to_progress(client, teacher, lesson_pages):
    school_class = create_class(client, teacher)
    assert len(school_class.join_code) == 6

    # The teacher assigns the Spanish lesson with a due date.
    response = client.post(
        f"/es/classes/{school_class.pk}/",
        {
            "page": lesson_pages["es"].pk,
            "due_date": "2026-12-15",
            "note": "Antes del viernes",
        },
    )
    assert response.status_code == 302
    client.logout()

    # A learner joins with the code (lower case, with spaces) in Kichwa.
    response = join(client, f" {school_class.join_code.lower()} ")
    assert response.status_code == 302
    assert response["Location"] == "/qu/my-learning/"
    sisa = get_user_model().objects.get(username="sisa")
    assert sisa.groups.filter(name="Learner").exists()

    # She sees the lesson in Kichwa on her page.
    page = soup(client.get("/qu/my-learning/"))
    assert page.html["lang"] == "qu"
    links = [a["href"] for a in page.select(".assignments a")]
    assert links == ["/qu/aprendizaje/curso-prueba/modulo-uno/leccion-prueba/"]

    # She answers the quiz (one right, one wrong) and gets feedback.
    lesson = lesson_pages["qu"]
    questions = lesson.questions
    response = client.post(
        lesson.url,
        {"action": "quiz", f"q-{questions[0].id}": "0", f"q-{questions[1].id}": "1"},
    )
    assert response.status_code == 302
    feedback = soup(client.get(lesson.url)).select("#quiz .feedback")
    assert [item["class"][1] for item in feedback] == ["right", "wrong"]
    assert QuizAnswer.objects.filter(learner=sisa).count() == 2

    # She marks it done.
    client.post(lesson.url, {"action": "done"})
    assert Completion.objects.filter(
        learner=sisa, translation_key=lesson.translation_key
    ).exists()
    assert "✓" in soup(client.get("/qu/my-learning/")).select_one(".assignments").text
    client.logout()

    # The teacher sees her progress and quiz score, and downloads the CSV.
    client.force_login(teacher)
    table = soup(client.get(f"/es/classes/{school_class.pk}/")).select_one(
        "table.progress"
    )
    row = table.select_one("tbody tr")
    assert row.th.get_text(strip=True) == "sisa"
    assert "✓" in row.td.get_text()
    assert "1/2" in row.td.get_text()
    response = client.get(f"/es/classes/{school_class.pk}/progress.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "sisa"
    assert rows[1][2] == "1/2"


def test_a_wrong_code_says_so_and_creates_nothing(client, teacher):
    create_class(client, teacher)
    client.logout()
    users_before = get_user_model().objects.count()
    response = join(client, "ZZZZZZ")
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["school_class"]
    assert [error.code for error in errors] == ["unknown_code"]
    assert str(errors[0].message) in response.content.decode().replace("&#x27;", "'")
    assert get_user_model().objects.count() == users_before
    assert not Membership.objects.exists()


def test_nobody_joins_without_a_code(client, teacher):
    create_class(client, teacher)
    client.logout()
    response = join(client, "")
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="sisa").exists()


def test_a_learner_cannot_see_classes_or_other_progress(
    client, teacher, make_user, lesson_pages
):
    school_class = create_class(client, teacher)
    client.logout()
    join(client, school_class.join_code, username="sisa")
    client.logout()
    join(client, school_class.join_code, username="nina")
    nina = get_user_model().objects.get(username="nina")
    # Nina is signed in: teacher pages are closed to her.
    assert client.get("/es/classes/").status_code == 404
    assert client.get(f"/es/classes/{school_class.pk}/").status_code == 404
    assert client.get(f"/es/classes/{school_class.pk}/progress.csv").status_code == 404
    # Her page lists only her own progress, never Sisa's.
    Assignment.objects.create(
        school_class=school_class, page=lesson_pages["es"], assigned_by=teacher
    )
    sisa = get_user_model().objects.get(username="sisa")
    Completion.objects.create(
        learner=sisa, translation_key=lesson_pages["es"].translation_key
    )
    page = client.get("/es/my-learning/").content.decode()
    assert "sisa" not in page
    assert "✓" not in BeautifulSoup(page, "html.parser").select_one(".assignments").text
    assert nina.username == "nina"


def test_a_learner_cannot_mark_an_assignment_of_another_class(
    client, teacher, make_user, lesson_pages
):
    school_class = create_class(client, teacher)
    assignment = Assignment.objects.create(
        school_class=school_class, page=lesson_pages["es"], assigned_by=teacher
    )
    client.logout()
    client.force_login(make_user("outsider"))
    response = client.post(f"/es/my-learning/{assignment.pk}/done/")
    assert response.status_code == 404
    assert not Completion.objects.exists()


def test_a_teacher_cannot_see_another_teachers_class(client, teacher, make_user):
    other_class = create_class(client, make_user("profe-otro", "Teacher"))
    client.force_login(teacher)
    assert client.get(f"/es/classes/{other_class.pk}/").status_code == 404
    assert client.get(f"/es/classes/{other_class.pk}/progress.csv").status_code == 404
    assert "Injertos 2026" not in client.get("/es/classes/").content.decode()


def test_teacher_pages_need_sign_in(client):
    response = client.get("/es/classes/")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/accounts/login/")


def test_quiz_works_for_visitors_without_saving(client, lesson_pages):
    lesson = lesson_pages["es"]
    first = lesson.questions[0]
    response = client.post(lesson.url, {"action": "quiz", f"q-{first.id}": "1"})
    assert response.status_code == 200
    feedback = soup(response).select("#quiz .feedback")
    assert [item["class"][1] for item in feedback] == ["wrong"]
    assert not QuizAnswer.objects.exists()


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM", "\tx", "\rx"],
)
def test_the_progress_csv_never_hands_a_formula_to_the_spreadsheet(
    client, teacher, make_user, lesson_pages, name
):
    school_class = create_class(client, teacher)
    lesson = lesson_pages["es"]
    lesson.title = "=1+1 lección"
    lesson.save_revision().publish()
    Assignment.objects.create(
        school_class=school_class, page=lesson, assigned_by=teacher
    )
    Membership.objects.create(school_class=school_class, learner=make_user(name))
    Membership.objects.create(school_class=school_class, learner=make_user("sisa"))

    response = client.get(f"/es/classes/{school_class.pk}/progress.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert [cell[:13] for cell in rows[0][1:]] == ["'=1+1 lección"] * 2
    assert rows[1] == [f"'{name}", "no", ""]
    # Everything else is written as before.
    assert rows[2] == ["sisa", "no", ""]
