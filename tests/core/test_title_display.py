"""A title awaiting translation is shown in Spanish and says so (lang="es");
a sourced Kichwa or Shuar title is shown as the page's own language."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from knowledge_portal.core import roles
from knowledge_portal.learning import services
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.site.content.loader import load_content
from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def language_of(tag):
    """The language in force at ``tag``: its own lang, or its nearest
    ancestor's."""
    while tag is not None:
        if tag.get("lang"):
            return tag["lang"]
        tag = tag.parent
    return None


def language_of_text(element, text):
    """The language in force where ``text`` is written inside ``element``."""
    string = element.find(string=lambda value: value and text in value)
    assert string is not None, f"{text!r} not in {element}"
    return language_of(string.parent)


@pytest.fixture
def plants(seeded, tmp_path):
    """A plant whose Kichwa and Shuar titles await translation, and one whose
    Kichwa title is sourced (its Shuar one awaits)."""
    factories.write_entry(
        tmp_path, factories.plant("testia-prima", title=factories.titles("Testia"))
    )
    factories.write_entry(
        tmp_path,
        factories.plant("testia-nota", title=factories.titles("Nota", qu="Yura")),
    )
    assert not load_content(tmp_path).errors


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_a_title_awaiting_translation_is_marked_spanish_in_h1_and_title(
    client, plants, code
):
    document = soup(client.get(f"/{code}/plantas/testia-prima/"))
    assert document.html["lang"] == code
    h1 = document.h1
    assert h1.get_text(strip=True) == "Testia"
    assert h1.find("span", lang="es").get_text(strip=True) == "Testia"
    assert document.title["lang"] == "es"
    assert document.title.get_text().startswith("Testia · ")
    # The one notice counts the title among what awaits: one item more than
    # for the plant whose Kichwa title is sourced (in Shuar both await).
    sourced = soup(client.get(f"/{code}/plantas/testia-nota/"))
    gaps = len(document.select(".notice-language details li"))
    sourced_gaps = len(sourced.select(".notice-language details li"))
    assert gaps == sourced_gaps + (1 if code == "qu" else 0)


def test_a_sourced_kichwa_title_is_not_marked(client, plants):
    document = soup(client.get("/qu/plantas/testia-nota/"))
    assert document.h1.get_text(strip=True) == "Yura"
    assert language_of_text(document.h1, "Yura") == "qu"
    assert not document.title.get("lang")
    # The same plant in Shuar awaits translation: its Spanish title is marked.
    document = soup(client.get("/jiv/plantas/testia-nota/"))
    assert language_of_text(document.h1, "Nota") == "es"


def test_spanish_pages_mark_nothing(client, plants):
    document = soup(client.get("/es/plantas/testia-prima/"))
    assert document.h1.find("span") is None
    assert not document.title.get("lang")


def test_menu_index_and_search_mark_titles_awaiting_translation(client, plants):
    # content/site.yaml: the sections' Kichwa titles await translation.
    document = soup(client.get("/qu/plantas/"))
    menu = document.select_one("nav.sections")
    assert language_of_text(menu, "Plantas") == "es"
    assert language_of_text(document.h1, "Plantas") == "es"
    cards = " ".join(
        str(soup(client.get("/qu/plantas/", {"page": number})).select_one("ul.cards"))
        for number in (1, 2)
    )
    cards = BeautifulSoup(f'<div lang="qu">{cards}</div>', "html.parser")
    assert language_of_text(cards, "Testia") == "es"
    assert language_of_text(cards, "Yura") == "qu"

    results = soup(client.get("/qu/search/", {"q": "testia"})).select_one(".results")
    assert language_of_text(results, "Testia") == "es"


def test_lesson_and_module_pages_mark_their_parents_titles(client, seeded, tmp_path):
    factories.write_learning(tmp_path, lessons=[factories.lesson("leccion-prueba")])
    assert not load_content(tmp_path).errors
    base = "/qu/aprendizaje/curso-prueba/modulo-uno/"
    lesson = soup(client.get(base + "leccion-prueba/"))
    assert language_of_text(lesson.select_one(".breadcrumb"), "Módulo") == "es"
    assert language_of_text(lesson.h1, "Leccion-Prueba") == "es"
    module = soup(client.get(base))
    assert language_of_text(module.select_one(".breadcrumb"), "Curso") == "es"
    assert language_of_text(module.select_one(".cards"), "Leccion-Prueba") == "es"


def test_a_teachers_assignments_mark_titles_awaiting_translation(
    client, seeded, tmp_path, django_user_model
):
    factories.write_learning(tmp_path, lessons=[factories.lesson("leccion-prueba")])
    assert not load_content(tmp_path).errors
    teacher = django_user_model.objects.create_user("profe-ana", password="x" * 12)
    teacher.groups.add(Group.objects.get(name=roles.TEACHER))
    school_class = services.create_class(teacher, "Escuela Wiñak", "Injertos")
    lesson = LessonPage.objects.get(slug="leccion-prueba", locale__language_code="qu")
    services.assign(school_class, lesson, None, "", teacher)
    client.force_login(teacher)
    with translation.override("qu"):
        url = reverse("class_detail", args=[school_class.pk])
    document = soup(client.get(url))
    assignments = document.select_one(".assignment-list")
    assert language_of_text(assignments.a, "Leccion-Prueba") == "es"
