"""Search, whatever the door: the search page, ``/api/v2/*/?search=``,
autocomplete and "did you mean" all come here.

:func:`ranked_ids` finds and ranks (all words, else any word, else typos) in
the configured backend: the Whoosh backend reads the query in Spanish, Kichwa
and Shuar itself; any other backend (Wagtail's database backend, OpenSearch,
Elasticsearch) is given the same forms as words (``portable.py``). Facets and
their filters are computed in the database over the best-ranked results.
Whatever the backend raises while searching (its server down or slow, its
index missing or broken...) becomes :class:`SearchUnavailable`, a 503.
"""

import logging
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError
from wagtail.search.query import Fuzzy

from knowledge_portal.core.languages import QUERY_LANGUAGES
from knowledge_portal.core.text_status import written_language
from knowledge_portal.protocols.access import visible_pages

from . import portable
from .facets import TypeFacet
from .highlight import QueryMatcher, snippet
from .types import name_finders, registered_facets, search_type_for

logger = logging.getLogger(__name__)

# The limits of every search door: the search page, autocomplete, "did you
# mean" and the API's ?search=. Each word is another pass over the index (all
# words, any word, then typos), so longer queries cost seconds and find nothing
# a shorter one would not.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
#: Facets count (and filters reach) the best-ranked results up to this many.
MAX_RANKED_RESULTS = 200
RESULTS_PER_PAGE = 10


class SearchUnavailable(Exception):
    """The search backend failed; search answers 503, pages keep serving."""


#: Seconds to wait before trying again (the ``Retry-After`` of a 503).
RETRY_AFTER = 60
#: What a visitor is told meanwhile, whatever failed (a search server down
#: or slow, an index being rebuilt or broken).
UNAVAILABLE = _(
    "Search is not available right now. Please try again in a minute; every "
    "page can still be browsed."
)


#: What the caller asked wrongly, not a failure of the backend: a filter or
#: an order on a field the backend does not index.
CALLER_ERRORS = (FilterFieldError, OrderByFieldError)
OPERATORS = ("and", "or")


@contextmanager
def backend_failures(passing=()):
    """Turn any exception the backend raises into :class:`SearchUnavailable`,
    except those of the ``passing`` classes and :data:`CALLER_ERRORS`, which
    the caller answers itself.
    """
    try:
        yield
    except (SearchUnavailable, *CALLER_ERRORS, *passing):
        raise
    except Exception as error:
        logger.warning("Search backend failed: %r", error, exc_info=True)
        raise SearchUnavailable from error


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


def ranked_ids(query, queryset, operator=None, limit=MAX_RANKED_RESULTS):
    """Best-first ids of ``queryset`` for ``query``: all words, else any word,
    else typos. ``operator`` (``"and"`` or ``"or"``) keeps only that pass
    before the typos.

    Returns ``(ids, fuzzy)``.
    """
    backend = get_search_backend()
    # Only ids are needed here; the page of results is loaded in full later.
    queryset = queryset.only("id")
    for pass_operator in (operator,) if operator else OPERATORS:
        words, options = _words(backend, query, pass_operator)
        ids = _safely(backend.search, words, options, queryset, limit, ids=True)
        if ids:
            return ids, False
    typos = _typos(backend, query)
    return _safely(backend.search, typos, {}, queryset, limit, ids=True), True


def _words(backend, query, operator):
    """The query and its options as ``backend`` understands them."""
    if portable.reads_languages(backend):
        return query, {"operator": operator}
    return portable.words_query(query, operator, QUERY_LANGUAGES), {}


def _typos(backend, query):
    if portable.reads_languages(backend):
        return Fuzzy(query)
    return portable.typo_query(query, QUERY_LANGUAGES)


def _safely(search, query, options, queryset, limit=MAX_RANKED_RESULTS, ids=False):
    """Search results (with ``ids``, their primary keys); none when there is
    no query (nothing but punctuation) or the backend does not know how to run
    it (``NotImplementedError``).

    Any other failure raises :class:`SearchUnavailable`. Backends other than
    Whoosh are sent words only (``portable.py``), never typed syntax their
    engine could reject (SQLite's FTS5 refuses a lone ``"``).
    """
    if query is None:
        return []
    with backend_failures():
        try:
            with _savepoint():
                results = search(query, queryset, **options)[:limit]
                if ids:
                    return _ids(results)
                return list(results)
        except NotImplementedError:
            return []


def _savepoint():
    """A savepoint when a transaction is open, so that on PostgreSQL a failed
    query does not abort it; otherwise nothing: each query commits alone, and
    a transaction would make SQLite take its write lock to read."""
    if connection.in_atomic_block:
        return transaction.atomic()
    return nullcontext()


def _ids(results):
    # A backend that can rank without loading the pages says so.
    keys = getattr(results, "primary_keys", None)
    return keys() if keys else [page.pk for page in results]


def suggest(query, queryset):
    backend = get_search_backend()
    if not hasattr(backend, "suggest"):
        return None
    with backend_failures():
        return backend.suggest(query, queryset)


def run_search(query, params, user, locale=None, page_number=1):
    check_query(query)
    locale = locale or Locale.get_active()
    queryset = searchable_pages(locale, user)
    outcome = SearchOutcome(query=query)
    ids, outcome.fuzzy = ranked_ids(query, queryset)
    if not ids or outcome.fuzzy:
        outcome.suggestion = suggest(query, queryset)
    facets = [TypeFacet(), *(facet() for facet in registered_facets())]
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
    pages = Page.objects.filter(pk__in=ids).specific().in_bulk()
    matcher = QueryMatcher(query)
    names = _matched_names(ids, matcher)
    items = []
    for pk in ids:
        page = pages.get(pk)
        if page is None:
            continue
        search_type = search_type_for(type(page))
        field = search_type.snippet_field if search_type else ""
        text = getattr(page, field, "") if field else ""
        if not text:
            field, text = "search_description", page.search_description
        title_language = _written_language(page, "title", language)
        text_language = _written_language(page, field, language)
        items.append(
            {
                "page": page,
                "type": search_type,
                "title": snippet(page.title, matcher, title_language, length=200),
                "title_language": title_language,
                "snippet": snippet(text, matcher, text_language) if text else "",
                "snippet_language": text_language,
                "matched_names": names.get(pk, []),
            }
        )
    return items


def _written_language(page, field, language):
    """The language ``field`` of ``page`` is written in (Spanish while it
    awaits translation), so its words are matched as the index read them."""
    field_status = getattr(page, "field_status", None)
    return written_language(field_status(field), language) if field_status else language


def _matched_names(ids, matcher):
    """``{page_id: [name, ...]}`` from every registered name finder."""
    matched = {}
    for finder in name_finders():
        for pk, names in finder(ids, matcher).items():
            matched.setdefault(pk, []).extend(names)
    return matched


def autocomplete(query, user, locale=None, limit=8):
    check_query(query)
    locale = locale or Locale.get_active()
    backend = get_search_backend()
    if not portable.reads_languages(backend):
        query = portable.plain_words(query)
    return _safely(
        backend.autocomplete, query, {}, searchable_pages(locale, user), limit=limit
    )
