"""The admin names the site's languages in the editor's language
("Región: Español" to a Spanish editor, not "Región: Spanish")."""

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

pytestmark = pytest.mark.django_db


def test_locale_names_follow_the_active_language(seeded):
    spanish = Locale.objects.get(language_code="es")
    with translation.override("es"):
        assert spanish.get_display_name() == "Español"
    with translation.override("en"):
        assert spanish.get_display_name() == "Spanish"


def test_a_spanish_editor_sees_espanol_in_the_admin(seeded, client, django_user_model):
    editor = django_user_model.objects.create_superuser("editora", password="x" * 12)
    client.force_login(editor)
    page = Page.objects.get(slug="plantas", locale__language_code="es")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Español" in html
    assert '"display_name": "Spanish"' not in html


def test_a_spanish_editor_reads_the_admin_counts_in_spanish(
    seeded, client, django_user_model
):
    """Wagtail's own Spanish catalog lacks the dashboard's and listings'
    counts; locale_wagtail/ carries them."""
    editor = django_user_model.objects.create_superuser("editora", password="x" * 12)
    client.force_login(editor)
    dashboard = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "creadas en" in dashboard
    assert "created in" not in dashboard
    with translation.override("es"):
        header = translation.gettext(
            "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"
        )
    assert header == "%(start_index)s-%(end_index)s de %(items_count)s %(model_name)s"
