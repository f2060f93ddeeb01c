"""Production settings with another password hasher first, for bench/pages.py.

The class-start burst compares hashers on the same site. A hasher only counts
when it comes first in PASSWORD_HASHERS: otherwise Django re-hashes every
password with the first one at login, which costs both. BENCH_PASSWORD_HASHER
names Django's hasher to put first (``pbkdf2``, ``argon2``, ``scrypt``); unset,
these are the production settings unchanged. Only the benchmark reads this.
"""

import os

from django.conf import global_settings

from knowledge_portal.settings.production import *  # noqa: F403

HASHERS = {
    "pbkdf2": "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "argon2": "django.contrib.auth.hashers.Argon2PasswordHasher",
    "scrypt": "django.contrib.auth.hashers.ScryptPasswordHasher",
}

_chosen = os.environ.get("BENCH_PASSWORD_HASHER")
if _chosen:
    _first = HASHERS[_chosen]
    _current = globals().get("PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    PASSWORD_HASHERS = [_first, *(name for name in _current if name != _first)]
