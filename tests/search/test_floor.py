"""Search is a floor below the content apps: they register what it shows."""

import ast
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

import knowledge_portal.search

SEARCH = Path(knowledge_portal.search.__file__).parent
DOMAIN_APPS = ("plants", "guides", "learning", "contributions")


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_search_imports_no_content_app():
    found = [
        (str(path.relative_to(SEARCH)), module)
        for path in SEARCH.rglob("*.py")
        for module in imported_modules(path)
        if any(f"knowledge_portal.{app}" in module for app in DOMAIN_APPS)
    ]
    assert found == []


@pytest.mark.django_db
def test_registered_facets_follow_the_type_facet_in_order(client, seeded):
    response = client.get("/es/search/", {"q": "cacao"})
    document = BeautifulSoup(response.content, "html.parser")
    params = []
    for section in document.select(".filters section"):
        href = section.select_one("a")["href"]
        params.append(next(iter(parse_qs(urlparse(href).query).keys() - {"q"})))
    assert params == ["type", "use", "cycle"]
