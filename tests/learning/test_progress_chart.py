"""The teacher's class page draws how many learners finished each assignment."""

import pytest
from django.contrib.auth import get_user_model

from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning.models import Assignment, Completion
from tests.learning.test_classes import create_class, join, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def class_with_progress(client, teacher, lesson_pages):
    """Three learners; the lesson finished by two, a guide by none."""
    school_class = create_class(client, teacher)
    client.logout()
    for name in ("sisa", "nina", "yaku"):
        join(client, school_class.join_code, username=name)
        client.logout()
    guide = GuidePage.objects.filter(locale__language_code="es").first()
    for page in (lesson_pages["es"], guide):
        Assignment.objects.create(
            school_class=school_class, page=page, assigned_by=teacher
        )
    for name in ("sisa", "yaku"):
        Completion.objects.create(
            learner=get_user_model().objects.get(username=name),
            translation_key=lesson_pages["es"].translation_key,
        )
    client.force_login(teacher)
    return school_class, lesson_pages["es"], guide


@pytest.mark.parametrize("code", ["es", "qu", "jiv"])
def test_the_progress_chart_counts_who_finished(client, class_with_progress, code):
    school_class, lesson, guide = class_with_progress
    document = soup(client.get(f"/{code}/classes/{school_class.pk}/"))
    chart = document.select_one("svg.chart-bars")
    assert chart["role"] == "img"
    assert document.select_one(f"#{chart['aria-labelledby']}").name == "title"
    numbers = [
        (text["data-value"], text["data-total"], text.get_text())
        for text in chart.select("text.chart-number")
    ]
    assert numbers == [("2", "3", "2/3"), ("0", "3", "0/3")]
    bars = chart.select("g.chart-bar")
    assert lesson.title in bars[0].get_text()
    assert guide.title in bars[1].get_text()
    # Two thirds of the track filled; nothing drawn for nobody.
    track = float(bars[0].select_one(".chart-track")["width"])
    assert float(bars[0].select_one(".chart-fill")["width"]) == pytest.approx(
        track * 2 / 3, abs=0.1
    )
    assert bars[1].select_one(".chart-fill") is None
    assert not chart.select("span")
    # The same numbers in words.
    in_words = document.select_one(f"#{chart['aria-describedby']}").select("li")
    assert len(in_words) == 2
    assert lesson.title in in_words[0].get_text()
    if code == "es":
        assert in_words[0].get_text().endswith("2 de 3 terminaron")
        assert in_words[1].get_text().endswith("0 de 3 terminaron")
    else:
        # Not yet written in Kichwa or Shuar: the Spanish, marked as such.
        assert in_words[0].select_one('span[lang="es"]').get_text() == (
            "2 de 3 terminaron"
        )


def test_no_chart_before_learners_join(client, teacher, lesson_pages):
    school_class = create_class(client, teacher)
    Assignment.objects.create(
        school_class=school_class, page=lesson_pages["es"], assigned_by=teacher
    )
    document = soup(client.get(f"/es/classes/{school_class.pk}/"))
    assert document.select_one("svg.chart-bars") is None
