"""Production: what `make run` serves under gunicorn.

DEBUG stays off unless DJANGO_DEBUG=1; the secret key comes from
DJANGO_SECRET_KEY or the untracked file base.py creates.
"""

import os

from .base import *  # noqa: F403

# Security headers common to every environment are in base.py.
# Behind a TLS proxy, set DJANGO_HTTPS=1: secure cookies, HTTPS redirect, HSTS.
# `manage.py check --deploy` then passes with no security check silenced.
if env_bool("DJANGO_HTTPS"):  # noqa: F405
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31_536_000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
else:
    # Plain HTTP on a community LAN (the default `make run`): there is no
    # certificate, so HSTS, the HTTPS redirect and secure-only cookies would
    # lock everyone out. Only these TLS checks are silenced, only here.
    SILENCED_SYSTEM_CHECKS += [  # noqa: F405
        "security.W004",  # SECURE_HSTS_SECONDS
        "security.W008",  # SECURE_SSL_REDIRECT
        "security.W012",  # SESSION_COOKIE_SECURE
        "security.W016",  # CSRF_COOKIE_SECURE
    ]

LOGGING["root"]["level"] = os.environ.get("DJANGO_LOG_LEVEL", "INFO")  # noqa: F405
# Wagtail logs every page it creates at INFO; loading content/ would flood.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
