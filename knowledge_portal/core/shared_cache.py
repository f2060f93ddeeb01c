"""What is the same for everyone who may see it, kept once in the "shared"
cache (the one ``CACHES["shared"]`` names, files by default, Redis or
memcached by setting).

Every key carries the current *generation*: a random token in that cache
which any change to what pages show replaces (``new_generation``, called by
``site/page_cache.py`` on every page, image, recording, protocol, community,
site, locale or interface string saved or deleted). A value stored under an
older generation is never read again, so nothing stale is served however
the change reached the database, and a request that read old rows before
the change was committed stores them under the generation it read first,
which is already gone. Its timeout only bounds the memory it takes.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone, translation

CACHE_ALIAS = "shared"
GENERATION_KEY = "generation"


def seconds():
    """How long a value is kept; 0 turns the shared cache off."""
    return settings.SHARED_CACHE_SECONDS


def enabled():
    return bool(seconds())


def cache():
    return caches[CACHE_ALIAS]


def generation():
    """The current generation, made on first use (and again if the cache
    dropped it, which orphans everything stored before: never stale)."""
    store = cache()
    token = store.get(GENERATION_KEY)
    if token is None:
        store.add(GENERATION_KEY, secrets.token_hex(8), None)
        token = store.get(GENERATION_KEY)
    return token


def _replace_generation():
    cache().set(GENERATION_KEY, secrets.token_hex(8), None)


def new_generation():
    """Forget everything shared: now, and again once the current transaction
    commits (a request in between may have read the old rows under the
    token made now)."""
    if not enabled():
        return
    _replace_generation()
    transaction.on_commit(_replace_generation)


def key(kind, *parts):
    """A key of ``kind`` for ``parts`` under the current generation, the
    active language and today's date (protocols with seasons open and close
    with the date)."""
    digest = hashlib.sha256(
        "\x1f".join(str(part) for part in parts).encode()
    ).hexdigest()
    return ":".join(
        [
            kind,
            generation(),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            digest,
        ]
    )


def get_or_compute(kind, parts, compute):
    """``compute()``, kept under ``key(kind, *parts)``."""
    if not enabled():
        return compute()
    store = cache()
    name = key(kind, *parts)
    value = store.get(name)
    if value is None:
        value = compute()
        store.set(name, value, seconds())
    return value
