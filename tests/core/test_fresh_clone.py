"""A fresh clone has no shared folder beside it: nothing the tests or the site may
read from outside the repository."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"""\.\./shared|["']shared["']\s*/|parents\[3\]""")


def test_no_code_reads_outside_the_repository():
    places = [
        *REPO.joinpath("knowledge_portal").rglob("*.py"),
        *REPO.joinpath("tests").rglob("*.py"),
        *REPO.joinpath("tests").rglob("*.ini"),
        *REPO.joinpath("bench").rglob("*.py"),
        REPO / "Makefile",
        REPO / "pyproject.toml",
        REPO / ".ci" / "run",
    ]
    found = [
        str(path.relative_to(REPO))
        for path in places
        if path != Path(__file__) and OUTSIDE.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_conformance_fixture_is_inside_the_repository():
    from tests.search_backend import conformance_settings

    fixture = Path(conformance_settings.FIXTURE_DIR) / "search.json"
    assert fixture.is_file()
    assert REPO in fixture.resolve().parents
