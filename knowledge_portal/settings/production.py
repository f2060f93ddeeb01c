"""Production: what `make run` serves under gunicorn.

DEBUG stays off unless DJANGO_DEBUG=1; the secret key comes from
DJANGO_SECRET_KEY or the untracked file base.py creates.
"""

import os

from .base import *  # noqa: F403

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Behind a TLS proxy, set DJANGO_HTTPS=1 to mark cookies secure and redirect.
if env_bool("DJANGO_HTTPS"):  # noqa: F405
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 3600))
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING["root"]["level"] = os.environ.get("DJANGO_LOG_LEVEL", "INFO")  # noqa: F405
# Wagtail logs every page it creates at INFO; loading content/ would flood.
LOGGING["loggers"] = {"wagtail": {"level": "WARNING"}}  # noqa: F405
