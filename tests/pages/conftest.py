"""A site with pages of realistic size, a learner of a class that has them
assigned, and a way to count the queries a page costs."""

import collections
import re
import traceback

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge_portal.core import roles
from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning import services
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.site.content.loader import load_content
from tests import shared_site

from . import factories as pages

PAGES = {
    "plant": "/{lang}/plantas/" + pages.PLANT + "/",
    "guide": "/{lang}/guias/" + pages.GUIDE + "/",
    "lesson": None,  # its URL depends on the course tree
    "plant index": "/{lang}/plantas/",
    "my learning": "/{lang}/my-learning/",
}


def _build(folder, user_model):
    pages.realistic_plant(folder)
    pages.realistic_guide(folder)
    pages.realistic_lesson(folder)
    report = load_content(folder)
    assert not report.errors, report.errors
    teacher = user_model.objects.create_user("profe-realista", password="x" * 12)
    teacher.groups.add(Group.objects.get(name=roles.TEACHER))
    school_class = services.create_class(teacher, "Escuela", "Clase realista")
    learner = services.create_learner("aprendiz", "x" * 12, "es", school_class)
    for model, slug in (
        (PlantProfilePage, pages.PLANT),
        (GuidePage, pages.GUIDE),
        (LessonPage, pages.LESSON),
    ):
        services.assign(
            school_class,
            model.objects.get(slug=slug, locale__language_code="es"),
            None,
            "",
            teacher,
        )
    return {"learner": learner}


@pytest.fixture(scope="module")
def realistic_site_once(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.contrib.auth import get_user_model

    folder = tmp_path_factory.mktemp("realistic")
    with shared_site.built_once(
        django_db_blocker, folder, lambda: _build(folder, get_user_model())
    ) as site:
        yield site


@pytest.fixture
def realistic_site(realistic_site_once, seeded):
    return shared_site.fresh(realistic_site_once)


def page_url(name, language):
    if name == "lesson":
        return LessonPage.objects.get(
            slug=pages.LESSON, locale__language_code=language
        ).url
    return PAGES[name].format(lang=language)


def query_origins(queries):
    """Where each query came from: the innermost frame of our code."""
    origins = collections.Counter()
    for query in queries:
        origins[query.get("origin", "?")] += 1
    return origins


class OriginCapture(CaptureQueriesContext):
    """CaptureQueriesContext that also notes the portal frame of each query."""

    def __enter__(self):
        super().__enter__()
        self._wrapper = self.connection.execute_wrapper(self._note_origin)
        self._wrapper.__enter__()
        self.origins = []
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)
        return super().__exit__(*exc)

    def _note_origin(self, execute, sql, params, many, context):
        stack = traceback.extract_stack()[:-2]
        frames = [
            f"{frame.filename.split('/knowledge_portal/')[-1]}:{frame.lineno}"
            f" {frame.name}"
            for frame in stack
            if "/knowledge_portal/" in frame.filename
        ]
        outside = [
            f"{frame.filename.split('site-packages/')[-1]}:{frame.lineno} {frame.name}"
            for frame in stack
            if "site-packages/" in frame.filename
            and "django/db/" not in frame.filename
            and "django/test/" not in frame.filename
        ]
        self.origins.append(
            (frames[-2:] + outside[-2:], re.sub(r"\s+", " ", sql)[:160])
        )
        return execute(sql, params, many, context)


@pytest.fixture
def count_queries():
    def count(client, url):
        with OriginCapture(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return captured, response

    return count


@pytest.fixture
def shared_cache_on(settings):
    """The shared cache on, as in production, and empty."""
    from django.core.cache import caches

    settings.SHARED_CACHE_SECONDS = 600
    caches["shared"].clear()
    yield
    caches["shared"].clear()
