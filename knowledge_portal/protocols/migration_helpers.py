"""Operations the migrations of the apps with protocols share.

Protocols used to name communities by slug; they now name them by key, so a
community can be renamed without its protocols losing it. Each app that has
a model with protocol fields rewrites its own rows (and the revisions of its
pages, so that publishing an old revision brings back keys, not slugs).
"""

from django.db import migrations


def _convert(values, mapping):
    # A name that matches no community is dropped: nobody could see through it.
    return [mapping[value] for value in values if value in mapping]


def _rewrite(apps, schema_editor, app_label, model_name, to_keys):
    alias = schema_editor.connection.alias
    community_model = apps.get_model("protocols", "Community")
    pairs = community_model.objects.using(alias).values_list("slug", "pk")
    mapping = dict(pairs) if to_keys else {pk: slug for slug, pk in pairs}
    model = apps.get_model(app_label, model_name)
    rows = model.objects.using(alias).exclude(access_communities=[])
    for pk, values in rows.values_list("pk", "access_communities"):
        model.objects.using(alias).filter(pk=pk).update(
            access_communities=_convert(values, mapping)
        )
    try:
        revision_model = apps.get_model("wagtailcore", "Revision")
    except LookupError:
        return
    content_type_model = apps.get_model("contenttypes", "ContentType")
    content_type = (
        content_type_model.objects.using(alias)
        .filter(app_label=app_label, model=model_name.lower())
        .first()
    )
    if content_type is None:
        return
    revisions = revision_model.objects.using(alias).filter(content_type=content_type)
    for revision in revisions.only("pk", "content").iterator():
        values = revision.content.get("access_communities")
        if values:
            revision.content["access_communities"] = _convert(values, mapping)
            revision.save(update_fields=["content"])


def community_slugs_to_keys(app_label, model_name):
    """The ``RunPython`` that moves ``model_name``'s protocols from community
    slugs to community keys (and back, when migrating backwards)."""

    def forwards(apps, schema_editor):
        _rewrite(apps, schema_editor, app_label, model_name, to_keys=True)

    def backwards(apps, schema_editor):
        _rewrite(apps, schema_editor, app_label, model_name, to_keys=False)

    return migrations.RunPython(forwards, backwards)


def grant_to_moderators(app_label, model_name, codenames):
    """The ``RunPython`` that gives the Moderator group ``codenames`` on a
    model, so its admin screens (filtered by the protocols) are theirs too.

    Django makes model permissions after the last migration; on a fresh
    database they are made here first.
    """
    from django.contrib.auth.management import create_permissions

    def forwards(apps, schema_editor):
        alias = schema_editor.connection.alias
        app_config = apps.get_app_config(app_label)
        # A migration's app config is a stub without its models module.
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=alias, apps=apps)
        app_config.models_module = None
        group = apps.get_model("auth", "Group").objects.using(alias)
        moderator, _created = group.get_or_create(name="Moderator")
        permissions = apps.get_model("auth", "Permission").objects.using(alias)
        moderator.permissions.add(
            *permissions.filter(
                content_type__app_label=app_label,
                content_type__model=model_name.lower(),
                codename__in=codenames,
            )
        )

    def backwards(apps, schema_editor):
        alias = schema_editor.connection.alias
        group = apps.get_model("auth", "Group").objects.using(alias)
        permissions = apps.get_model("auth", "Permission").objects.using(alias)
        for moderator in group.filter(name="Moderator"):
            moderator.permissions.remove(
                *permissions.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )

    return migrations.RunPython(forwards, backwards)
