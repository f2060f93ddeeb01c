"""Every address in a pack's HTML made relative to the pack, or left out.

Pages are rendered with the site's templates, which write the site's
addresses (``/qu/plants/yuca/``, ``/media/images/...``). Here each one
becomes the relative path of the file the pack holds for it; a link to
anything else (a page outside the pack, another site) stops being a link and
keeps its text, and a file that cannot be packed (an image, a recording)
stops the build: a pack makes no request at all.
"""

import posixpath
import re
from html import escape, unescape
from urllib.parse import urlsplit

from .selection import PackError

# A start tag (name, attributes); quoted values may hold ">".
_TAG = re.compile(
    r"<(?P<name>[A-Za-z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S
)
_ATTRIBUTE = re.compile(
    r"(?P<space>\s+)(?P<name>[A-Za-z_:][-\w:.]*)"
    r"(?:(?P<equals>\s*=\s*)(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?"
)
#: Attributes that name an address, and whether the browser fetches it by
#: itself (then it must be in the pack) or only when followed (a link).
FETCHED = {"src", "srcset", "poster", "data", "background"}
FOLLOWED = {"href", "action", "formaction", "cite"}
#: What goes with a link that is taken out.
LINK_ONLY = {"hreflang", "target", "download", "ping", "referrerpolicy"}


def is_pack_relative(url):
    """A path inside the pack, as the pack's own templates write them."""
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith("/"))


def relative(target, from_file):
    """``target`` (a pack path, maybe with ``#fragment``) as a link from the
    file ``from_file``."""
    path, hashmark, fragment = target.partition("#")
    start = posixpath.dirname(from_file) or "."
    return posixpath.relpath(path, start) + hashmark + fragment


class Rewriter:
    """Rewrites the addresses of one pack's pages.

    ``resolve(url)`` gives the pack path of a site address (a page, a media
    or static file it then packs), or None. Every relative path written is
    kept in ``targets`` so that the builder can check each one is a file of
    the pack.
    """

    def __init__(self, resolve):
        self.resolve = resolve
        self.targets = []

    def rewrite(self, html, from_file):
        return _TAG.sub(lambda match: self._tag(match, from_file), html)

    def _tag(self, match, from_file):
        name = match.group("name").lower()
        dropped = []

        def address(attribute):
            key = attribute.group("name").lower()
            value = attribute.group("value")
            if value is None or key not in FETCHED | FOLLOWED:
                return attribute.group(0)
            raw = value[1:-1] if value[0] in "\"'" else value
            new = self._address(key, unescape(raw), from_file, name)
            if new is None:
                dropped.append(key)
                return ""
            return f'{attribute.group("space")}{key}="{escape(new)}"'

        attrs = _ATTRIBUTE.sub(address, match.group("attrs"))
        if dropped:
            attrs = _ATTRIBUTE.sub(
                lambda a: "" if a.group("name").lower() in LINK_ONLY else a.group(0),
                attrs,
            )
        return f"<{match.group('name')}{attrs}>"

    def _address(self, attribute, value, from_file, tag):
        if attribute == "srcset":
            candidates = []
            for candidate in value.split(","):
                url, _space, width = candidate.strip().partition(" ")
                packed = self._one(url, from_file, fetched=True, tag=tag)
                candidates.append(f"{packed} {width}".strip())
            return ", ".join(candidates)
        return self._one(value, from_file, fetched=attribute in FETCHED, tag=tag)

    def _one(self, url, from_file, fetched, tag):
        url = url.strip()
        if not url or url.startswith("#"):
            return url
        if is_pack_relative(url):
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(from_file), url.split("#")[0])
            )
            self.targets.append((from_file, target))
            return url
        parts = urlsplit(url)
        target = self.resolve(parts._replace(fragment="").geturl())
        if target is None:
            if fetched or tag == "link":
                raise PackError(f"{from_file}: {url} cannot be packed.")
            return None
        self.targets.append((from_file, target))
        return relative(
            target + (f"#{parts.fragment}" if parts.fragment else ""), from_file
        )
