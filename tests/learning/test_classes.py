"""Teacher creates a class, a learner joins with its code, does a lesson."""

import codecs
import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext

from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning import services
from knowledge_portal.learning.models import (
    Assignment,
    Completion,
    LessonPage,
    Membership,
    QuizAnswer,
    QuizAttempt,
    SchoolClass,
)
from knowledge_portal.plants.models import PlantProfilePage

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
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
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
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert [cell[:13] for cell in rows[0][1:]] == ["'=1+1 lección"] * 3
    assert rows[1] == [f"'{name}", "no", "", ""]
    # Everything else is written as before.
    assert rows[2] == ["sisa", "no", "", ""]


def quiz(client, lesson, *choices):
    answers = {
        f"q-{question.id}": choice
        for question, choice in zip(lesson.questions, choices, strict=True)
    }
    return client.post(lesson.url, {"action": "quiz", **answers})


def test_a_teacher_lists_changes_and_removes_assignments(client, teacher, lesson_pages):
    school_class = create_class(client, teacher)
    client.post(f"/es/classes/{school_class.pk}/", {"page": lesson_pages["es"].pk})
    assignment = Assignment.objects.get(school_class=school_class)
    client.logout()
    join(client, school_class.join_code)
    sisa = get_user_model().objects.get(username="sisa")
    quiz(client, lesson_pages["qu"], "0", "0")
    client.post(lesson_pages["qu"].url, {"action": "done"})
    client.force_login(teacher)
    class_url = f"/es/classes/{school_class.pk}/"

    listed = soup(client.get(class_url)).select(".assignment-list li")
    assert [item.a.get_text() for item in listed] == [lesson_pages["es"].title]
    edit_url, remove_url = [a["href"] for a in listed[0].select(".actions a")]

    response = client.post(edit_url, {"due_date": "2027-03-01", "note": "Con sombra"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (str(assignment.due_date), assignment.note) == ("2027-03-01", "Con sombra")
    assert (
        "Con sombra" in soup(client.get(class_url)).select_one(".assignment-list").text
    )

    # Removing asks first, then keeps what the learner did.
    assert client.get(remove_url).status_code == 200
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert client.post(remove_url).status_code == 302
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    key = lesson_pages["es"].translation_key
    assert Completion.objects.filter(learner=sisa, translation_key=key).exists()
    assert QuizAttempt.objects.filter(learner=sisa, lesson_key=key).exists()
    assert not soup(client.get(class_url)).select(".assignment-list li")


def test_only_the_classs_teacher_changes_or_removes_its_assignments(
    client, teacher, make_user, lesson_pages
):
    school_class = create_class(client, teacher)
    assignment = Assignment.objects.create(
        school_class=school_class,
        page=lesson_pages["es"],
        assigned_by=teacher,
        note="Original",
    )
    base = f"/es/classes/{school_class.pk}/assignments/{assignment.pk}/"
    learner = make_user("sisa", "Learner")
    Membership.objects.create(school_class=school_class, learner=learner)
    for outsider in (make_user("profe-otro", "Teacher"), learner):
        client.force_login(outsider)
        for url in (base, base + "remove/"):
            assert client.get(url).status_code == 404
            assert client.post(url, {"note": "Cambiada"}).status_code == 404
    # Nor through another class, even one of the same teacher.
    client.force_login(teacher)
    other = services.create_class(teacher, "Escuela Wiñak", "Otra")
    wrong = f"/es/classes/{other.pk}/assignments/{assignment.pk}/"
    assert client.post(wrong, {"note": "Cambiada"}).status_code == 404
    assert client.post(wrong + "remove/").status_code == 404
    assignment.refresh_from_db()
    assert assignment.note == "Original"


@pytest.mark.parametrize("code", ["es", "qu"])
def test_the_assignment_picker_is_grouped_by_kind_in_the_class_language(
    client, teacher, lesson_pages, code
):
    school_class = create_class(client, teacher)
    document = soup(client.get(f"/{code}/classes/{school_class.pk}/"))
    groups = document.select("select#id_page optgroup")
    with translation.override(code):
        kinds = [gettext("Lessons"), gettext("Guides"), gettext("Plants")]
    assert [group["label"] for group in groups] == kinds
    models = (LessonPage, GuidePage, PlantProfilePage)
    for group, model in zip(groups, models, strict=True):
        ids = [int(option["value"]) for option in group.select("option")]
        pages = model.objects.filter(pk__in=ids)
        assert len(ids) == pages.count() > 0
        assert {page.locale.language_code for page in pages} == {code}
    # Every option sits in a group.
    assert not document.select("select#id_page > option[value]:not([value=''])")


def test_the_progress_table_can_be_scrolled_from_the_keyboard(
    client, teacher, make_user, lesson_pages
):
    school_class = create_class(client, teacher)
    Assignment.objects.create(
        school_class=school_class, page=lesson_pages["es"], assigned_by=teacher
    )
    Membership.objects.create(school_class=school_class, learner=make_user("sisa"))
    document = soup(client.get(f"/es/classes/{school_class.pk}/"))
    region = document.select_one(".table-scroll")
    assert region.select_one("table.progress caption").get_text(strip=True)
    assert region["tabindex"] == "0"
    assert region["role"] == "region"
    assert document.select_one(f"#{region['aria-labelledby']}").get_text(strip=True)
    # The cue is on screen, not only for screen readers.
    hint = document.select_one(f"#{region['aria-describedby']}")
    assert hint.get_text(strip=True)
    assert "visually-hidden" not in hint.get("class", [])


def test_the_teacher_sees_the_best_and_the_latest_quiz_attempt(
    client, teacher, lesson_pages
):
    school_class = create_class(client, teacher)
    Assignment.objects.create(
        school_class=school_class, page=lesson_pages["es"], assigned_by=teacher
    )
    client.logout()
    join(client, school_class.join_code)
    quiz(client, lesson_pages["qu"], "0", "0")  # 2 of 2
    quiz(client, lesson_pages["es"], "1", "0")  # then 1 of 2, in Spanish
    client.force_login(teacher)

    cell = soup(client.get(f"/es/classes/{school_class.pk}/")).select_one(
        "table.progress tbody td .quiz-score"
    )
    with translation.override("es"):
        expected = gettext(
            "quiz: best %(best_right)s/%(best_total)s, "
            "latest %(latest_right)s/%(latest_total)s"
        ) % {"best_right": 2, "best_total": 2, "latest_right": 1, "latest_total": 2}
    assert cell.get_text(strip=True) == expected
    response = client.get(f"/es/classes/{school_class.pk}/progress.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][2:] == ["2/2", "1/2"]


def test_the_progress_csv_is_utf8_with_a_byte_order_mark(
    client, teacher, make_user, lesson_pages
):
    # Spreadsheet programs read a CSV without it in a legacy encoding.
    school_class = create_class(client, teacher)
    Assignment.objects.create(
        school_class=school_class, page=lesson_pages["es"], assigned_by=teacher
    )
    learner = make_user("ñusta")
    Membership.objects.create(school_class=school_class, learner=learner)
    Completion.objects.create(
        learner=learner, translation_key=lesson_pages["es"].translation_key
    )
    response = client.get(f"/es/classes/{school_class.pk}/progress.csv")
    assert response.content.startswith(codecs.BOM_UTF8)
    with translation.override("es"):
        yes = gettext("yes")
    assert f"ñusta,{yes}".encode() in response.content
