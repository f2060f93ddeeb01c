import io

import pytest
from django.core.management import call_command

from knowledge_portal.learning.models import Membership, School, SchoolClass

# The site with restricted canaries that tests/protocols builds (packs are
# checked against it as the site is).
from tests.protocols.conftest import (  # noqa: F401
    restricted_site,
    restricted_site_once,
)


@pytest.fixture
def export_pack(tmp_path):
    """Run ``manage.py export_pack`` into ``tmp_path``; return the ZIP's path."""

    def export(pages, languages=("qu", "es"), username=None, name="pack.zip"):
        output = tmp_path / name
        args = [str(output)]
        for code in languages:
            args += ["--language", code]
        for page in pages:
            args += ["--page", str(getattr(page, "pk", page))]
        if username:
            args += ["--as", username]
        call_command("export_pack", *args, stdout=io.StringIO())
        return output

    return export


@pytest.fixture
def make_class(django_user_model):
    def make(teacher, learners, name="Tercero"):
        school, _created = School.objects.get_or_create(name="Escuela de la chakra")
        school_class = SchoolClass.objects.create(
            school=school, name=name, teacher=teacher
        )
        for learner in learners:
            Membership.objects.create(school_class=school_class, learner=learner)
        return school_class

    return make
