"""How many people read each page, counted without writing to the database
on every view.

Each server process counts the pages it sends in memory, per translation key
and language, pages served from the page cache included: the page is marked
with its key inside the cache (``MarkReadMiddleware``, so the stored copy
carries the mark) and counted outside it (``CountReadsMiddleware``). The
counts are added to ``PageReads`` at most once every
``WORKBENCH_READS_FLUSH_SECONDS`` per process, and whenever a reviewer opens
the queue. A process that stops loses at most that long of counting, which
an order of work can afford.
"""

import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import translation

from .models import PageReads

logger = logging.getLogger(__name__)

MARK = "_read_key"
DEFAULT_FLUSH_SECONDS = 300

_lock = threading.Lock()
_counts = Counter()
_last_flush = [time.monotonic()]


def flush_seconds():
    """0 adds the counts up only when the queue is built (the tests)."""
    return getattr(settings, "WORKBENCH_READS_FLUSH_SECONDS", DEFAULT_FLUSH_SECONDS)


def count_read(translation_key, language):
    with _lock:
        _counts[str(translation_key), language] += 1


def flush():
    """Add this process's counts to the database."""
    with _lock:
        counts = dict(_counts)
        _counts.clear()
        _last_flush[0] = time.monotonic()
    try:
        for (key, language), reads in counts.items():
            _add(key, language, reads)
    except DatabaseError:
        logger.exception("Page reads not saved; counted again later")
        with _lock:
            _counts.update(counts)


def _add(key, language, reads):
    rows = PageReads.objects.filter(translation_key=key, language=language)
    if rows.update(reads=F("reads") + reads):
        return
    try:
        with transaction.atomic():
            PageReads.objects.create(
                translation_key=key, language=language, reads=reads
            )
    except IntegrityError:  # another process made the row meanwhile
        rows.update(reads=F("reads") + reads)


def _flush_if_due():
    seconds = flush_seconds()
    if seconds and time.monotonic() - _last_flush[0] >= seconds:
        flush()


def reads_by_key():
    """Reads of each page in every language: ``{translation key: reads}``."""
    flush()
    return {
        str(row["translation_key"]): row["total"]
        for row in PageReads.objects.values("translation_key").annotate(
            total=Sum("reads")
        )
    }


class MarkReadMiddleware:
    """Inside the page cache: marks a page's response with its translation
    key (no query: the key is on the page row), so the cached copy keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        page = (response.context_data or {}).get("page")
        key = getattr(page, "translation_key", None)
        if key is not None:
            setattr(response, MARK, (str(key), translation.get_language()))
        return response


class CountReadsMiddleware:
    """Outside the page cache: counts every page sent with its mark."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        mark = getattr(response, MARK, None)
        if mark and request.method == "GET" and response.status_code == 200:
            count_read(*mark)
            _flush_if_due()
        return response
