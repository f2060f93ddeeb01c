"""Recordings move here from the contributions app: the model only. Their
table keeps its name and its rows, and their content type becomes this app's,
so Wagtail's reference index (which pages use which recording, read by the
access rule) and the permissions keep pointing at them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import knowledge_portal.protocols.models

MODEL = "recording"
FROM_APP, TO_APP = "contributions", "protocols"


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
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("protocols", "0003_protocol_approval_task"),
        ("contributions", "0007_one_moderator_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Recording",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("access", models.CharField(choices=[("public", "Public: anyone"), ("community", "Community: members of the named communities"), ("restricted", "Restricted: only the named group")], default="public", max_length=12, verbose_name="who may see it")),
                        ("access_communities", models.JSONField(blank=True, default=list, help_text="Slugs of the communities whose members may see it.", verbose_name="communities")),
                        ("season_months", models.JSONField(blank=True, default=list, verbose_name="open only in these months")),
                        ("tk_labels", models.JSONField(blank=True, default=list, help_text="tk-attribution, tk-community-voice, tk-non-commercial, tk-community-use-only, tk-seasonal, tk-women-general, tk-culturally-sensitive, tk-secret-sacred, tk-verified, tk-open-to-collaboration", verbose_name="Traditional Knowledge labels")),
                        ("protected", models.BooleanField(db_index=True, default=False, editable=False)),
                        ("file", models.FileField(upload_to=knowledge_portal.protocols.models.recording_upload_to, verbose_name="file")),
                        ("mime_type", models.CharField(max_length=40)),
                        ("file_hash", models.CharField(blank=True, db_index=True, max_length=40)),
                        ("title", models.CharField(blank=True, max_length=200, verbose_name="title")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("access_group", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="auth.group", verbose_name="restricted to group")),
                        ("uploaded_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "recording",
                        "db_table": "contributions_recording",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
