"""A pack is also a Kolibri HTML5 app: what Kolibri's renderer needs of the ZIP.

Kolibri (``kolibri/core/content/zip_wsgi.py``) serves an HTML5 app's ZIP
from its own origin into a sandboxed iframe: with no path it opens the
entry ``index.html`` at the ZIP's root, serves each other file by its exact
entry name with the type ``mimetypes`` guesses from its extension, parses
each HTML page to put its own script first in ``<head>``, and answers under
``Content-Security-Policy: default-src 'self' 'unsafe-inline' 'unsafe-eval'
data: blob:``: anything from elsewhere is refused, and an address starting
with ``/`` would leave the ZIP for Kolibri's own root.
"""

import mimetypes
import posixpath
import re
import zipfile
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from . import material
from .checks import addresses, outside_links, read_pack

pytestmark = pytest.mark.django_db

#: What a file of a pack must be served as, by its extension.
TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}
#: Ways a script could make a request by itself.
REQUESTS = re.compile(
    r"\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|\bimport\s*\("
    r"|https?://|['\"]//"
)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


@pytest.fixture
def kolibri_zip(seeded, export_pack):
    material.cacao_with_media()
    lessons, guides = material.class_pages()
    return export_pack([*lessons, *guides], languages=("qu", "es", "jiv"))


def test_the_pack_is_a_kolibri_html5_app(kolibri_zip):
    with zipfile.ZipFile(kolibri_zip) as archive:
        entries = archive.infolist()
        # Kolibri opens "index.html" when the app is asked for with no path.
        assert archive.getinfo("index.html").file_size > 0
    names = [entry.filename for entry in entries]
    assert len(names) == len(set(names))
    for name in names:
        # Served by their exact entry name: plain relative paths.
        assert not name.startswith(("/", "./")) and "\\" not in name, name
        assert ".." not in name.split("/") and not name.endswith("/"), name

    files = read_pack(kolibri_zip)
    assert "search-index.js" in files and "static/packs/search.js" in files
    for name in files:
        extension = posixpath.splitext(name)[1]
        guessed = mimetypes.guess_type(name)[0]
        assert guessed, f"Kolibri would serve {name} as application/octet-stream"
        if extension in TYPES:
            assert TYPES[extension] in guessed, (name, guessed)

    # Every address relative and inside the ZIP; nothing Kolibri's CSP refuses.
    assert outside_links(files) == []
    for name, data in files.items():
        if name.endswith(".html"):
            page = data.decode()
            document = BeautifulSoup(page, "html.parser")
            assert page.lstrip().lower().startswith("<!doctype html>"), name
            # Kolibri puts its script first in <head>.
            assert document.head is not None, name
            # A <base> would send every relative address elsewhere.
            assert document.find("base") is None, name
            assert document.find("meta", attrs={"http-equiv": "refresh"}) is None
            for _tag, _attribute, url in addresses(page):
                assert not urlsplit(url).scheme and not url.startswith("/"), url
        elif name.endswith(".css"):
            for url in CSS_URL.findall(data.decode()):
                if not url.startswith("data:"):
                    target = posixpath.normpath(
                        posixpath.join(posixpath.dirname(name), url.split("#")[0])
                    )
                    assert target in files, (name, url)
        elif name.endswith(".js"):
            assert REQUESTS.search(data.decode()) is None, name
