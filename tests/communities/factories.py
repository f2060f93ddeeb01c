"""Content files for the community tests (built through the real loader)."""

from tests import factories


def community(slug, community_slug=None, **overrides):
    data = {
        "type": "community",
        "slug": slug,
        "community": community_slug or slug,
        "title": {"es": slug.title(), "qu": slug.title(), "jiv": slug.title()},
        "sources": [{"key": "test-source", "citation": "A test source."}],
        "text": {"about": factories.localized(f"Quiénes son en {slug}.")},
    }
    data.update(overrides)
    return data


def credited_plant(slug, communities, **overrides):
    """A plant profile credited to ``communities`` (slugs)."""
    return factories.plant(slug, communities=communities, **overrides)
