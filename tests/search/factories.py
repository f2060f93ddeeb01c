"""Entries for the search tests, built on the shared content-file builders and
loaded through the real importer (so the pages are indexed as on the site)."""

from knowledge_portal.site.content.loader import load_content
from tests import factories


def plant_saying(slug, spanish, kichwa=None):
    """A plant whose summary says ``spanish``; in Kichwa ``kichwa`` (sourced)
    or, without it, the Spanish text awaiting translation."""
    return factories.plant(
        slug, text={"summary": factories.localized(spanish, qu=kichwa)}
    )


def guide_with_steps(slug, *steps):
    """A guide whose steps say ``steps``: each a Spanish text, or a
    ``(spanish, kichwa)`` pair for a step translated into Kichwa."""
    return factories.guide(
        slug,
        steps=[{"kind": "step", "text": _with_source(step)} for step in steps],
    )


def _with_source(step):
    text = (
        factories.localized(*step)
        if isinstance(step, tuple)
        else (factories.localized(step))
    )
    text["es"]["source"] = "test-source"
    return text


def load(directory, *entries):
    for entry in entries:
        folder = {"plant": "plants", "guide": "guides"}[entry["type"]]
        factories.write_entry(directory, entry, folder=folder)
    report = load_content(directory)
    assert not report.errors, report.errors
