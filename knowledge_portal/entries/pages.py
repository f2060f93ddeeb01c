"""Small helpers the entry types share for creating and publishing pages."""

from django.apps import apps

from knowledge_portal.core.sync import translation_sync_paused


def publish(page, parent=None):
    """Save ``page`` (as a child of ``parent`` when new) and publish it.

    Publishing a revision writes the page's fields, so an existing page needs
    no separate save.
    """
    with translation_sync_paused():
        if page.pk is None:
            parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def page_type_label(page):
    model = page.specific_class
    return f"{model._meta.app_label}.{model.__name__}"


def page_model(label):
    return apps.get_model(label)
