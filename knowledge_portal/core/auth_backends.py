"""Signing in by name whatever its case: phone keyboards capitalise the first
letter, and someone with no e-mail address has no way to recover.

Every password check of a sign-in (the site's, the admin's) passes through
this backend, so it is also where their number at once is bounded."""

import threading

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

_slots_lock = threading.Lock()
_slots = {}


def password_check_slots():
    """This process's PASSWORD_CHECKS_AT_ONCE slots (a semaphore per value
    of the setting, so that tests may change it). A class signing in at once
    waits here instead of hashing in every thread: a check costs ~0.1 s of
    CPU (and scrypt 16 MiB), and the readers' requests need their share."""
    size = max(1, settings.PASSWORD_CHECKS_AT_ONCE)
    with _slots_lock:
        if size not in _slots:
            _slots[size] = threading.BoundedSemaphore(size)
        return _slots[size]


class CaseInsensitiveModelBackend(ModelBackend):
    """Django's ModelBackend, matching the name case-insensitively.

    Accounts created before names were compared this way may differ only by
    case; for them, the name as typed must match exactly.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        with password_check_slots():
            return self._authenticate(request, username, password, **kwargs)

    def _authenticate(self, request, username, password, **kwargs):
        user_model = get_user_model()
        lookup = {f"{user_model.USERNAME_FIELD}__iexact": username}
        matches = list(user_model._default_manager.filter(**lookup)[:2])
        if len(matches) != 1:
            # None, or two spellings of one name: ModelBackend's exact match
            # (which also spends the time a password check would).
            return super().authenticate(request, username, password, **kwargs)
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
