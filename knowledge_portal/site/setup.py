"""The decisions `make setup` takes: the site's address and whether the
search index needs rebuilding."""

import hashlib
import importlib
import inspect
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Max
from modelsearch.index import RelatedFields, get_indexed_models
from wagtail.models import Revision, Site

DEFAULT_PORTS = {"http": 80, "https": 443}
STAMP_NAME = "indexed.stamp"


def point_site_at(base_url):
    """Give the default Site the host and port of ``base_url``, so the
    addresses it builds (the API's ``html_url``, sitemaps) are the served ones.

    Returns the Site, or None before the site exists.
    """
    parts = urlsplit(base_url)
    hostname = parts.hostname or "localhost"
    port = parts.port or DEFAULT_PORTS.get(parts.scheme, 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site


def search_index_fingerprint():
    """A digest of what the search index is built from: the backend and its
    code, what each indexed model indexes and the code that defines it, and
    the state of their rows (how many, the newest, the latest revision).

    Edits made while the site runs reach the index by themselves; this
    changes when the index could have missed something, and a little more.
    """
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    models = sorted(get_indexed_models(), key=lambda model: model._meta.label)
    parts = {
        "backend": {key: str(value) for key, value in backend.items()},
        "code": _source_digest(backend["BACKEND"], models),
        "models": {
            model._meta.label: {
                "fields": [_describe(field) for field in model.get_search_fields()],
                "rows": _row_state(model),
            }
            for model in models
        },
        "revisions": _row_state(Revision),
    }
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def search_index_is_current():
    path = _stamp_path()
    return path.exists() and path.read_text() == search_index_fingerprint()


def mark_search_index_current():
    path = _stamp_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(search_index_fingerprint())


def _stamp_path():
    """Beside a Whoosh index (deleting the index deletes the stamp), else in
    the data folder."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    if backend.get("PATH"):
        return Path(backend["PATH"]) / STAMP_NAME
    return Path(settings.DATA_DIR) / f"search-{STAMP_NAME}"


def _describe(field):
    if isinstance(field, RelatedFields):
        return ["related", field.field_name, [_describe(item) for item in field.fields]]
    return [type(field).__name__, field.field_name, getattr(field, "boost", None)]


def _row_state(model):
    names = {field.name for field in model._meta.get_fields()}
    aggregates = {"newest": Max("pk")}
    for name in ("latest_revision_created_at", "last_published_at", "created_at"):
        if name in names:
            aggregates[name] = Max(name)
    manager = model._base_manager
    return {"count": manager.count(), **manager.aggregate(**aggregates)}


def _source_digest(backend_path, models):
    """The source of the backend's package and of every class the indexed
    models are made of in this project."""
    modules = {importlib.import_module(backend_path)}
    for model in models:
        for cls in model.__mro__:
            if cls.__module__.startswith("knowledge_portal."):
                modules.add(importlib.import_module(cls.__module__))
    files = set()
    for module in modules:
        path = Path(inspect.getfile(module))
        files.update(path.parent.glob("*.py") if path.name == "__init__.py" else [path])
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
