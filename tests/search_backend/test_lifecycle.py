"""Index life cycle: updates, atomic rebuild, concurrency, broken indexes."""

import multiprocessing
import subprocess
import sys
import threading
import uuid
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase
from modelsearch.query import MATCH_ALL
from modelsearch.test.testapp import models

from knowledge_portal.search.backends.whoosh import (
    SearchIndexUnavailable,
    WhooshSearchBackend,
)
from knowledge_portal.search.backends.whoosh.documents import model_label
from knowledge_portal.search.backends.whoosh.storage import POINTER_FILE

from .support import WhooshTestCase, rebuild

REPO_ROOT = Path(__file__).resolve().parents[2]


class ConfigurationTests(SimpleTestCase):
    def test_path_is_required(self):
        with self.assertRaises(ImproperlyConfigured):
            WhooshSearchBackend({})

    def test_backend_imports_without_wagtail(self):
        code = (
            "import sys; import knowledge_portal.search.backends.whoosh as w; "
            "assert w.SearchBackend is w.WhooshSearchBackend; "
            "assert not [m for m in sys.modules if m.startswith('wagtail')]"
        )
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO_ROOT)


class LiveUpdateTests(WhooshTestCase):
    def test_add_update_delete_one_object(self):
        book = self.add_book("Sacha huasi")
        self.assertEqual(
            self.titles(self.backend.search("sacha", models.Book)), {book.title}
        )

        book.title = "Yaku mama"
        book.save()
        self.backend.add(book)
        self.assertFalse(self.backend.search("sacha", models.Book))
        self.assertEqual(self.backend.search("yaku", models.Book).count(), 1)

        self.backend.delete(book)
        self.assertEqual(self.backend.search("yaku", models.Book).count(), 0)

    def test_one_document_per_object_with_inheritance(self):
        novel = models.Novel.objects.get(title="Foundation")
        self.backend.add(novel)
        self.backend.add(novel)
        results = self.backend.search("foundation", models.Book)
        self.assertEqual([r.pk for r in results], [novel.pk])
        self.assertEqual(self.backend.search("foundation", models.Novel).count(), 1)

    def test_update_on_missing_index_is_skipped(self):
        backend = WhooshSearchBackend({"PATH": f"{self.path}/absent"})
        with self.assertLogs("knowledge_portal.search.backends.whoosh", "WARNING"):
            backend.add(models.Book.objects.first())


class AtomicRebuildTests(WhooshTestCase):
    def test_searches_answer_from_old_index_until_swap(self):
        rebuilder = self.backend.rebuilder_class(
            self.backend.get_index_for_model(models.Book)
        )
        new_index = rebuilder.start()
        # The new generation is empty, but searches still use the old one.
        self.assertEqual(self.backend.search("javascript", models.Book).count(), 2)
        new_index.add_items(models.Book, list(models.Book.objects.all()[:1]))
        self.assertEqual(self.backend.search("javascript", models.Book).count(), 2)
        rebuilder.finish()
        self.assertLessEqual(self.backend.search("javascript", models.Book).count(), 1)

    def test_live_update_during_rebuild_is_not_lost(self):
        rebuilder = self.backend.rebuilder_class(
            self.backend.get_index_for_model(models.Book)
        )
        rebuilder.start()
        book = self.add_book("Chakra kawsay")  # written to both generations
        self.assertEqual(self.backend.search("kawsay", models.Book).count(), 1)
        rebuilder.finish()
        self.assertEqual(
            [r.pk for r in self.backend.search("kawsay", models.Book)], [book.pk]
        )

    def test_search_keeps_answering_while_rebuilding(self):
        errors, counts, done = [], [], threading.Event()
        store = self.backend.store

        def search_loop():
            from whoosh.query import Term

            while not done.is_set():
                try:
                    with store.searching() as searcher:
                        counts.append(
                            len(searcher.search(Term("s__title", "javascript")))
                        )
                except Exception as exc:
                    errors.append(exc)

        thread = threading.Thread(target=search_loop)
        thread.start()
        try:
            for _ in range(3):
                rebuild(self.backend)
        finally:
            done.set()
            thread.join()
        self.assertEqual(errors, [])
        self.assertTrue(counts)
        self.assertEqual(set(counts), {2})

    def test_old_generations_are_pruned(self):
        for _ in range(4):
            rebuild(self.backend)
        generations = list(Path(self.path).glob("gen-*"))
        self.assertLessEqual(len(generations), 2)

    def test_abandoned_rebuild_is_pruned_and_previous_generation_kept(self):
        store = self.backend.store
        live_before = store.current_name()
        abandoned = self.backend.rebuilder_class(
            self.backend.get_index_for_model(models.Book)
        )
        abandoned.start().add_items(models.Book, list(models.Book.objects.all()[:1]))
        # Its process died here: no finish().
        rebuild(self.backend)
        generations = {path.name for path in Path(self.path).glob("gen-*")}
        self.assertEqual(generations, {store.current_name(), live_before})
        self.assertNotIn(abandoned.generation, generations)


def _write_adverts(path, worker, count):
    backend = WhooshSearchBackend({"PATH": path})
    for number in range(count):
        advert = models.AdvertWithCustomUUIDPrimaryKey(
            advert_id=uuid.uuid4(), text=f"worker{worker} item{number}"
        )
        backend.add(advert)


class ConcurrentWriterTests(WhooshTestCase):
    def test_parallel_processes_lose_no_update(self):
        workers, per_worker = 4, 15
        context = multiprocessing.get_context("fork")
        processes = [
            context.Process(target=_write_adverts, args=(self.path, n, per_worker))
            for n in range(workers)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=120)
            self.assertEqual(process.exitcode, 0)

        from whoosh.query import Term

        with self.backend.store.searching() as searcher:
            query = Term("doc_ct", model_label(models.AdvertWithCustomUUIDPrimaryKey))
            self.assertEqual(
                len(searcher.search(query, limit=None)), workers * per_worker
            )

    def test_parallel_threads_lose_no_update(self):
        threads = [
            threading.Thread(target=_write_adverts, args=(self.path, n, 10))
            for n in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        from whoosh.query import Term

        with self.backend.store.searching() as searcher:
            query = Term("doc_ct", model_label(models.AdvertWithCustomUUIDPrimaryKey))
            self.assertEqual(len(searcher.search(query, limit=None)), 40)


class BrokenIndexTests(WhooshTestCase):
    build_index = False

    def test_missing_index_raises_specific_error(self):
        with self.assertRaises(SearchIndexUnavailable):
            self.backend.search("javascript", models.Book)

    def test_auto_create_option_starts_an_empty_index(self):
        backend = self.make_backend(AUTO_CREATE=True)
        self.assertEqual(backend.search("javascript", models.Book).count(), 0)
        book = self.add_book("Javascript kawsay", backend=backend)
        self.assertEqual(list(backend.search("javascript", models.Book)), [book])

    def test_match_all_does_not_need_the_index(self):
        self.assertEqual(self.backend.search(MATCH_ALL, models.Book).count(), 14)

    def test_pointer_to_missing_generation(self):
        rebuild(self.backend)
        (Path(self.path) / POINTER_FILE).write_text("gen-does-not-exist")
        with self.assertRaises(SearchIndexUnavailable):
            self.backend.search("javascript", models.Book)
        rebuild(self.backend)
        self.assertEqual(self.backend.search("javascript", models.Book).count(), 2)

    def _corrupt(self, how):
        generation = Path(self.path) / (Path(self.path) / POINTER_FILE).read_text()
        for file in generation.iterdir():
            if how == "truncate":
                file.write_bytes(file.read_bytes()[:10])
            elif how == "garbage":
                file.write_bytes(b"\x00garbage" * 50)
            else:
                file.unlink()

    def test_corrupt_index_raises_and_rebuild_repairs(self):
        for how in ("truncate", "garbage", "delete"):
            with self.subTest(how=how):
                rebuild(self.backend)
                # A fresh backend object, as in another process.
                self.backend.store._close_local()
                self._corrupt(how)
                with self.assertRaises(SearchIndexUnavailable):
                    list(self.backend.search("javascript", models.Book))
                rebuild(self.backend)
                results = self.backend.search("javascript", models.Book)
                self.assertEqual(results.count(), 2)

    def test_update_on_corrupt_index_does_not_break_saving(self):
        rebuild(self.backend)
        self._corrupt("garbage")
        # catch_indexing_errors: the modelsearch signal handler logs instead.
        self.assertTrue(self.backend.catch_indexing_errors)
        with self.assertRaises(SearchIndexUnavailable):
            self.backend.add(models.Book.objects.first())
