"""On-disk life cycle of the Whoosh index: generations, pointer, locks.

Layout of ``PATH``::

    PATH/CURRENT            name of the generation that answers searches
    PATH/BUILDING           name of a generation being rebuilt (if any)
    PATH/HISTORY            generations that were live, newest first
    PATH/gen-<time>-<rand>/ one complete Whoosh index per generation

A rebuild fills a fresh generation and then swaps ``CURRENT`` with an atomic
``os.replace``, so searches never see a half-built index. While a rebuild runs,
single-object updates go to both generations so none is lost by the swap.
Writers take Whoosh's file lock (``flock``) and retry until ``LOCK_TIMEOUT``,
so several processes can write at once.
"""

import logging
import os
import pickle
import shutil
import struct
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.index import LockError
from whoosh.scoring import BM25F

logger = logging.getLogger(__name__)

POINTER_FILE = "CURRENT"
BUILDING_FILE = "BUILDING"
HISTORY_FILE = "HISTORY"
INDEX_NAME = "MAIN"
GENERATION_PREFIX = "gen-"
OPEN_RETRIES = 5

# What Whoosh raises when files are missing, truncated or garbage.
INDEX_ERRORS = (
    whoosh_index.IndexError,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    struct.error,
    pickle.UnpicklingError,
)


class SearchIndexUnavailable(Exception):
    """The index is missing, corrupt or unreadable; a rebuild repairs it.

    Catch it around search calls to tell visitors "search is being rebuilt".
    """


class IndexLocked(SearchIndexUnavailable):
    """The write lock could not be taken within ``LOCK_TIMEOUT`` seconds."""


def build_schema(analysis, language, autocomplete_min, autocomplete_max):
    """Fixed fields plus dynamic ``s__*`` (full text) and ``a__*`` (autocomplete),
    analysed by ``analysis`` (see :mod:`.analysis`)."""
    schema = Schema(
        doc_id=ID(unique=True, stored=True),
        doc_pk=ID(stored=True, sortable=True),
        doc_ct=KEYWORD(),
    )
    schema.add("s__*", TEXT(analyzer=analysis.text_analyzer(language)), glob=True)
    autocomplete = analysis.autocomplete_analyzer(
        language, autocomplete_min, autocomplete_max
    )
    schema.add("a__*", TEXT(analyzer=autocomplete, phrase=False), glob=True)
    return schema


class IndexStore:
    """Process-wide handle on one index directory; shared by backend instances.

    modelsearch builds a new backend object for every signal, so open indexes
    and searchers live here, keyed by path. Searchers are per thread because
    Whoosh readers are not thread-safe.
    """

    _registry = {}
    _registry_lock = threading.Lock()

    def __init__(self, path, schema, lock_timeout=30.0, keep_generations=2):
        self.path = Path(path)
        self.schema = schema
        self.lock_timeout = lock_timeout
        self.keep_generations = max(keep_generations, 1)
        self._local = threading.local()
        self._write_lock = threading.Lock()

    @classmethod
    def for_path(cls, path, **kwargs):
        """Return the shared store for ``path``, creating it on first use."""
        key = os.path.abspath(path)
        with cls._registry_lock:
            if key not in cls._registry:
                cls._registry[key] = cls(key, **kwargs)
            return cls._registry[key]

    # Pointer files

    def _read_name(self, filename):
        try:
            name = (self.path / filename).read_text().strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise SearchIndexUnavailable(f"Cannot read {filename}: {exc}") from exc
        if not name.startswith(GENERATION_PREFIX) or os.sep in name:
            return None
        return name

    def _write_name(self, filename, name):
        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.path / f".{filename}.{uuid.uuid4().hex}"
        tmp.write_text(name)
        os.replace(tmp, self.path / filename)

    def current_name(self):
        """Name of the live generation, or ``None`` if there is none."""
        return self._read_name(POINTER_FILE)

    def building_name(self):
        """Name of the generation a rebuild is filling, or ``None``."""
        name = self._read_name(BUILDING_FILE)
        if name and (self.path / name).is_dir():
            return name
        return None

    def live_history(self):
        """Names of the generations that were live, newest first."""
        try:
            text = (self.path / HISTORY_FILE).read_text()
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            raise SearchIndexUnavailable(f"Cannot read {HISTORY_FILE}: {exc}") from exc
        return [
            name
            for name in text.split()
            if name.startswith(GENERATION_PREFIX) and os.sep not in name
        ]

    # Generations

    def create_generation(self):
        """Create an empty index in a new sibling directory; return its name."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        name = f"{GENERATION_PREFIX}{stamp}-{uuid.uuid4().hex[:8]}"
        directory = self.path / name
        directory.mkdir(parents=True)
        whoosh_index.create_in(str(directory), self.schema, indexname=INDEX_NAME)
        return name

    def begin_rebuild(self, name):
        """Route live updates to ``name`` as well until it is activated."""
        self._write_name(BUILDING_FILE, name)

    def activate(self, name, optimize=True):
        """Atomically make ``name`` the live generation and prune old ones.

        ``optimize`` merges its segments into one first (searches read each
        term once per segment), unless it is one segment already: Whoosh
        would rewrite every posting for nothing.
        """
        if optimize and self.needs_optimizing(name):
            with self.writer(name, optimize=True):
                pass
        history = [name, self.current_name(), *self.live_history()]
        history = [item for item in dict.fromkeys(history) if item]
        self._write_name(HISTORY_FILE, "\n".join(history[: self.keep_generations]))
        self._write_name(POINTER_FILE, name)
        if self._read_name(BUILDING_FILE) == name:
            (self.path / BUILDING_FILE).unlink(missing_ok=True)
        self.prune()

    def ensure_index(self):
        """Create an empty live generation if there is none (dev and tests)."""
        if self.current_name() is None:
            self.activate(self.create_generation(), optimize=False)

    def prune(self):
        """Delete generations other than the last ``keep_generations`` live ones.

        The previous generation is kept so that searchers in other processes
        still reading it are not pulled from under their feet. A generation
        that never went live (its rebuild was killed) goes, unless a rebuild
        is still filling it.
        """
        keep = {self.current_name(), self.building_name()}
        keep.update(self.live_history()[: self.keep_generations])
        for directory in self.path.glob(GENERATION_PREFIX + "*"):
            if directory.is_dir() and directory.name not in keep:
                shutil.rmtree(directory, ignore_errors=True)

    def open_index(self, name):
        """Open generation ``name``; raise :class:`SearchIndexUnavailable`."""
        directory = self.path / name
        for attempt in range(OPEN_RETRIES):
            try:
                return whoosh_index.open_dir(str(directory), indexname=INDEX_NAME)
            except FileNotFoundError as exc:
                # A concurrent commit replaced the TOC file we were reading.
                error = exc
                if not directory.is_dir():
                    break
                time.sleep(0.01 * (attempt + 1))
            except INDEX_ERRORS as exc:
                error = exc
                break
        raise SearchIndexUnavailable(
            f"Search index {directory} is missing or corrupt ({error!r}); "
            "run `manage.py rebuild_modelsearch_index`."
        ) from error

    def needs_optimizing(self, name):
        """True when generation ``name`` has several segments or deletions."""
        ix = self.open_index(name)
        try:
            segments = ix._segments()
        except INDEX_ERRORS as exc:
            raise SearchIndexUnavailable(f"Cannot read index {name}: {exc!r}") from exc
        return len(segments) > 1 or any(seg.has_deletions() for seg in segments)

    def write_targets(self):
        """Generations that live updates must reach (current, then building)."""
        names = [self.current_name(), self.building_name()]
        names = list(dict.fromkeys(name for name in names if name))
        if not names:
            raise SearchIndexUnavailable(
                f"No search index in {self.path}; run rebuild_modelsearch_index."
            )
        return names

    @contextmanager
    def writer(self, name, optimize=False, merge=True, limitmb=128, procs=1):
        """Yield a Whoosh writer on generation ``name``; commit on success.

        Whoosh's ``flock``-based write lock serialises processes; it is
        retried every few milliseconds until ``lock_timeout``. ``merge=False``
        commits a new segment without merging the small ones (a rebuild
        merges small ones when it is activated); ``limitmb`` is the memory the
        writer sorts postings in before spilling runs to disk.
        """
        ix = self.open_index(name)
        with self._write_lock:
            try:
                options = {"procs": procs, "multisegment": True} if procs > 1 else {}
                writer = ix.writer(
                    timeout=self.lock_timeout, delay=0.02, limitmb=limitmb, **options
                )
            except LockError as exc:
                raise IndexLocked(
                    f"Search index {name} stayed locked for {self.lock_timeout}s"
                ) from exc
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            try:
                writer.commit(optimize=optimize, merge=merge)
            except INDEX_ERRORS as exc:
                raise SearchIndexUnavailable(f"Cannot write index: {exc!r}") from exc

    # Searching

    def searcher(self):
        """Return this thread's searcher on the live generation, refreshed.

        Reopened when ``CURRENT`` names another generation (after a rebuild)
        or another writer committed; otherwise the open searcher is reused.
        """
        name = self.current_name()
        if name is None:
            raise SearchIndexUnavailable(
                f"No search index in {self.path}; run rebuild_modelsearch_index."
            )
        local = self._local
        try:
            current = getattr(local, "searcher", None)
            if current is None or local.name != name or not current.up_to_date():
                # Not Searcher.refresh(): in the Whoosh-Reloaded line it reuses
                # the old reader's segments, so updated documents show twice.
                self._close_local()
                ix = self.open_index(name)
                local.searcher = ix.searcher(weighting=BM25F())
                local.name = name
            return local.searcher
        except INDEX_ERRORS as exc:
            self._close_local()
            raise SearchIndexUnavailable(
                f"Search index {self.path / name} is corrupt ({exc!r}); "
                "run `manage.py rebuild_modelsearch_index`."
            ) from exc

    @contextmanager
    def reading(self):
        """Translate Whoosh read errors inside the block.

        Keep only Whoosh calls in the block: the translated exception types
        are broad (``ValueError``, ``KeyError``...).
        """
        try:
            yield
        except INDEX_ERRORS as exc:
            self._close_local()
            raise SearchIndexUnavailable(f"Search index is corrupt ({exc!r})") from exc

    @contextmanager
    def searching(self):
        """Yield a searcher; translate read errors into SearchIndexUnavailable."""
        searcher = self.searcher()
        with self.reading():
            yield searcher

    def primary_keys(self, searcher):
        """List mapping document number -> primary key, cached per searcher.

        Built once per index version (a fast column scan), it turns any number
        of hits into keys without per-hit lookups.
        """
        cached = getattr(self._local, "keys", None)
        if cached is not None and cached[0] is searcher:
            return cached[1]
        with self.reading():
            reader = searcher.reader()
            keys = []
            # An index without segments has no columns at all.
            if reader.doc_count_all():
                column = reader.column_reader("doc_pk", translate=True)
                keys = [column[docnum] for docnum in range(reader.doc_count_all())]
        self._local.keys = (searcher, keys)
        return keys

    def searcher_memo(self, searcher):
        """A dict for what may be kept while ``searcher`` stays current (this
        thread's; emptied when the index changes): length norms, decoded
        posting blocks, deleted documents."""
        memo = getattr(self._local, "memo", None)
        if memo is None or memo[0] is not searcher:
            memo = (searcher, {})
            self._local.memo = memo
        return memo[1]

    def _close_local(self):
        searcher = getattr(self._local, "searcher", None)
        self._local.searcher = None
        self._local.name = None
        self._local.keys = None
        self._local.memo = None
        if searcher is not None:
            try:
                searcher.close()
            except INDEX_ERRORS:
                logger.debug("Ignoring error while closing a stale searcher")
