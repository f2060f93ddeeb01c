"""What the search page does, apart from rendering it.

The query goes to the configured backend (Whoosh by default) exactly as
``Page.objects.search()`` sends it from the API and the admin, so all three
rank alike. Facets and their filters are computed in the database over the
best-ranked results.
"""

from contextlib import nullcontext
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Fuzzy

from knowledge_portal.protocols.access import visible_pages

from .highlight import QueryMatcher, snippet
from .types import search_type_for, search_types

# The limits of every search door: the search page, autocomplete, "did you
# mean" and the API's ?search=. Each word is another pass over the index (all
# words, any word, then typos), so longer queries cost seconds and find nothing
# a shorter one would not.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
#: Facets count (and filters reach) the best-ranked results up to this many.
MAX_RANKED_RESULTS = 200
RESULTS_PER_PAGE = 10


@dataclass
class SearchOutcome:
    query: str
    results: object = None
    facets: list = field(default_factory=list)
    suggestion: str | None = None
    fuzzy: bool = False
    total: int = 0


def clean_query(raw):
    """What a person typed, with its spaces tidied."""
    return " ".join(str(raw or "").split())


def check_query(query):
    """Refuse, with a note to the visitor, a query over the limits."""
    if len(query) > MAX_QUERY_LENGTH or len(query.split()) > MAX_QUERY_WORDS:
        raise ValidationError(
            _(
                "Searches can have up to %(words)d words and %(characters)d "
                "characters. Use fewer words."
            ),
            code="query_too_long",
            params={"words": MAX_QUERY_WORDS, "characters": MAX_QUERY_LENGTH},
        )


def searchable_pages(locale, user):
    """What this visitor may find: the one queryset behind results, facets,
    autocomplete and "did you mean"."""
    return visible_pages(user, Page.objects.live().public().filter(locale=locale))


def ranked_ids(query, queryset):
    """Best-first page ids for ``query``: all words, else any word, else typos.

    Returns ``(ids, fuzzy)``.
    """
    backend = get_search_backend()
    # Only ids are needed here; the page of results is loaded in full later.
    queryset = queryset.only("id")
    for operator in ("and", "or"):
        ids = _ids(_safely(backend.search, query, queryset, operator=operator))
        if ids:
            return ids, False
    return _ids(_safely(backend.search, Fuzzy(query), queryset)), True


def _safely(search, query, queryset, limit=MAX_RANKED_RESULTS, **kwargs):
    """Search results, or none when the backend cannot run this query.

    Wagtail's database backends pass some typed syntax (a lone ``"``) to
    SQLite's FTS5, which rejects it, and have no typo matching at all (on
    PostgreSQL without the pg_trgm extension, typo queries fail).
    """
    try:
        with _savepoint():
            return list(search(query, queryset, **kwargs)[:limit])
    except (NotImplementedError, DatabaseError):
        return []


def _savepoint():
    """A savepoint when a transaction is open, so that on PostgreSQL a failed
    query does not abort it; otherwise nothing: each query commits alone, and
    a transaction would make SQLite take its write lock to read."""
    if connection.in_atomic_block:
        return transaction.atomic()
    return nullcontext()


def _ids(results):
    return [page.pk for page in results]


def suggest(query, queryset):
    backend = get_search_backend()
    if hasattr(backend, "suggest"):
        return backend.suggest(query, queryset)
    return None


def run_search(query, params, user, locale=None, page_number=1):
    check_query(query)
    locale = locale or Locale.get_active()
    queryset = searchable_pages(locale, user)
    outcome = SearchOutcome(query=query)
    ids, outcome.fuzzy = ranked_ids(query, queryset)
    if not ids or outcome.fuzzy:
        outcome.suggestion = suggest(query, queryset)
    facets = [TypeFacet(), UseFacet(), LifeCycleFacet()]
    selected = {facet.param: params.get(facet.param) for facet in facets}
    filtered = ids
    for facet in facets:
        filtered = facet.apply(filtered, selected[facet.param])
    outcome.facets = [
        facet.options(_apply_others(ids, facets, facet, selected), selected, params)
        for facet in facets
    ]
    outcome.total = len(filtered)
    paginator = Paginator(filtered, RESULTS_PER_PAGE)
    results = paginator.get_page(page_number)
    results.object_list = _decorate(results.object_list, query, locale.language_code)
    outcome.results = results
    return outcome


def _apply_others(ids, facets, current, selected):
    """Counts of one facet are taken with the other facets' filters applied."""
    for facet in facets:
        if facet is not current:
            ids = facet.apply(ids, selected[facet.param])
    return ids


def _decorate(ids, query, language):
    """The pages of one result page, in rank order, with snippet and names."""
    from knowledge_portal.plants.models import PlantName

    pages = Page.objects.filter(pk__in=ids).specific().in_bulk()
    names = {}
    for name in PlantName.objects.filter(page_id__in=ids).order_by("sort_order"):
        names.setdefault(name.page_id, []).append(name)
    matcher = QueryMatcher(query)
    items = []
    for pk in ids:
        page = pages.get(pk)
        if page is None:
            continue
        search_type = search_type_for(type(page))
        text = getattr(page, search_type.snippet_field, "") if search_type else ""
        text = text or page.search_description
        items.append(
            {
                "page": page,
                "type": search_type,
                "title": snippet(page.title, matcher, language, length=200),
                "snippet": snippet(text, matcher, language) if text else "",
                "matched_names": _matched_names(names.get(pk, []), matcher),
            }
        )
    return items


def _matched_names(names, matcher):
    if not matcher:
        return []
    matched = []
    for name in names:
        spellings = [name.name, *name.variant_list]
        if any(matcher.matches_text(spelling, name.language) for spelling in spellings):
            matched.append(name)
    return matched


class Facet:
    param = ""
    label = ""

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


class UseFacet(Facet):
    param = "use"
    label = _("Use")

    def choices(self):
        from knowledge_portal.plants.choices import UseCategory

        return UseCategory.choices

    def matching_ids(self, ids, value):
        from knowledge_portal.plants.models import PlantUse

        return PlantUse.objects.filter(page_id__in=ids, category=value).values_list(
            "page_id", flat=True
        )

    def counts(self, ids):
        from knowledge_portal.plants.models import PlantUse

        return dict(
            PlantUse.objects.filter(page_id__in=ids)
            .order_by()
            .values_list("category")
            .annotate(count=Count("page_id", distinct=True))
            .values_list("category", "count")
        )


class LifeCycleFacet(Facet):
    param = "cycle"
    label = _("Life cycle")

    def choices(self):
        from knowledge_portal.plants.choices import LifeCycle

        return LifeCycle.choices

    def matching_ids(self, ids, value):
        from knowledge_portal.plants.models import PlantProfilePage

        return PlantProfilePage.objects.filter(
            pk__in=ids, life_cycle=value
        ).values_list("pk", flat=True)

    def counts(self, ids):
        from knowledge_portal.plants.models import PlantProfilePage

        return dict(
            PlantProfilePage.objects.filter(pk__in=ids)
            .order_by()
            .values_list("life_cycle")
            .annotate(count=Count("pk"))
            .values_list("life_cycle", "count")
        )


def _toggle(params, key, value, selected):
    query = params.copy()
    query.pop("page", None)
    if selected:
        query.pop(key, None)
    else:
        query[key] = value
    return "?" + query.urlencode()


def autocomplete(query, user, locale=None, limit=8):
    check_query(query)
    locale = locale or Locale.get_active()
    backend = get_search_backend()
    return _safely(
        backend.autocomplete, query, searchable_pages(locale, user), limit=limit
    )
