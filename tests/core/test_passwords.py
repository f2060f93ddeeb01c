"""Every way a password is set applies Django's password validators.

Learners choose their own password when they join a class (no teacher sets
one for them); editors' passwords are set in Wagtail's admin (new users, and
one's own account). Django has no Kichwa or Shuar catalog, so its messages
fall back to Spanish (LANGUAGE_CODE) there: never English.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from knowledge_portal.core import roles
from knowledge_portal.learning import services

pytestmark = pytest.mark.django_db

TOO_COMMON = "Esta contraseña es demasiado común."
NUMERIC = "Esta contraseña es completamente numérica."


@pytest.fixture
def school_class(django_user_model):
    teacher = django_user_model.objects.create_user("profe", password="p-long-pass-9")
    teacher.groups.add(Group.objects.get(name=roles.TEACHER))
    return services.create_class(teacher, "Escuela Sacha", "Quinto")


def errors(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [error.get_text(strip=True) for error in page.select(".error")]


@pytest.mark.parametrize("language", ["es", "qu", "jiv"])
def test_joining_refuses_a_weak_password(client, seeded, school_class, language):
    response = client.post(
        f"/{language}/join/",
        {
            "school_class": school_class.join_code,
            "username": "kuri",
            "password1": "12345678",
            "password2": "12345678",
            "language": language,
        },
    )
    assert response.status_code == 200
    assert TOO_COMMON in errors(response)
    assert NUMERIC in errors(response)
    assert "This password is too common." not in response.content.decode()
    assert not get_user_model().objects.filter(username="kuri").exists()


def test_joining_refuses_a_password_like_the_name(client, seeded, school_class):
    response = client.post(
        "/es/join/",
        {
            "school_class": school_class.join_code,
            "username": "sisakuri",
            "password1": "sisakuri1",
            "password2": "sisakuri1",
            "language": "es",
        },
    )
    assert response.status_code == 200
    assert any("demasiado similar" in error for error in errors(response))
    assert not get_user_model().objects.filter(username="sisakuri").exists()


@pytest.fixture
def editor(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(admin_user)
    return admin_user


def test_new_users_in_the_admin_get_no_weak_password(client, seeded, editor):
    response = client.post(
        "/admin/users/new/",
        {
            "username": "nuevo",
            "email": "nuevo@example.org",
            "first_name": "Nuevo",
            "last_name": "Editor",
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    assert response.status_code == 200
    assert TOO_COMMON in response.content.decode()
    assert not get_user_model().objects.filter(username="nuevo").exists()


def test_changing_ones_password_in_the_admin_refuses_a_weak_one(client, seeded, editor):
    response = client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Ana",
            "name_email-last_name": "Admin",
            "name_email-email": "admin@example.com",
            "password-old_password": "password",
            "password-new_password1": "12345678",
            "password-new_password2": "12345678",
        },
    )
    assert response.status_code == 200
    assert TOO_COMMON in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password("password")
