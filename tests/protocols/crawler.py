"""Follow every link a visitor can reach and collect what they were shown."""

import json
import re
from collections import deque
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup

START = [
    "/",
    "/es/",
    "/qu/",
    "/jiv/",
    # The translation workbench: a 404 but for language reviewers and editors.
    "/es/workbench/",
    "/qu/workbench/",
    "/jiv/workbench/",
    "/sitemap.xml",
    "/api/v2/pages/?limit=100",
    "/api/v2/pages/?limit=100&offset=100",
    "/api/v2/pages/?limit=100&offset=200",
    "/api/v2/images/?limit=100",
    "/api/v2/documents/?limit=100",
]
SKIP = re.compile(r"^/(admin|documents)/|/accounts/logout/|/print/$|\.csv$")
MAX_URLS = 1500


def body_of(response):
    raw = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return raw.decode("utf-8", "replace")


def _links(response, body):
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        document = BeautifulSoup(body, "html.parser")
        for tag, attribute in (
            ("a", "href"),
            ("img", "src"),
            ("audio", "src"),
            ("link", "href"),
        ):
            for element in document.find_all(tag):
                if element.get(attribute):
                    yield element[attribute]
        for element in document.find_all(["img", "source"], srcset=True):
            for candidate in element["srcset"].split(","):
                yield candidate.split()[0]
    elif "xml" in content_type:
        yield from re.findall(r"<loc>([^<]+)</loc>", body)
    elif "json" in content_type:
        yield from _json_urls(json.loads(body))


def _json_urls(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_urls(item)
    elif isinstance(value, str) and (
        value.startswith("/") or value.startswith("http://localhost")
    ):
        yield value


def _combined_filters(parsed):
    """Filter links multiply into every combination; each single filter (and
    each API listing) is enough to reach every page."""
    if parsed.path.startswith("/api/"):
        return False
    keys = {part.split("=")[0] for part in parsed.query.split("&") if part}
    return len(keys - {"page"}) > 1


def crawl(client, start=START, **options):
    """Return {url: (status, body)} for every same-site URL reachable by GET."""
    return {url: (status, body) for url, status, body in walk(client, start, **options)}


def walk(client, start=START, skip=SKIP, wanted=None, more_links=None):
    """Yield (url, status, body) for every same-site URL reachable by GET, as
    it is fetched (so a search for a leak can stop at the first).

    ``wanted(parsed_url)`` may turn a URL down; ``more_links(body)`` finds
    links the HTML parser does not (URLs inside scripts and JSON).
    """
    seen = set()
    queue = deque(start)
    while queue and len(seen) < MAX_URLS:
        url = queue.popleft()
        parsed = urlparse(url)
        if parsed.netloc not in ("", "localhost", "testserver"):
            continue
        path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        if path in seen or skip.search(parsed.path) or _combined_filters(parsed):
            continue
        if wanted and not wanted(parsed):
            continue
        response = client.get(path)
        if response.status_code in (301, 302):
            queue.append(urljoin(path, response["Location"]))
        media = response.get("Content-Type", "").startswith(("image/", "audio/"))
        body = body_of(response) if response.status_code == 200 and not media else ""
        seen.add(path)
        yield path, response.status_code, body
        for link in _links(response, body) if body else ():
            queue.append(urljoin(path, link))
        for link in more_links(body) if more_links and body else ():
            queue.append(urljoin(path, link))
