"""A plant's recordings move here from the contributions app: the model only.
Its table keeps its name and its rows, and its content type becomes this
app's, so permissions keep pointing at it."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

MODEL = "plantrecording"
FROM_APP, TO_APP = "contributions", "plants"


def _move_content_type(apps, schema_editor, old, new):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    content_types = content_type_model.objects.using(schema_editor.connection.alias)
    moving = content_types.filter(app_label=old, model=MODEL)
    if moving.exists():
        # A row under the new label can only have been made by the new code
        # running before this migration (get_for_model creates one): it holds
        # nothing the old row does not, so the old row takes its place.
        content_types.filter(app_label=new, model=MODEL).delete()
        moving.update(app_label=new)


def forwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, FROM_APP, TO_APP)


def backwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, TO_APP, FROM_APP)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("plants", "0005_name_note_text"),
        ("protocols", "0004_recording"),
        ("contributions", "0008_recordings_move_out"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PlantRecording",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        ("page", modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name="recordings", to="plants.plantprofilepage")),
                        ("recording", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="protocols.recording")),
                    ],
                    options={
                        "db_table": "contributions_plantrecording",
                        "ordering": ["sort_order"],
                        "abstract": False,
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
