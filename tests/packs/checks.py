"""What every pack must be, checked from outside: the ZIP as a phone or
Kolibri gets it."""

import hashlib
import json
import posixpath
import zipfile
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

#: Attributes a browser follows or fetches.
ADDRESSES = ("href", "src", "srcset", "action", "formaction", "poster", "data")


def read_pack(path):
    """{name: bytes} of every file in the ZIP."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def addresses(html):
    """(tag, attribute, address) of every address in an HTML page."""
    document = BeautifulSoup(html, "html.parser")
    for element in document.find_all(True):
        for attribute in ADDRESSES:
            value = element.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                for candidate in value.split(","):
                    yield element.name, attribute, candidate.split()[0]
            else:
                yield element.name, attribute, value


def outside_links(files):
    """Every address in an HTML file that is absolute, leaves the pack or
    names a file the pack lacks."""
    found = []
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        for tag, attribute, url in addresses(data.decode()):
            if url.startswith("#"):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("/"):
                found.append((name, tag, attribute, url))
                continue
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(name), parts.path)
            )
            if target.startswith("..") or target not in files:
                found.append((name, tag, attribute, url))
    return found


def checksum_errors(files):
    """Files whose sha256 differs from the manifest's, and files the
    manifest does not list or lists without the pack holding them."""
    manifest = json.loads(files["manifest.json"])
    listed = manifest["files"]
    errors = [
        name
        for name, entry in listed.items()
        if name not in files
        or hashlib.sha256(files[name]).hexdigest() != entry["sha256"]
    ]
    errors += [name for name in files if name != "manifest.json" and name not in listed]
    return errors
