"""Moderators list contributions in the admin (within the protocols)."""

from django.db import migrations

from knowledge_portal.protocols.migration_helpers import grant_to_moderators


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0010_credited_communities"),
        ("protocols", "0006_moderators_see_recordings"),
    ]

    operations = [
        grant_to_moderators("contributions", "Contribution", ["view_contribution"]),
    ]
