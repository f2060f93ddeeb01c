"""Keep what does not depend on language the same on every translation.

A page type lists its language-neutral fields in ``neutral_fields`` (every
page with a protocol lists the protocol's) and its neutral inline relations
in ``neutral_relations``: the relation's name mapped to a function
``build(source, target)`` that returns the rows ``target`` should have, as
``(unsaved item, fields compared)`` pairs. Prose stays as translated.

Publishing one language's version writes those into each other translation
once: one new revision each, published if that translation is live.
"""

from django.db import transaction

from knowledge_portal.core.ordering import in_order

# Set on a revision whose publish must not be copied to the other languages.
_ALONE = "publishes_alone"


def on_page_published(sender, instance, revision=None, **kwargs):
    """The one place the copy starts: an editor's or a moderator's publish.

    A ``page_published`` receiver rather than Wagtail's ``after_publish_page``
    hook: that hook runs only in the admin's create and edit views, while a
    moderator approving a workflow task, bulk and scheduled publishing and the
    portal's own review actions publish without it. Publishes made by
    ``publish_alone()`` (this copy and the content loader) are left alone.
    """
    if not getattr(revision, _ALONE, False):
        sync_translations(instance)


def publish_alone(revision):
    """Publish ``revision`` without copying it to the other translations.

    For callers that write every language themselves: the copy below, and
    the content loader, which writes each language in full.
    """
    setattr(revision, _ALONE, True)
    return revision.publish()


@transaction.atomic
def sync_translations(page):
    """Write ``page``'s neutral fields and relations into its other
    translations; each one that differs gets exactly one new revision."""
    if not (neutral_fields(page) or neutral_relations(page)):
        return
    for other in page.get_translations().specific():
        if not copy_neutral(page, other):
            continue
        if other.live:
            publish_alone(other.save_revision())
        else:
            # A draft's row follows its latest revision (as in Wagtail's own
            # edit view), so the protocol rules see the copied protocol.
            other.save()
            other.save_revision()


def neutral_fields(page):
    return getattr(page, "neutral_fields", ())


def neutral_relations(page):
    return getattr(page, "neutral_relations", {})


def copy_neutral(source, target):
    """Copy ``source``'s neutral values onto ``target``; whether any differed."""
    changed = False
    for field in neutral_fields(target):
        if getattr(target, field) != getattr(source, field):
            setattr(target, field, getattr(source, field))
            changed = True
    for relation, build in neutral_relations(target).items():
        wanted = build(source, target)
        current = list(getattr(target, relation).all())
        if not _same_rows(wanted, current):
            setattr(target, relation, _rows(item for item, _fields in wanted))
            changed = True
    return changed


def _rows(items):
    """Inline rows numbered in order; a many-to-many relation's items (the
    communities knowledge is credited to) as they are."""
    items = list(items)
    if items and not hasattr(items[0], "sort_order_field"):
        return items
    return in_order(items)


def _same_rows(wanted, current):
    return len(wanted) == len(current) and all(
        _row(item, fields) == _row(existing, fields)
        for (item, fields), existing in zip(wanted, current, strict=True)
    )


def _row(item, fields):
    return tuple(getattr(item, field) for field in fields)
