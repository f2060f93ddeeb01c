"""Small helpers the entry types share for creating and publishing pages."""

from django.apps import apps

from .translations import publish_alone


def publish(page, parent=None):
    """Save ``page`` (as a child of ``parent`` when new) and publish it.

    Publishing a revision writes the page's fields, so an existing page needs
    no separate save. The loader writes each language in full, so nothing is
    copied to the other translations (and it never calls sync_translations).
    """
    if page.pk is None:
        parent.add_child(instance=page)
    publish_alone(page.save_revision())
    return page


def page_type_label(page):
    model = page.specific_class
    return f"{model._meta.app_label}.{model.__name__}"


def page_model(label):
    return apps.get_model(label)
