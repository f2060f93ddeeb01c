"""Moderators review contributions in Wagtail's moderation workflow."""

from django.db import migrations

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


def set_up_moderation(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission = apps.get_model("auth", "Permission")
    page_model = apps.get_model("wagtailcore", "Page")
    moderator, _created = group_model.objects.get_or_create(name="Moderator")
    moderator.permissions.add(
        permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    root = page_model.objects.filter(depth=1).first()
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in PAGE_PERMISSIONS:
        group_page_permission.objects.get_or_create(
            group=moderator,
            page=root,
            permission=permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    group_collection_permission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    for codename in IMAGE_PERMISSIONS:
        group_collection_permission.objects.get_or_create(
            group=moderator,
            collection=collection,
            permission=permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )
    # Wagtail's default workflow ("Moderators approval") reviews every page;
    # our Moderator role takes part in its approval task.
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    for task in task_model.objects.all():
        task.groups.add(moderator)


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("core", "0003_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
    ]

    operations = [migrations.RunPython(set_up_moderation, migrations.RunPython.noop)]
