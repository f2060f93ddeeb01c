"""Loading content/ again (every `make run`) never loses an edit made on the site."""

import pytest
from django.core.management import call_command

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.site.content.loader import load_content
from knowledge_portal.site.models import LoadedEntry
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded_plant(seeded, tmp_path):
    path = factories.write_entry(tmp_path, factories.plant("editia-prima"))
    assert load_content(tmp_path).counts["created"] == 1
    return path


def spanish_page():
    return PlantProfilePage.objects.get(slug="editia-prima", locale__language_code="es")


def edit_in_the_admin(user, summary, publish=True):
    """What the admin's editor does: a new revision by the user, published."""
    page = spanish_page()
    page.summary = summary
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)


def load(directory, *args):
    from io import StringIO

    out = StringIO()
    call_command("load_content", str(directory), *args, stdout=out)
    return out.getvalue()


def test_an_edit_survives_loading_again_and_is_listed(loaded_plant, django_user_model):
    editor = django_user_model.objects.create_superuser("editora", password="x" * 12)
    edit_in_the_admin(editor, "Corregido en el administrador.")

    out = load(loaded_plant.parent.parent)

    assert spanish_page().summary == "Corregido en el administrador."
    assert out.startswith("0 created, 0 updated, 0 unchanged, 1 kept")
    assert str(loaded_plant) in out
    assert "--replace" in out


def test_an_edit_survives_a_changed_file_too(loaded_plant, django_user_model):
    editor = django_user_model.objects.create_superuser("editora", password="x" * 12)
    edit_in_the_admin(editor, "Corregido en el administrador.")
    factories.write_entry(
        loaded_plant.parent.parent, factories.plant("editia-prima", layer="shrub")
    )

    report = load_content(loaded_plant.parent.parent)

    assert report.kept == [loaded_plant]
    assert spanish_page().summary == "Corregido en el administrador."
    assert spanish_page().layer == "canopy"


def test_an_unpublished_draft_is_kept(loaded_plant, django_user_model):
    editor = django_user_model.objects.create_superuser("editora", password="x" * 12)
    edit_in_the_admin(editor, "Borrador.", publish=False)
    factories.write_entry(
        loaded_plant.parent.parent, factories.plant("editia-prima", layer="shrub")
    )

    report = load_content(loaded_plant.parent.parent)

    assert report.kept == [loaded_plant]
    assert spanish_page().get_latest_revision_as_object().summary == "Borrador."


def test_replace_puts_the_files_version_back(loaded_plant, django_user_model):
    editor = django_user_model.objects.create_superuser("editora", password="x" * 12)
    edit_in_the_admin(editor, "Corregido en el administrador.")

    out = load(loaded_plant.parent.parent, "--replace")

    assert out.startswith("0 created, 1 updated, 0 unchanged, 0 kept")
    assert spanish_page().summary == "Resumen de editia-prima."
    # Once replaced, the entry follows its file again.
    factories.write_entry(
        loaded_plant.parent.parent, factories.plant("editia-prima", layer="shrub")
    )
    assert load_content(loaded_plant.parent.parent).counts["updated"] == 1


def test_an_entry_loaded_before_fingerprints_were_kept_is_not_overwritten(
    loaded_plant,
):
    # A site set up before loads were recorded: whether its pages were
    # edited cannot be told, so a file that differs does not replace them.
    LoadedEntry.objects.all().delete()
    factories.write_entry(
        loaded_plant.parent.parent, factories.plant("editia-prima", layer="shrub")
    )
    assert load_content(loaded_plant.parent.parent).kept == [loaded_plant]
    assert spanish_page().layer == "canopy"
