"""Chakramamas submitting at the same moment: nothing lost, nothing doubled.

Each submission goes through the real form view in its own thread, so each
has its own database connection; they start together at a barrier. On SQLite
the test database is a file in WAL mode, as in production.
"""

import threading

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client
from wagtail.models import Page

from knowledge_portal.contributions.models import Contribution, KnowledgeNotePage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Community
from tests import factories

pytestmark = [
    pytest.mark.faults,
    # Other connections only see committed rows; the snapshot taken in
    # conftest.py puts the seeded site back afterwards.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOTES = 4
PLANTS = 4
TIMEOUT = 120


def consent():
    return {
        "credit_as": "name",
        "community": factories.community_key("winak"),
        "access": "public",
        "commercial_use": "no",
        "consent": "on",
    }


def note(number):
    photo = SimpleUploadedFile(
        f"hoja-{number}.png", factories.png_bytes(), content_type="image/png"
    )
    text = f"Nota simultánea número {number}"
    return text, {"kind": "practice", "text": text, "photos": photo, **consent()}


def plant(number):
    name = f"Planta simultánea {number}"
    return name, {"name_es": name, "uses_text": "Se come asada.", **consent()}


@pytest.fixture
def chakramamas(django_user_model):
    group = Group.objects.get(name="Chakramama")
    community, _created = Community.objects.get_or_create(
        slug="winak", defaults={"name": "Wiñak"}
    )
    users = []
    for number in range(NOTES + PLANTS):
        user = django_user_model.objects.create_user(
            f"mama-{number}", password="a-long-passphrase-9", first_name="Mama"
        )
        user.groups.add(group)
        community.members.add(user)
        users.append(user)
    return users


def submit_together(requests):
    """POST every ``(user, url, data)`` at once, each from its own thread."""
    barrier = threading.Barrier(len(requests))
    outcomes = [None] * len(requests)

    def submit(position, user, url, data):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=TIMEOUT)
            outcomes[position] = client.post(url, data)
        except Exception as error:
            outcomes[position] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=submit, args=(position, *request))
        for position, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a submission hung"
    return outcomes


def test_simultaneous_submissions_are_each_stored_once(chakramamas):
    cacao = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )
    notes = [note(number) for number in range(NOTES)]
    plants = [plant(number) for number in range(PLANTS)]
    requests = [
        (user, f"/es/contribute/note/{cacao.pk}/", data)
        for user, (_text, data) in zip(chakramamas[:NOTES], notes, strict=True)
    ] + [
        (user, "/es/contribute/plant/", data)
        for user, (_name, data) in zip(chakramamas[NOTES:], plants, strict=True)
    ]

    outcomes = submit_together(requests)

    problems = [
        outcome if isinstance(outcome, Exception) else outcome.status_code
        for outcome in outcomes
        if isinstance(outcome, Exception) or outcome.status_code != 302
    ]
    assert problems == []
    contributions = Contribution.objects.filter(contributor__in=chakramamas)
    assert contributions.count() == NOTES + PLANTS
    assert len({item.page_id for item in contributions}) == NOTES + PLANTS
    for user in chakramamas:
        assert contributions.filter(contributor=user).count() == 1
    for text, _data in notes:
        stored = KnowledgeNotePage.objects.filter(text=text)
        assert stored.count() == 1, text
        assert stored.get().get_parent().pk == cacao.pk
        assert stored.get().photos.count() == 1
    for name, _data in plants:
        assert PlantProfilePage.objects.filter(title=name).count() == 1, name
    # The page tree is whole: paths, depths and child counts agree.
    assert Page.find_problems() == ([], [], [], [], [])
