"""Recordings move to the protocols app and a plant's recordings to the plants
app (protocols 0004, plants 0006): here they only leave this app's models.
Their tables and rows stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("contributions", "0007_one_moderator_group"),
        ("protocols", "0004_recording"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="noterecording",
                    name="recording",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="protocols.recording"),
                ),
                migrations.DeleteModel(name="PlantRecording"),
                migrations.DeleteModel(name="Recording"),
            ],
            database_operations=[],
        ),
    ]
