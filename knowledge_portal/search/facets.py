"""Facets of the search page: each narrows the ranked ids to one value.

The type facet is the search page's own; apps add theirs with
:func:`~knowledge_portal.search.types.register_facet`.
"""

from django.utils.translation import gettext_lazy as _

from .types import search_types


class Facet:
    """A subclass names its query ``param`` and ``label`` and says, for a list
    of page ids, which of them have a value (:meth:`matching_ids`) and how
    many have each value (:meth:`counts`)."""

    param = ""
    label = ""

    def choices(self):
        """``[(value, label)]`` in the order they are offered."""
        raise NotImplementedError

    def matching_ids(self, ids, value):
        raise NotImplementedError

    def counts(self, ids):
        """``{value: number of ids with it}``."""
        raise NotImplementedError

    def apply(self, ids, value):
        if not value or value not in dict(self.choices()):
            return ids
        allowed = set(self.matching_ids(ids, value))
        return [pk for pk in ids if pk in allowed]

    def options(self, ids, selected, params):
        counts = self.counts(ids) if ids else {}
        current = selected.get(self.param)
        options = []
        for value, label in self.choices():
            count = counts.get(value, 0)
            if count or value == current:
                options.append(
                    {
                        "value": value,
                        "label": label,
                        "count": count,
                        "selected": value == current,
                        "url": _toggle(params, self.param, value, value == current),
                    }
                )
        return {"param": self.param, "label": self.label, "options": options}


class TypeFacet(Facet):
    param = "type"
    label = _("Type")

    def choices(self):
        return [(item.key, item.label) for item in search_types()]

    def matching_ids(self, ids, value):
        model = next(item.model for item in search_types() if item.key == value)
        return model.objects.filter(pk__in=ids).values_list("pk", flat=True)

    def counts(self, ids):
        return {
            item.key: item.model.objects.filter(pk__in=ids).count()
            for item in search_types()
        }


def _toggle(params, key, value, selected):
    query = params.copy()
    query.pop("page", None)
    if selected:
        query.pop(key, None)
    else:
        query[key] = value
    return "?" + query.urlencode()
