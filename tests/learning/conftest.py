import pytest
from django.contrib.auth.models import Group

from knowledge_portal.core import roles
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.site.content.loader import load_content
from tests import factories


@pytest.fixture
def lesson_pages(seeded, tmp_path):
    """A course with one lesson of two questions, in es, qu and jiv."""
    factories.write_learning(tmp_path, lessons=[factories.lesson("leccion-prueba")])
    report = load_content(tmp_path)
    assert not report.errors, report.errors
    return {
        page.locale.language_code: page
        for page in LessonPage.objects.filter(slug="leccion-prueba").select_related(
            "locale"
        )
    }


@pytest.fixture
def make_user(django_user_model):
    def make(username, role=None, password="a-long-passphrase-9"):
        user = django_user_model.objects.create_user(
            username=username, password=password
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def teacher(make_user):
    return make_user("profe-ana", roles.TEACHER)
