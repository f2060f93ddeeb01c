"""Joining a community with a code as a new person: the account and the
membership together, or neither."""

from django.contrib.auth import get_user_model
from django.db import transaction

from knowledge_portal.protocols import membership


@transaction.atomic
def sign_up_with_code(username, password, code):
    user = get_user_model().objects.create_user(username=username, password=password)
    membership.join_with_code(user, code)
    return user
