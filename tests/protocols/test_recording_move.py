"""Recordings moved from the contributions app to the protocols app (and a
plant's recordings to the plants app) keep their content type row: Wagtail's
reference index, which the access rule reads, and the permissions point at it."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection

from knowledge_portal.plants.models import PlantProfilePage, PlantRecording
from knowledge_portal.protocols.access import can_view_media
from knowledge_portal.protocols.models import Recording
from tests import factories

pytestmark = pytest.mark.django_db

move_recordings = importlib.import_module(
    "knowledge_portal.protocols.migrations.0004_recording"
)
move_plant_recordings = importlib.import_module(
    "knowledge_portal.plants.migrations.0006_plantrecording"
)
EDITOR = SimpleNamespace(connection=connection)


def as_before_the_move(model):
    """The content type row as a database made before the move has it."""
    content_type = ContentType.objects.get_for_model(model)
    ContentType.objects.filter(pk=content_type.pk).update(app_label="contributions")
    ContentType.objects.clear_cache()
    return content_type.pk


def recording_of_a_keepers_plant(keepers):
    recording = Recording(mime_type="audio/wav", title="Voz")
    recording.file.save("voz.wav", ContentFile(factories.wav_bytes()), save=False)
    recording.save()
    plant = PlantProfilePage.objects.get(
        slug="ilex-guayusa", locale__language_code="es"
    )
    plant.access, plant.access_group = "restricted", keepers
    plant.recordings = [PlantRecording(recording=recording)]
    plant.save_revision().publish()
    return recording


def test_a_moved_recording_keeps_its_references_and_its_protocol(
    seeded, django_user_model
):
    keepers = Group.objects.create(name="Keepers")
    keeper = django_user_model.objects.create_user("keeper")
    keeper.groups.add(keepers)
    recording = recording_of_a_keepers_plant(keepers)
    old_pk = as_before_the_move(Recording)

    move_recordings.forwards(apps, EDITOR)
    ContentType.objects.clear_cache()

    content_type = ContentType.objects.get_for_model(Recording)
    assert (content_type.pk, content_type.app_label) == (old_pk, "protocols")
    assert Permission.objects.filter(
        content_type=content_type, codename="view_recording"
    ).exists()
    # Used by a live page she may see (the reference index still says so),
    # and hidden from the public with that page.
    assert can_view_media(keeper, recording)
    assert not can_view_media(AnonymousUser(), recording)


def test_a_plants_recordings_keep_their_content_type():
    old_pk = as_before_the_move(PlantRecording)

    move_plant_recordings.forwards(apps, EDITOR)
    ContentType.objects.clear_cache()

    content_type = ContentType.objects.get_for_model(PlantRecording)
    assert (content_type.pk, content_type.app_label) == (old_pk, "plants")


def test_going_back_gives_the_row_back_to_contributions():
    pk = ContentType.objects.get_for_model(Recording).pk

    move_recordings.backwards(apps, EDITOR)
    ContentType.objects.clear_cache()

    assert ContentType.objects.get(pk=pk).app_label == "contributions"


def test_the_move_wins_over_a_row_the_new_code_made_too_early(
    seeded, django_user_model
):
    """Code that ran before migrating (a shell, a worker) made an empty row
    for the new label; the migration keeps the old row, with its uses."""
    keepers = Group.objects.create(name="Keepers")
    keeper = django_user_model.objects.create_user("keeper")
    keeper.groups.add(keepers)
    recording = recording_of_a_keepers_plant(keepers)
    old_pk = as_before_the_move(Recording)
    early = ContentType.objects.create(app_label="protocols", model="recording")

    move_recordings.forwards(apps, EDITOR)
    ContentType.objects.clear_cache()

    content_type = ContentType.objects.get_for_model(Recording)
    assert (content_type.pk, content_type.app_label) == (old_pk, "protocols")
    assert not ContentType.objects.filter(pk=early.pk).exists()
    assert can_view_media(keeper, recording)
    assert not can_view_media(AnonymousUser(), recording)
