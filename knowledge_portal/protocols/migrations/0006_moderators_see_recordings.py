"""Moderators list and edit recordings in the admin (within the protocols)."""

from django.db import migrations

from knowledge_portal.protocols.migration_helpers import grant_to_moderators


class Migration(migrations.Migration):
    dependencies = [
        ("protocols", "0005_memberships"),
        ("contributions", "0007_one_moderator_group"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        grant_to_moderators(
            "protocols", "Recording", ["view_recording", "change_recording"]
        ),
    ]
