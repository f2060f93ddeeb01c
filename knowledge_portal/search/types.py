"""Page types offered as a facet of the search page, registered by their apps."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchType:
    key: str
    model: type
    label: str
    #: The field a result's snippet is taken from.
    snippet_field: str


_types = {}


def register_search_type(key, model, label, snippet_field):
    _types[key] = SearchType(key, model, label, snippet_field)


def search_types():
    return list(_types.values())


def search_type_for(model):
    for search_type in _types.values():
        if issubclass(model, search_type.model):
            return search_type
    return None
