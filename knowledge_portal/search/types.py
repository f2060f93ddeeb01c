"""What the search page knows of the content, registered by the apps that own
it (from their ``AppConfig.ready()``): the page types offered as a facet, the
other facets, and the names a result was found by."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchType:
    key: str
    model: type
    label: str
    #: The field a result's snippet is taken from.
    snippet_field: str


_types = {}
_facets = {}
_name_finders = []


def register_search_type(key, model, label, snippet_field):
    _types[key] = SearchType(key, model, label, snippet_field)


def search_types():
    return list(_types.values())


def search_type_for(model):
    for search_type in _types.values():
        if issubclass(model, search_type.model):
            return search_type
    return None


def register_facet(facet_class):
    """Offer a :class:`~knowledge_portal.search.facets.Facet` subclass on the
    search page, after the type facet, in the order of registration."""
    _facets[facet_class.param] = facet_class
    return facet_class


def registered_facets():
    return list(_facets.values())


def register_matched_names(finder):
    """Show under each result the names its query matched.

    ``finder(page_ids, matcher)`` returns ``{page_id: [name, ...]}``, where
    ``matcher`` is a :class:`~knowledge_portal.search.highlight.QueryMatcher`
    and each name has ``name`` (its text) and ``language`` (its code).
    """
    if finder not in _name_finders:
        _name_finders.append(finder)
    return finder


def name_finders():
    return list(_name_finders)
