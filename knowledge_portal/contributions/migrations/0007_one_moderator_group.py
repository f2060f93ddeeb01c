"""One moderator group: Wagtail's own "Moderators" goes into our "Moderator".

Wagtail's migrations create "Moderators" (and put it in the approval task of
its default workflow); ours made the "Moderator" role beside it, so the admin
offered two. Anyone placed in "Moderators" becomes a Moderator; the role keeps
its own permissions (0002), which leave what media may be seen and deleted to
the protocols, rather than Wagtail's defaults.
"""

from django.db import migrations

WAGTAIL_GROUP = "Moderators"
ROLE = "Moderator"


def merge_into_the_role(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    duplicate = group_model.objects.filter(name=WAGTAIL_GROUP).first()
    if duplicate is None:
        return
    role, _created = group_model.objects.get_or_create(name=ROLE)
    for user in duplicate.user_set.all():
        user.groups.add(role)
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    for task in task_model.objects.filter(groups=duplicate):
        task.groups.add(role)
    # Its page, collection and model permissions go with it.
    duplicate.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0006_note_text_optional_with_a_recording"),
        # After every Wagtail migration that gives "Moderators" permissions.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(merge_into_the_role, migrations.RunPython.noop)
    ]
