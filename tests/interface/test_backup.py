"""Interface strings written in the portal survive a backup and a restore."""

import shutil

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import translation

from knowledge_portal.interface import overlay, services
from knowledge_portal.interface.catalog import language_catalog
from knowledge_portal.interface.models import (
    CatalogVersion,
    Confirmation,
    InterfaceString,
)

from .test_overlay import write

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def content_types_cached():
    """Leave every content type cached (see tests/core/test_backup.py)."""
    yield
    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture
def media_root(settings, tmp_path):
    media = tmp_path / "media"
    shutil.copytree(settings.MEDIA_ROOT, media)
    settings.MEDIA_ROOT = str(media)
    return media


def strings():
    return {
        "strings": list(
            InterfaceString.objects.order_by("pk").values(
                "language",
                "context",
                "msgid",
                "texts",
                "status",
                "source",
                "author__username",
                "credit",
                "community__slug",
                "written_at",
                "reviewer__username",
                "reviewer_credit",
                "reviewed_at",
            )
        ),
        "confirmations": list(
            Confirmation.objects.values("string__msgid", "user__username", "credit")
        ),
        "version": CatalogVersion.objects.get().token,
    }


def shown_in_kichwa(msgid):
    overlay.refresh_overlay()
    with translation.override("qu"):
        return translation.gettext(msgid)


def test_strings_come_back_with_a_restore(
    seeded, rosa, ana, killa, nantu, kallari, tmp_path, media_root
):
    write(rosa, "qu", "Join a class", "XQ join-a-class")
    message = language_catalog("qu").get("Join a class")
    services.mark_reviewed(ana, "qu", message, f"name-{kallari.pk}")
    services.confirm(killa, "qu", message, f"community-{kallari.pk}")
    write(nantu, "jiv", "Join a class", "XS join-a-class")
    before = strings()
    assert shown_in_kichwa("Join a class") == "XQ join-a-class"

    call_command("backup_site", "--dir", str(tmp_path / "backups"), verbosity=0)
    (archive,) = (tmp_path / "backups").glob("chakra-backup-*.tar.gz")
    call_command("flush", interactive=False, verbosity=0)
    assert shown_in_kichwa("Join a class") == "Unirse a una clase"

    call_command("restore_site", str(archive), verbosity=0)
    assert strings() == before
    assert shown_in_kichwa("Join a class") == "XQ join-a-class"
