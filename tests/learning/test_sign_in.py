"""Names typed on a phone: not capitalised, and signing in ignores case."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from tests.learning.test_classes import PASSWORD, create_class, join

pytestmark = pytest.mark.django_db

KEPT_AS_TYPED = {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}


def name_input(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return page.select_one("input[name=username]")


@pytest.mark.parametrize("url", ["/es/join/", "/es/accounts/login/", "/admin/login/"])
def test_name_fields_are_not_capitalised_or_corrected(client, seeded, url):
    field = name_input(client, url)
    assert {name: field.get(name) for name in KEPT_AS_TYPED} == KEPT_AS_TYPED


def test_kuri_joins_and_signs_in_as_kuri(client, teacher):
    school_class = create_class(client, teacher)
    client.logout()
    assert join(client, school_class.join_code, username="Kuri").status_code == 302
    client.logout()
    response = client.post(
        "/es/accounts/login/", {"username": "kuri", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(
        get_user_model().objects.get(username="Kuri").pk
    )
    client.logout()
    response = client.post(
        "/es/accounts/login/", {"username": "kuri", "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_name_in_another_case_cannot_join_again(client, teacher):
    school_class = create_class(client, teacher)
    client.logout()
    join(client, school_class.join_code, username="Kuri")
    client.logout()
    response = join(client, school_class.join_code, username="KURI")
    assert response.status_code == 200
    assert response.context["form"].has_error("username", code="taken")
    assert get_user_model().objects.filter(username__iexact="kuri").count() == 1


def test_two_old_accounts_differing_by_case_sign_in_by_exact_name(
    client, seeded, make_user
):
    make_user("Kuri", password=PASSWORD)
    other = make_user("kuri", password="another-passphrase-7")
    response = client.post(
        "/es/accounts/login/", {"username": "kuri", "password": "another-passphrase-7"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)
