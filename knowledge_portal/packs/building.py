"""Building a pack: one ZIP of static pages, files and ``manifest.json``.

Layout (every link relative, so it opens from ``file://`` and in Kolibri as
an HTML5 app)::

    index.html                 contents, in the first language
    manifest.json              what the pack holds, under which protocols
    search-index.js            its plants' names, folded for the search
    <lang>/index.html          contents in each language
    <lang>/<kind>/<name>.html  lessons/, guides/, plants/
    pack.js                    the pack's id and, in a class pack, its learners'
                               keys to sign their answers (answers.py)
    static/...                 the site's stylesheet and the pack's, its script
    media/...                  photos at phone size, recordings

The ZIP is written beside ``output`` under another name and renamed when it
is complete: a failed build leaves nothing.
"""

import hashlib
import json
import os
import posixpath
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from knowledge_portal.core import formatting
from knowledge_portal.core.languages import site_language
from knowledge_portal.learning.lesson import verdict_label
from knowledge_portal.plants.layers import pack_layers
from knowledge_portal.protocols.access import (
    can_view_media,
    media_models,
    open_until,
    visible_pages,
)
from knowledge_portal.protocols.models import ImageProtocol, ProtocolFields

from . import manifest as manifests
from .answers import pack_learners
from .links import Rewriter, relative
from .rendering import pack_request, render
from .search_index import SEARCH_INDEX, SEARCH_SCRIPT, search_index
from .selection import KINDS, PackError, check_languages, select_items

#: The static files every pack page uses (pack_templates/base.html).
STATIC_FILES = (
    "css/site.css",
    "packs/pack.css",
    "packs/signing.js",
    "packs/answers.js",
    "img/favicon.svg",
)
#: What the pack's script reads: its id and its learners.
PACK_DATA = "pack.js"
#: Already compressed: stored as they are.
STORED = (".webp", ".jpg", ".jpeg", ".png", ".gif", ".mp3", ".m4a", ".ogg", ".oga")
#: ``uuid5`` namespace of pack ids.
PACK_NAMESPACE = uuid.UUID("6f1c1f4e-2f2a-4d55-9d4c-6a3b1d0c7e21")


@dataclass
class Audience:
    """Whom a pack is for: the viewer its pages are rendered for, named in
    error messages, and the class it is built for, if any."""

    viewer: object
    name: str
    school_class: object = None


class PackWriter:
    """Files into the open ZIP, each once, with its sha256."""

    def __init__(self, archive, built_at):
        self.archive = archive
        self.date_time = built_at.timetuple()[:6]
        self.files = {}

    def __contains__(self, path):
        return path in self.files

    def _info(self, path):
        info = zipfile.ZipInfo(path, self.date_time)
        info.compress_type = (
            zipfile.ZIP_STORED
            if path.lower().endswith(STORED)
            else zipfile.ZIP_DEFLATED
        )
        info.external_attr = 0o644 << 16
        return info

    def add(self, path, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.archive.writestr(self._info(path), data)
        self.files[path] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }

    def add_stream(self, path, stream):
        digest, size = hashlib.sha256(), 0
        with self.archive.open(self._info(path), "w") as target:
            while chunk := stream.read(1024 * 1024):
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
        self.files[path] = {"sha256": digest.hexdigest(), "size": size}


def build_pack(output, page_ids, languages, audience, title=None, today=None):
    """Write the pack of ``page_ids`` (and the plants they link to) in
    ``languages``, as ``audience`` may see it, to ``output``; return its
    manifest. Bad input is a ``PackError`` and writes nothing."""
    languages = check_languages(languages)
    output = Path(output)
    if not output.parent.is_dir():
        raise PackError(
            _("There is no folder %(folder)s to write the pack in.")
            % {"folder": output.parent}
        )
    items = select_items(page_ids, languages, audience.viewer, audience.name)
    built_at = timezone.now().replace(microsecond=0)
    today = today or timezone.localdate()
    handle, part = tempfile.mkstemp(
        dir=output.parent, prefix=f".{output.name}.", suffix=".part"
    )
    os.close(handle)
    try:
        with zipfile.ZipFile(part, "w") as archive:
            pack = Build(archive, items, languages, audience, built_at, today, title)
            manifest = pack.write()
        os.chmod(part, 0o644)
        os.replace(part, output)
    except BaseException:
        Path(part).unlink(missing_ok=True)
        raise
    return manifest


class Build:
    """One pack being written."""

    def __init__(self, archive, items, languages, audience, built_at, today, title):
        self.writer = PackWriter(archive, built_at)
        self.items = items
        self.languages = languages
        self.audience = audience
        self.viewer = audience.viewer
        self.built_at = built_at
        self.today = today
        self.title = title
        self.rewriter = Rewriter(self.resolve)
        # Site path of each packed page -> its file in the pack.
        self.page_files = {
            urlsplit(page.url).path: item.path(code)
            for item in items
            for code, page in item.pages.items()
        }
        self.hosts = {
            f"{site.hostname}:{site.port}"
            if site.port not in (80, 443)
            else site.hostname
            for site in Site.objects.all()
        } | {"testserver"}
        # Media file name -> (pack path, the image or recording it belongs to).
        self.media = {}
        school_class = audience.school_class
        keys = sorted(item.key for item in items)
        scope = "|".join([str(getattr(school_class, "pk", "")), *keys, *languages])
        # The same pages for the same class (or nobody) in the same
        # languages: the same id; each build a new version.
        self.pack_id = str(uuid.uuid5(PACK_NAMESPACE, scope))
        self.learners = (
            pack_learners(school_class, self.pack_id) if school_class else []
        )

    # -- writing ----------------------------------------------------------

    def write(self):
        for name in STATIC_FILES:
            self.add_static(name)
        self.write_pack_data()
        for item in self.items:
            for code, page in item.pages.items():
                self.write_page(item, code, page)
        if self.has_plants():
            self.writer.add(SEARCH_INDEX, search_index(self.items))
            self.add_static(SEARCH_SCRIPT)
        within = self.pages_within()
        valid_until = self.valid_until(within)
        for code in self.languages:
            self.write_contents(code, f"{code}/index.html", valid_until)
        self.write_contents(self.languages[0], "index.html", valid_until)
        missing = sorted(
            {target for _source, target in self.rewriter.targets}
            - set(self.writer.files)
        )
        if missing:
            raise PackError(f"Links to files the pack lacks: {', '.join(missing)}")
        manifest = self.manifest(within, valid_until)
        self.writer.add(
            "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        )
        return manifest

    def write_pack_data(self):
        """The data the pack's script reads (a script, as pages opened from
        ``file://`` may not read a JSON file)."""
        school_class = self.audience.school_class
        data = {
            "id": self.pack_id,
            "class": school_class.pk if school_class else None,
            "learners": self.learners,
        }
        self.writer.add(
            PACK_DATA,
            "window.chakraPack = "
            + json.dumps(data, ensure_ascii=False, sort_keys=True)
            + ";\n",
        )

    def write_page(self, item, code, page):
        path = item.path(code)
        with translation.override(code):
            request = pack_request(self.viewer, page.url, code)
            context = page.get_context(request)
            if item.kind.name == "lesson":
                template = "packs/lesson_page.html"
                for question in context["quiz"]:
                    for answer in question["answers"]:
                        answer["verdict"] = verdict_label(
                            answer["correct"], answer["feedback"]
                        )
            else:
                template = page.get_template(request)
            if item.kind.name == "plant":
                # The pack's own plants, linked inside the pack, not the site's.
                context["layers"] = self.layers(code, path)
            context["pack"] = self.navigation(path, code, item)
            context["pack"]["learners"] = self.learners
            html = render(template, context, request)
        self.writer.add(path, self.rewriter.rewrite(html, path))

    def write_contents(self, code, path, valid_until):
        with translation.override(code):
            request = pack_request(self.viewer, f"/{code}/", code)
            groups = []
            for kind in KINDS:
                entries = [
                    {"page": item.pages[code], "href": relative(item.path(code), path)}
                    for item in self.items
                    if item.kind is kind and code in item.pages
                ]
                if entries:
                    groups.append({"kind": kind, "entries": entries})
            navigation = self.navigation(path, code)
            navigation["search"] = self.has_plants()
            navigation["valid_until"] = (
                formatting.format_date(valid_until) if valid_until else None
            )
            html = render(
                "packs/index.html",
                {
                    "pack": navigation,
                    "groups": groups,
                    "layers": self.layers(code, path),
                },
                request,
            )
        self.writer.add(path, self.rewriter.rewrite(html, path))

    def layers(self, code, path):
        """The chakra's layers with the pack's plants in ``code`` (no other:
        the pack holds only what its viewer may see), linked from ``path``."""
        plants = {
            item.pages[code]: item.path(code)
            for item in self.items
            if item.kind.name == "plant" and code in item.pages
        }
        return pack_layers(list(plants), lambda page: relative(plants[page], path))

    def has_plants(self):
        """Whether the pack holds plants to search by their names."""
        return any(item.kind.name == "plant" for item in self.items)

    def pack_title(self):
        if self.title:
            return self.title
        if self.audience.school_class is not None:
            return _("Pack for %(class)s") % {"class": self.audience.school_class.name}
        return _("Offline learning pack")

    def navigation(self, path, code, item=None):
        """What the pack's base template shows around a page: the way home,
        its stylesheets and the language switch, each relative to ``path``."""
        root = posixpath.relpath(".", posixpath.dirname(path) or ".")
        languages = []
        for other in self.languages:
            available = item is None or other in item.pages
            target = item.path(other) if item and available else f"{other}/index.html"
            languages.append(
                {
                    "language": site_language(other),
                    "href": relative(target, path),
                    "current": other == code,
                    "available": available,
                }
            )
        return {
            "title": self.pack_title(),
            "root": "" if root == "." else f"{root}/",
            "home": relative(f"{code}/index.html", path),
            "languages": languages,
            "built": formatting.format_date(timezone.localtime(self.built_at).date()),
        }

    # -- addresses ----------------------------------------------------------

    def resolve(self, url):
        """The pack path of a site address, packing the file it names; None
        for anything the pack does not hold."""
        parts = urlsplit(url)
        media_base = default_storage.url("")
        if url.startswith(media_base) and media_base.startswith(("http:", "https:")):
            return self.add_media(unquote(url[len(media_base) :].split("?")[0]))
        if parts.scheme not in ("", "http", "https") or (
            parts.netloc and parts.netloc not in self.hosts
        ):
            return None
        path = unquote(parts.path)
        if path in self.page_files:
            return self.page_files[path]
        if path.startswith(settings.MEDIA_URL):
            return self.add_media(path[len(settings.MEDIA_URL) :])
        if path.startswith(settings.STATIC_URL):
            return self.add_static(path[len(settings.STATIC_URL) :])
        return None

    def add_static(self, name):
        found = finders.find(name)
        if not found:
            return None
        path = f"static/{name}"
        if path not in self.writer:
            with open(found, "rb") as stream:
                self.writer.add_stream(path, stream)
        return path

    def add_media(self, name):
        """A photo or recording the page shows: packed once, and only if the
        access rule lets the viewer see it (the page should not have shown
        it otherwise)."""
        if name in self.media:
            return self.media[name][0]
        owner = media_owner(name)
        if owner is None or not can_view_media(self.viewer, owner):
            raise PackError(f"{name} is not a file this pack may hold.")
        path = f"media/{name}"
        with default_storage.open(name, "rb") as stream:
            self.writer.add_stream(path, stream)
        self.media[name] = (path, owner)
        return path

    # -- protocols ----------------------------------------------------------

    def pages_within(self):
        """Pages shown inside the packed ones (a plant's knowledge notes) that
        carry a protocol of their own."""
        within = {}
        for item in self.items:
            for page in item.pages.values():
                found = visible_pages(
                    self.viewer,
                    Page.objects.descendant_of(page).live().public().specific(),
                )
                within.setdefault(item.key, []).extend(
                    child for child in found if isinstance(child, ProtocolFields)
                )
        return within

    def valid_until(self, within):
        """The first day a season of something in the pack closes."""
        objects = [page for item in self.items for page in item.pages.values()]
        objects += [page for pages in within.values() for page in pages]
        objects += [owner for _path, owner in self.media.values()]
        days = [open_until(obj, self.today) for obj in objects]
        return min((day for day in days if day), default=None)

    def manifest(self, within, valid_until):
        languages = self.languages
        school_class = self.audience.school_class
        files = dict(sorted(self.writer.files.items()))
        return {
            "format": manifests.FORMAT,
            "format_version": manifests.FORMAT_VERSION,
            "id": self.pack_id,
            "version": self.built_at.strftime("%Y%m%dT%H%M%SZ"),
            "title": str(self.pack_title()),
            "class": (
                {"id": school_class.pk, "name": school_class.name}
                if school_class is not None
                else None
            ),
            "languages": languages,
            "built_at": self.built_at.isoformat(),
            "valid_until": valid_until.isoformat() if valid_until else None,
            "items": [self.item_entry(item, within) for item in self.items],
            "media": [
                {
                    "path": path,
                    "kind": "image" if owner_is_image(owner) else "recording",
                    **manifests.described(
                        owner, languages, self.today, own_protocol(owner)
                    ),
                }
                for path, owner in sorted(self.media.values(), key=lambda v: v[0])
            ],
            "files": files,
        }

    def item_entry(self, item, within):
        first = next(iter(item.pages.values()))
        return {
            "kind": item.kind.name,
            "key": item.key,
            "asked_for": item.asked_for,
            "pages": {
                code: {
                    "path": item.path(code),
                    "title": page.title,
                    "lang": es_if_awaiting(page, code),
                }
                for code, page in item.pages.items()
            },
            **manifests.described(first, self.languages, self.today),
            "within": [
                {
                    "kind": child._meta.model_name,
                    "key": str(child.translation_key),
                    "language": child.locale.language_code,
                    **manifests.described(child, self.languages, self.today),
                }
                for child in within.get(item.key, [])
            ],
        }


def es_if_awaiting(page, code):
    status = (getattr(page, "translation_status", None) or {}).get("title") or {}
    return "es" if status.get("status") == "awaiting-translation" else code


def owner_is_image(owner):
    return isinstance(owner, get_image_model())


def own_protocol(owner):
    if owner_is_image(owner):
        return ImageProtocol.objects.filter(image=owner).first()
    return None


def media_owner(name):
    """The image or recording a stored file belongs to (an image's
    renditions belong to it), or None."""
    renditions = get_image_model().get_rendition_model()
    rendition = renditions.objects.filter(file=name).select_related("image").first()
    if rendition is not None:
        return rendition.image
    for model in media_models():
        for field in model._meta.fields:
            if isinstance(field, FileField):
                found = model.objects.filter(**{field.name: name}).first()
                if found is not None:
                    return found
    return None
