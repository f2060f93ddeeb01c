"""Editors who choose Kichwa or Shuar get Wagtail's admin in Spanish."""

import pytest
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_admin_falls_back_to_spanish(client, django_user_model, code):
    editor = django_user_model.objects.create_superuser("editora", password="x" * 12)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = code
    profile.save()
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert f'lang="{code}"' in page
    # The sidebar's labels are JSON inside the page.
    assert "Cerrar sesi\\u00f3n" in page
    assert '"Log out"' not in page


def test_admin_offers_the_three_languages(client, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", password="x" * 12)
    client.force_login(editor)
    page = client.get("/admin/account/").content.decode()
    # The preferred-language choices, each named in its own language.
    for code, name in (("es", "español"), ("qu", "Kichwa"), ("jiv", "Shuar chicham")):
        assert f'<option value="{code}">{name}</option>' in page
