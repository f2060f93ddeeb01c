"""A class signing in at once does not stall the site (issue 16).

Production hashes with scrypt (older PBKDF2 hashes still sign in and are
re-hashed), and a server process checks at most PASSWORD_CHECKS_AT_ONCE
passwords at once: more sign-ins wait their turn, they do not fail.
"""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import (
    MD5PasswordHasher,
    PBKDF2PasswordHasher,
    ScryptPasswordHasher,
)
from django.db import connections
from django.test import Client

from knowledge_portal.core.auth_backends import password_check_slots
from knowledge_portal.learning import services
from knowledge_portal.settings import base
from knowledge_portal.site.models import HomePage
from tests.production import run_in_production_settings

PASSWORD = "a-long-passphrase-9"
SLOW_HASHER = f"{__name__}.SlowCountingHasher"
TIMEOUT = 60


class SlowCountingHasher(MD5PasswordHasher):
    """MD5 that takes 0.2 s a check and records how many run at once."""

    algorithm = "slow_counting_md5"
    lock = threading.Lock()
    inside = 0
    most_inside = 0

    def verify(self, password, encoded):
        cls = type(self)
        with cls.lock:
            cls.inside += 1
            cls.most_inside = max(cls.most_inside, cls.inside)
        try:
            time.sleep(0.2)
            return super().verify(password, encoded)
        finally:
            with cls.lock:
                cls.inside -= 1


def test_production_hashes_with_scrypt_at_djangos_parameters(tmp_path):
    code = (
        "import django; django.setup(); "
        "from django.conf import settings; "
        "from django.contrib.auth.hashers import get_hasher, make_password; "
        "decoded = get_hasher().decode(make_password('x')); "
        "print(settings.PASSWORD_HASHERS[0]); "
        "print(decoded['work_factor'], decoded['block_size'], decoded['parallelism'])"
    )
    output = run_in_production_settings(code, tmp_path)
    first, parameters = output.splitlines()
    assert first == "django.contrib.auth.hashers.ScryptPasswordHasher"
    # Never below Django's own parameters (N 2^14, r 8, p 5: 16 MiB, OWASP's
    # line for that memory).
    work_factor, block_size, parallelism = map(int, parameters.split())
    assert work_factor >= ScryptPasswordHasher.work_factor >= 2**14
    assert block_size >= ScryptPasswordHasher.block_size >= 8
    assert parallelism >= ScryptPasswordHasher.parallelism >= 5


@pytest.mark.django_db
def test_an_old_pbkdf2_password_signs_in_and_is_rehashed_with_scrypt(
    client, seeded, django_user_model, settings
):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    # A PBKDF2 hash as the site stored them before (fewer iterations keep the
    # test fast; Django checks with the iterations written in the hash).
    old = PBKDF2PasswordHasher().encode(PASSWORD, "oldsalt1234", iterations=1000)
    user = django_user_model.objects.create(username="kuri", password=old)

    response = client.post(
        "/es/accounts/login/", {"username": "Kuri", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.password.startswith("scrypt$16384$")
    assert user.check_password(PASSWORD)


def sign_in_together(usernames):
    """POST the login form for every name at once, each from its own thread
    (its own client and database connection)."""
    barrier = threading.Barrier(len(usernames))
    outcomes = [None] * len(usernames)

    def sign_in(position, username):
        try:
            client = Client()
            barrier.wait(timeout=TIMEOUT)
            response = client.post(
                "/es/accounts/login/", {"username": username, "password": PASSWORD}
            )
            outcomes[position] = (
                response.status_code,
                "_auth_user_id" in client.session,
            )
        except Exception as error:  # reported by the test
            outcomes[position] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=sign_in, args=(position, username))
        for position, username in enumerate(usernames)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a sign-in hung"
    return outcomes


@pytest.fixture(scope="module")
def django_db_setup(django_db_setup, django_db_blocker):
    """Snapshot the seeded site for the serialized rollback of the threaded
    test (as tests/core/test_backup.py does): its sign-ins run on other
    connections, which see only committed rows."""
    with django_db_blocker.unblock():
        if HomePage.objects.exists():
            for each in connections.all():
                each._test_serialized_contents = each.creation.serialize_db_to_string()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sign_ins_beyond_the_bound_wait_their_turn(django_user_model, settings):
    settings.PASSWORD_HASHERS = [SLOW_HASHER]
    names = [f"aprendiz-{number}" for number in range(6)]
    for name in names:
        django_user_model.objects.create_user(name, password=PASSWORD)

    for at_once in (1, 2):
        settings.PASSWORD_CHECKS_AT_ONCE = at_once
        SlowCountingHasher.most_inside = 0
        started = time.monotonic()
        outcomes = sign_in_together(names)
        elapsed = time.monotonic() - started

        # Every one signed in (no error, no 500), never more than the bound
        # checking at once, so in turns: 6 checks of 0.2 s.
        assert outcomes == [(302, True)] * len(names)
        assert SlowCountingHasher.most_inside == at_once
        assert elapsed >= 0.2 * len(names) / at_once - 0.05


@pytest.mark.django_db
def test_a_wrong_password_under_the_bound_is_still_refused(
    client, seeded, django_user_model, settings
):
    settings.PASSWORD_HASHERS = [SLOW_HASHER]
    settings.PASSWORD_CHECKS_AT_ONCE = 1
    django_user_model.objects.create_user("kuri", password=PASSWORD)

    response = client.post(
        "/es/accounts/login/", {"username": "kuri", "password": "not-the-password"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


class SlotCheckingHasher(MD5PasswordHasher):
    """MD5 that records whether a password-check slot was free while it
    hashed (with one slot: whether the hashing took it)."""

    algorithm = "slot_checking_md5"
    slot_was_free = []

    def encode(self, password, salt):
        slots = password_check_slots()
        free = slots.acquire(blocking=False)
        if free:
            slots.release()
        type(self).slot_was_free.append(free)
        return super().encode(password, salt)


@pytest.mark.django_db
def test_a_learner_joining_hashes_her_password_in_her_turn(settings, seeded):
    settings.PASSWORD_HASHERS = [f"{__name__}.SlotCheckingHasher"]
    settings.PASSWORD_CHECKS_AT_ONCE = 1
    teacher = get_user_model().objects.create_user("profe", password=PASSWORD)
    school_class = services.create_class(teacher, "Escuela Sacha", "Quinto")
    SlotCheckingHasher.slot_was_free.clear()

    learner = services.create_learner("kuri", PASSWORD, "qu", school_class)

    assert SlotCheckingHasher.slot_was_free == [False]
    assert learner.check_password(PASSWORD)
