"""Sign-in, joining a class and contributing are rate-limited (core.ratelimits).

Attempts are counted in the real database cache. django-ratelimit's clock is
frozen so that no test straddles the end of a counting window, and moved on
to show that the limit lifts.
"""

import django_ratelimit.core
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import translation

from knowledge_portal.contributions.models import Contribution
from knowledge_portal.core import ratelimits, roles
from knowledge_portal.learning import services

pytestmark = pytest.mark.django_db

SPANISH_NOTE = (
    "Demasiados intentos en poco tiempo. Espere unos minutos y vuelva a intentarlo."
)


class FrozenClock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    frozen = FrozenClock()
    monkeypatch.setattr(django_ratelimit.core, "time", frozen)
    return frozen


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def note_in(response, language):
    with translation.override(language):
        expected = str(ratelimits.TOO_MANY_ATTEMPTS)
    notes = [p.get_text(strip=True) for p in page(response).select("[role=alert]")]
    return expected in notes


@pytest.mark.parametrize("language", ["es", "qu"])
def test_sign_in_is_limited_per_name_then_allowed_later(
    client, seeded, clock, django_user_model, language
):
    django_user_model.objects.create_user("ana", password="a-long-passphrase-9")
    url = f"/{language}/accounts/login/"
    for attempt in range(ratelimits_count(ratelimits.LOGIN_PER_NAME)):
        # Guesses under any capitalisation count for the same name.
        name = "ANA" if attempt % 2 else "ana"
        response = client.post(url, {"username": name, "password": f"guess{attempt}"})
        assert response.status_code == 200

    response = client.post(url, {"username": "ana", "password": "a-long-passphrase-9"})
    assert response.status_code == 429
    assert note_in(response, language)
    assert page(response).html["lang"] == language
    assert page(response).select_one("#id_username")["value"] == "ana"
    assert "_auth_user_id" not in client.session

    clock.now += 60
    response = client.post(url, {"username": "ana", "password": "a-long-passphrase-9"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_spanish_note_reads_in_spanish(client, seeded, clock):
    for _attempt in range(11):
        response = client.post(
            "/es/accounts/login/", {"username": "x", "password": "y"}
        )
    assert response.status_code == 429
    assert SPANISH_NOTE in response.content.decode()


def test_a_class_behind_one_address_signs_in_but_a_name_sprayer_is_stopped(
    client, seeded, clock, django_user_model
):
    learners = [f"learner{number}" for number in range(60)]
    for name in learners:
        django_user_model.objects.create_user(name, password="a-long-passphrase-9")
    for name in learners:
        response = client.post(
            "/es/accounts/login/", {"username": name, "password": "a-long-passphrase-9"}
        )
        assert response.status_code == 302, name
        client.logout()
    limit = ratelimits_count(ratelimits.LOGIN_PER_ADDRESS)
    statuses = [
        client.post(
            "/es/accounts/login/", {"username": f"other{number}", "password": "x"}
        ).status_code
        for number in range(limit - len(learners) + 1)
    ]
    assert statuses[:-1] == [200] * (len(statuses) - 1)
    assert statuses[-1] == 429


@pytest.fixture
def school_class(django_user_model):
    teacher = django_user_model.objects.create_user("profe", password="p-long-pass-9")
    teacher.groups.add(Group.objects.get(name=roles.TEACHER))
    return services.create_class(teacher, "Escuela Sacha", "Quinto")


def join_data(code):
    return {
        "school_class": code,
        "username": "kuri",
        "password1": "a-long-passphrase-9",
        "password2": "a-long-passphrase-9",
        "language": "qu",
    }


def test_guessing_class_codes_is_limited(
    client, seeded, clock, school_class, django_user_model
):
    for number in range(30):
        response = client.post("/qu/join/", join_data(f"ZZZZ{number:02d}"))
        assert response.status_code == 200

    response = client.post("/qu/join/", join_data(school_class.join_code))
    assert response.status_code == 429
    assert note_in(response, "qu")
    form = page(response)
    assert form.select_one("#id_school_class")["value"] == school_class.join_code
    assert form.select_one("#id_username")["value"] == "kuri"
    assert not django_user_model.objects.filter(username="kuri").exists()

    clock.now += 10 * 60
    response = client.post("/qu/join/", join_data(school_class.join_code))
    assert response.status_code == 302
    assert django_user_model.objects.filter(username="kuri").exists()


def test_mistyped_codes_below_the_limit_do_not_stop_joining(
    client, seeded, clock, school_class
):
    for number in range(29):
        client.post("/es/join/", join_data(f"ZZZZ{number:02d}"))
    response = client.post("/es/join/", join_data(school_class.join_code))
    assert response.status_code == 302


def test_contributions_are_limited_per_person(client, seeded, clock, django_user_model):
    rosa = django_user_model.objects.create_user("rosa", password="a-long-pass-9")
    rosa.groups.add(Group.objects.get(name=roles.CHAKRAMAMA))
    client.force_login(rosa)
    data = {
        "name_es": "Sacha wiru",
        "uses_text": "Para el dolor de estómago.",
        "credit_as": "name",
        "access": "public",
        "commercial_use": "no",
    }
    for _attempt in range(ratelimits_count(ratelimits.CONTRIBUTIONS_PER_PERSON)):
        # Without consent the form is refused, but each try counts.
        assert client.post("/es/contribute/plant/", data).status_code == 200

    response = client.post("/es/contribute/plant/", {**data, "consent": "on"})
    assert response.status_code == 429
    assert note_in(response, "es")
    form = page(response)
    # Browsers drop the newline Django writes after <textarea>.
    assert form.select_one("#id_uses_text").get_text().lstrip("\n") == data["uses_text"]
    assert form.select_one("#id_name_es")["value"] == "Sacha wiru"
    with translation.override("es"):
        assert str(ratelimits.CHOOSE_FILES_AGAIN) in response.content.decode()
    assert not Contribution.objects.exists()

    clock.now += 60 * 60
    response = client.post("/es/contribute/plant/", {**data, "consent": "on"})
    assert response.status_code == 302
    assert Contribution.objects.count() == 1


def test_the_admin_sign_in_is_limited(client, seeded, clock, admin_user):
    for attempt in range(10):
        response = client.post(
            "/admin/login/",
            {"username": "admin", "password": f"guess{attempt}"},
            HTTP_ACCEPT_LANGUAGE="es",
        )
        assert response.status_code == 200
    response = client.post(
        "/admin/login/",
        {"username": "admin", "password": "password"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 429
    assert SPANISH_NOTE in response.content.decode()
    assert page(response).select_one("#id_username")["value"] == "admin"
    assert "_auth_user_id" not in client.session

    clock.now += 60
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "password"}
    )
    assert response.status_code == 302


def ratelimits_count(rate):
    """The number of attempts a rate such as "10/m" allows."""
    return int(rate.split("/")[0])
