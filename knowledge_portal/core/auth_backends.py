"""Signing in by name whatever its case: phone keyboards capitalise the first
letter, and someone with no e-mail address has no way to recover."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


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
