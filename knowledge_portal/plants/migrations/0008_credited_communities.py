"""Plant profiles are credited to communities by key (a relation), not by the
free text of the unused ``communities`` list: names or slugs that match a
community become its credit; others are dropped, as nothing showed them."""

import modelcluster.fields
from django.db import migrations


def credit_matching_communities(apps, schema_editor):
    Community = apps.get_model("protocols", "Community")
    PlantProfilePage = apps.get_model("plants", "PlantProfilePage")
    Credit = PlantProfilePage.credited_communities.through
    by_text = {}
    for community in Community.objects.all():
        by_text[community.slug.casefold()] = community
        by_text[community.name.casefold()] = community
    for page in PlantProfilePage.objects.exclude(communities=[]):
        matched = {
            by_text[text.strip().casefold()].pk
            for text in page.communities
            if isinstance(text, str) and text.strip().casefold() in by_text
        }
        Credit.objects.bulk_create(
            Credit(plantprofilepage_id=page.pk, community_id=pk) for pk in matched
        )


def restore_names(apps, schema_editor):
    PlantProfilePage = apps.get_model("plants", "PlantProfilePage")
    Credit = PlantProfilePage.credited_communities.through
    for page in PlantProfilePage.objects.all():
        names = sorted(
            Credit.objects.filter(plantprofilepage_id=page.pk).values_list(
                "community__name", flat=True
            )
        )
        if names:
            page.communities = names
            page.save(update_fields=["communities"])


class Migration(migrations.Migration):
    dependencies = [
        ("plants", "0007_protocols_name_communities_by_key"),
        ("protocols", "0005_memberships"),
    ]

    operations = [
        migrations.AddField(
            model_name="plantprofilepage",
            name="credited_communities",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                related_name="+",
                to="protocols.community",
                verbose_name="credited to communities",
            ),
        ),
        migrations.RunPython(credit_matching_communities, restore_names),
        migrations.RemoveField(model_name="plantprofilepage", name="communities"),
    ]
