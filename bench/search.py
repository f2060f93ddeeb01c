"""Search benchmark: the Whoosh backend against Wagtail's database backend.

Run from the repository root::

    .venv/bin/python bench/search.py [--sizes 1000,10000,50000] [--queries 200]

For each backend (``SEARCH_BACKEND=whoosh``, ``SEARCH_BACKEND=database``, which on
SQLite is the FTS5 backend) and each corpus size, a worker process of this same
script builds a fresh SQLite database in a temporary directory: migrate,
``load_content`` (the seed content: 28 plant profiles, guides and lessons in es, qu
and jiv), then synthetic plant profiles inserted in bulk up to the size. It times
``update_index`` (full rebuild), runs labelled and random queries the way the search
page does (``service.searchable_pages`` then ``service.ranked_ids``) and reports
latency (p50, p95) and relevance on ``bench/queries.yaml`` (MRR@10, recall@5). The
parent prints a table and writes the "## Search" section of ``docs/benchmarks.md``.

Workers run in separate processes so every run starts from clean settings (the
backend is read from the environment when Django starts).

``--database-url postgres://user:password@host:5432/NAME`` runs the workers on
that PostgreSQL database instead (dropped and created afresh for every backend
and size: give it a name of its own), e.g. the database backend's relevance on
PostgreSQL::

    .venv/bin/python bench/search.py --backends database --sizes 300 \
        --database-url postgres://chakra:chakra@127.0.0.1:5432/bench_search --no-doc
"""

import argparse
import bisect
import contextlib
import inspect
import io
import itertools
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import benchdoc  # bench/, beside this script
import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
QUERIES_FILE = BASE_DIR / "bench" / "queries.yaml"
CONTENT_DIR = BASE_DIR / "content"
SECTION_HEADING = "## Search"
TABLE_TITLE = "Search: Whoosh vs Wagtail database backend (SQLite FTS5)"

BACKENDS = ("whoosh", "database")
BACKEND_LABELS = {"whoosh": "Whoosh", "database": "database (SQLite FTS5)"}
POSTGRES_LABEL = "database (PostgreSQL)"
DEFAULT_SIZES = (10000, 50000)
#: Pages restricted (to a group nobody is in) in the extra run on the largest size.
DEFAULT_RESTRICTED = 5000
#: Anonymous page requests per page in each run (page cache off).
PAGE_REQUESTS = 20
DEFAULT_QUERIES = 200
DEFAULT_TIME_LIMIT = 5.0
LANGUAGES = ("es", "qu", "jiv")
SEED = 20261125
# Synthetic names used by random latency queries come from the first plants
# generated, which exist at every size, so all runs time the same queries.
QUERY_NAME_POOL = 200
#: p95 targets (issue 16): pages -> ms.
TARGET_P95 = {10000: 20.0, 50000: 50.0}
TARGET_BUILD_S = {50000: 180.0}
TARGET_MRR = 0.98
#: Search and page times with restricted entries, at most this much slower.
TARGET_RESTRICTED_SLOWDOWN = 0.20

# --- Synthetic text -----------------------------------------------------------------

# Content words of plant descriptions. Words that share a form with a seed name
# or with a labelled query are removed at run time (see Synth.__init__), so the
# synthetic pages are distractors for the labelled queries, never answers.
_VOCABULARY_TEXT = """
planta plantas hierba arbusto tallo tallos raíz raíces corteza flor flores fruto
frutos hoja hojas rama ramas tronco copa brote brotes yema vaina cáscara pulpa savia
espina espinas bosque selva río orilla suelo suelos tierra lodo arena piedra lluvia
sol sombra humedad clima altura ladera monte huerta campo parcela vivero cosecha
siembra sembrar cosechar cultivo cultivos cultivar podar poda abono compost injerto
esqueje estaca almácigo trasplante riego maleza deshierbe familia familias comunidad
comunidades mujer mujeres abuela abuelo sabios saber saberes conocimiento tradición
costumbre práctica prácticas uso usos alimento alimentos comida cocina sopa colada
jugo dulce amargo ácido aroma sabor olor color verde amarillo morado marrón pequeño
grande alto ancho largo delgado grueso duro suave blando fresco seco maduro tierno
joven viejo nativo silvestre cultivado perenne anual trepadora rastrera erguida
leñoso húmedo cálido frío temprano tardío mercado precio venta feria asociación
productor productores proyecto estudio muestra registro variedad variedades especie
especies género nombre nombres lengua palabra canto historia mito luna mes meses año
años día días semana mañana tarde noche invierno verano época temporada primero
segundo tercero mitad parte partes centro borde punta base forma tamaño peso número
grupo fila hilera línea espacio distancia metro metros centímetros kilo canasta cesto
shigra olla machete pala hacha fuego ceniza humo agua vapor infusión remedio dolor
fiebre tos piel estómago hueso insecto hormiga abeja mariposa pájaro ave aves mono
loro pez peces animal animales gallina cerdo perro casa techo camino pueblo ciudad
provincia cantón parroquia región zona cuenca valle cerro loma pendiente sendero crece
crecen florece madura produce producen necesita prefiere tolera resiste soporta
alcanza mide cubre protege atrae alimenta acompaña sirve sirven ayuda mejora conserva
guarda prepara preparan hierve muele secan corta cortan siembran cuidan riegan recogen
venden comparten enseñan aprenden recuerdan cuentan dicen llaman conocen usan ofrece
tiene tienen lleva llega dura vive viven brota cae pierde vuelve también siempre nunca
casi muy poco mucho bien mejor junto cerca lejos dentro fuera después antes durante
mientras hasta desde entre sobre cada todo toda otros otras varios algunas pocas
muchas según cuando donde
"""
VOCABULARY = _VOCABULARY_TEXT.split()
_FUNCTION_TEXT = "de la el en y con los las del se que por para un una al su sus"
FUNCTION_WORDS = _FUNCTION_TEXT.split()
SPANISH_NAME_BASES = ["hierba", "palo", "caña", "flor", "liana", "sacha", "tuna"]
SPANISH_NAME_ADJECTIVES = [
    "amarillo",
    "dulce",
    "silvestre",
    "morado",
    "del monte",
    "de río",
    "grande",
    "pequeño",
]
FAMILIES = [
    "Fabaceae",
    "Rubiaceae",
    "Malvaceae",
    "Lauraceae",
    "Arecaceae",
    "Euphorbiaceae",
    "Solanaceae",
    "Piperaceae",
    "Myrtaceae",
    "Sapotaceae",
    "Annonaceae",
    "Moraceae",
]
KICHWA_ONSETS = ["", "ch", "k", "l", "m", "n", "p", "r", "s", "sh", "t", "w", "y"]
KICHWA_VOWELS = ["a", "i", "u"]
KICHWA_CODAS = ["k", "n", "y", "r", "s"]
SHUAR_ONSETS = ["", "ch", "j", "k", "m", "n", "p", "r", "s", "sh", "t", "ts", "w", "y"]
SHUAR_VOWELS = ["a", "e", "i", "u", "aa", "ii", "uu"]
SHUAR_CODAS = ["k", "m", "n", "p", "r", "s", "t"]
SPANISH_ONSETS = ["b", "c", "ch", "d", "g", "l", "m", "n", "p", "r", "s", "t", "v"]
SPANISH_VOWELS = ["a", "e", "i", "o", "u"]
SPANISH_ENDINGS = ["o", "a", "illa", "ón", "ero", "ito"]
LATIN_ONSETS = ["b", "c", "d", "l", "m", "n", "p", "r", "s", "t", "v", "ph", "th"]
LATIN_VOWELS = ["a", "e", "i", "o", "u"]
GENUS_ENDINGS = ["ia", "um", "us", "ella", "opsis", "anthus", "carpus"]
EPITHET_ENDINGS = ["ensis", "ifolia", "ata", "osa", "iana", "ica", "alis", "oides"]


def cap(text):
    return text[:1].upper() + text[1:]


class Synth:
    """Deterministic generator of plant-like profiles (benchmark data only).

    Names and binomials are invented from syllables; prose is drawn from
    VOCABULARY with a Zipf distribution, so a few words occur in most pages
    (the expensive queries) and most words in few.
    """

    def __init__(self, seed, reserved_words):
        from knowledge_portal.search.analysis import (
            fold,
            kichwa_key,
            shuar_key,
            spanish_stem,
        )

        self._forms = lambda word: {
            ("f", fold(word)),
            ("s", spanish_stem(word)),
            ("k", kichwa_key(word)),
            ("h", shuar_key(word)),
        }
        self.reserved = set()
        for word in reserved_words:
            self.reserved |= self._forms(word)
        self.rng = random.Random(seed)
        vocabulary = [word for word in VOCABULARY if self.free(word)]
        self.dropped = len(VOCABULARY) - len(vocabulary)
        self.rng.shuffle(vocabulary)
        self.vocabulary = vocabulary
        # Zipf weights over the shuffled vocabulary (cumulative, for bisect).
        self._cumulative = list(
            itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary)))
        )
        self.kichwa_words = self._word_pool(self._kichwa_word, 400)
        self.shuar_words = self._word_pool(self._shuar_word, 400)

    def free(self, word):
        """True if ``word`` shares no analysed form with a reserved word."""
        return not (self._forms(word) & self.reserved)

    def _word_pool(self, make, size):
        return [make() for _ in range(size)]

    def _syllables(self, onsets, vowels, count):
        return "".join(
            self.rng.choice(onsets) + self.rng.choice(vowels) for _ in range(count)
        )

    def _invent(self, make):
        # Regenerate until the word collides with no seed name or query word.
        while True:
            word = make()
            if len(word) >= 3 and self.free(word):
                return word

    def _kichwa_word(self):
        def make():
            word = self._syllables(KICHWA_ONSETS, KICHWA_VOWELS, self.rng.randint(2, 3))
            if self.rng.random() < 0.3:
                word += self.rng.choice(KICHWA_CODAS)
            return word

        return self._invent(make)

    def _shuar_word(self):
        def make():
            word = self._syllables(SHUAR_ONSETS, SHUAR_VOWELS, self.rng.randint(1, 3))
            if self.rng.random() < 0.5:
                word += self.rng.choice(SHUAR_CODAS)
            return word

        return self._invent(make)

    def _spanish_word(self):
        def make():
            stem = self._syllables(
                SPANISH_ONSETS, SPANISH_VOWELS, self.rng.randint(1, 2)
            )
            return stem + self.rng.choice(SPANISH_ENDINGS)

        return self._invent(make)

    def _latin_word(self, endings):
        def make():
            stem = self._syllables(LATIN_ONSETS, LATIN_VOWELS, self.rng.randint(1, 2))
            return stem + self.rng.choice(endings)

        return self._invent(make)

    def word(self, rng=None):
        """A content word, Zipf-distributed (drawn with ``rng`` if given)."""
        point = (rng or self.rng).random() * self._cumulative[-1]
        return self.vocabulary[bisect.bisect_left(self._cumulative, point)]

    def sentence(self, lead=None):
        words = [lead] if lead else []
        for _ in range(self.rng.randint(6, 16)):
            if self.rng.random() < 0.35:
                words.append(self.rng.choice(FUNCTION_WORDS))
            words.append(self.word())
        return cap(" ".join(words)) + "."

    def prose(self, sentences, lead=None):
        first = self.sentence(lead)
        return " ".join([first, *(self.sentence() for _ in range(sentences - 1))])

    def native_sentence(self, pool):
        words = [self.rng.choice(pool) for _ in range(self.rng.randint(5, 12))]
        return cap(" ".join(words)) + "."

    def kichwa_variant(self, name):
        """A Spanish-style ("Quichua") spelling, as people type it."""
        spelled = re.sub(r"k(?=[ei])", "qu", name)
        spelled = re.sub("w(?=a)", "hu", spelled).replace("k", "c")
        return spelled if spelled != name else None

    def shuar_variant(self, name):
        spelled = re.sub(r"([aeiu])\1", r"\1", name).replace("ts", "tz")
        return spelled if spelled != name else None

    def plant(self, number):
        """One synthetic profile: names, binomial and prose for three pages."""
        rng = self.rng
        genus = cap(self._latin_word(GENUS_ENDINGS))
        epithet = self._latin_word(EPITHET_ENDINGS)
        if rng.random() < 0.7:
            spanish = self._spanish_word()
        else:
            spanish = f"{rng.choice(SPANISH_NAME_BASES)} {self._spanish_word()}"
            if rng.random() < 0.5:
                spanish = f"{spanish} {rng.choice(SPANISH_NAME_ADJECTIVES)}"
        names = [("es", spanish, [])]
        kichwa = self._kichwa_word() if rng.random() < 0.8 else None
        if kichwa:
            variant = self.kichwa_variant(kichwa) if rng.random() < 0.5 else None
            names.append(("qu", kichwa, [variant] if variant else []))
        shuar = self._shuar_word() if rng.random() < 0.6 else None
        if shuar:
            variant = self.shuar_variant(shuar) if rng.random() < 0.5 else None
            names.append(("jiv", shuar, [variant] if variant else []))
        lead = f"{rng.choice(['La', 'El'])} {spanish}"
        text = {
            "summary": self.prose(rng.randint(1, 2), lead=lead),
            "description": self.prose(rng.randint(3, 6)) if rng.random() < 0.7 else "",
            "uses_text": self.prose(rng.randint(1, 3)) if rng.random() < 0.5 else "",
            "practices": self.prose(rng.randint(2, 4)) if rng.random() < 0.5 else "",
        }
        # Kichwa and Shuar prose is mostly "awaiting translation" (the Spanish
        # text, as in the seed content); a quarter has text of its own.
        native = {}
        for code, pool in (("qu", self.kichwa_words), ("jiv", self.shuar_words)):
            if rng.random() < 0.25:
                native[code] = " ".join(
                    self.native_sentence(pool) for _ in range(rng.randint(1, 3))
                )
        return {
            "slug": f"{genus.lower()}-{epithet}-b{number}",
            "scientific_name": f"{genus} {epithet}",
            "family": rng.choice(FAMILIES),
            "titles": {
                "es": cap(spanish),
                "qu": cap(kichwa or spanish),
                "jiv": cap(shuar or spanish),
            },
            "names": names,
            "text": text,
            "native_summary": native,
            "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
        }


# --- Labelled queries ----------------------------------------------------------------


def load_labelled_queries():
    with QUERIES_FILE.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)
    slugs = {path.stem for path in (CONTENT_DIR / "plants").glob("*.yaml")}
    for entry in entries:
        if entry["language"] not in LANGUAGES:
            raise SystemExit(f"queries.yaml: bad language in {entry}")
        unknown = set(entry["expected"]) - slugs
        if unknown:
            raise SystemExit(f"queries.yaml: no seed plant {sorted(unknown)}")
    return entries


def seed_words():
    """Every word of the seed plants' names, titles and scientific names."""
    words = set()
    for path in sorted((CONTENT_DIR / "plants").glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        # A title awaiting translation is a status, not a text.
        titles = [title for title in data["title"].values() if isinstance(title, str)]
        texts = [data["scientific_name"], data["family"], *titles]
        for name in data["names"]:
            texts += [name["name"], *name.get("variants", [])]
        for text in texts:
            words.update(re.findall(r"\w+", text.lower()))
    return words


def reserved_words(labelled):
    words = seed_words()
    for entry in labelled:
        words.update(re.findall(r"\w+", entry["query"].lower()))
    return {word for word in words if len(word) > 2}


def typo(rng, word):
    """One random edit (not on the first letter, as most typos)."""
    if len(word) < 4:
        return word + rng.choice("aeiou")
    position = rng.randrange(1, len(word))
    letters = "abcdefghijklmnopqrstuvwxyz"
    edit = rng.choice(["delete", "substitute", "insert", "transpose"])
    if edit == "delete":
        return word[:position] + word[position + 1 :]
    if edit == "substitute":
        return word[:position] + rng.choice(letters) + word[position + 1 :]
    if edit == "insert":
        return word[:position] + rng.choice(letters) + word[position:]
    if position == len(word) - 1:
        position -= 1
    return word[:position] + word[position + 1] + word[position] + word[position + 2 :]


def random_queries(count, synth, plants, seed):
    """Queries like visitors type: corpus words, names, typos, several words."""
    rng = random.Random(seed)
    named = [
        (code, name)
        for plant in plants
        for code, name, _variants in plant["names"]
        if " " not in name
    ] or [("es", synth.vocabulary[0])]
    queries = []
    for _ in range(count):
        roll = rng.random()
        language = rng.choice(LANGUAGES)
        if roll < 0.2:
            # A frequent word (Zipf draw) - the slow end of the distribution.
            query, kind = synth.word(rng), "frequent word"
        elif roll < 0.4:
            query, kind = rng.choice(synth.vocabulary), "any word"
        elif roll < 0.6:
            language, query = rng.choice(named)
            kind = "synthetic name"
        elif roll < 0.8:
            source = rng.choice([rng.choice(synth.vocabulary), rng.choice(named)[1]])
            query, kind = typo(rng, source), "typo"
        else:
            words = [rng.choice(synth.vocabulary) for _ in range(rng.randint(2, 3))]
            if rng.random() < 0.5:
                words[0] = rng.choice(named)[1]
            query, kind = " ".join(words), "several words"
        queries.append(
            {"query": query, "language": language, "kind": kind, "group": kind}
        )
    return queries


# --- Worker: one backend, one size ---------------------------------------------------


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def prepare_database():
    """Migrate and load the seed content into the (empty) database."""
    from django.core.management import call_command
    from django.db import connection

    try:
        # A model without its migration would make load_content fail later with
        # "no such table"; say so plainly instead.
        call_command("makemigrations", check=True, dry_run=True, verbosity=0)
    except SystemExit as exc:
        raise SystemExit(
            "The project's models have changes without migrations; the benchmark "
            "needs a tree that migrates (run makemigrations first)."
        ) from exc
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_content", stdout=io.StringIO())
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        # The template is copied file by file: fold the WAL into the main file.
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def last_child_step(page):
    from wagtail.models import Page

    last = page.get_last_child()
    return Page._str2int(last.path[-Page.steplen :]) if last else 0


def insert_rows(model, objects):
    """INSERT the model's own table rows (child table of multi-table models).

    Django's bulk_create refuses multi-table models, so the Page rows are bulk
    created first and the PlantProfilePage rows (page_ptr_id = the page's id)
    go in here with executemany.
    """
    from django.db import connection

    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model's metadata, not from input.
    table = quote(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    rows = [
        tuple(
            field.get_db_prep_save(getattr(obj, field.attname), connection)
            for field in fields
        )
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def add_synthetic_pages(target, synth, batch_plants=500):
    """Bulk-insert synthetic PlantProfilePages until ``target`` pages exist.

    Each synthetic plant gets a page in es, qu and jiv under that language's
    plant index, sharing a translation key, with materialised tree paths and
    its PlantName rows. Returns the plants generated (for query pools).
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from knowledge_portal.plants.models import (
        PlantIndexPage,
        PlantName,
        PlantProfilePage,
    )

    missing = target - Page.objects.filter(depth__gt=1).count()
    indexes = {
        index.locale.language_code: index
        for index in PlantIndexPage.objects.select_related("locale")
    }
    steps = {code: last_child_step(index) for code, index in indexes.items()}
    added = dict.fromkeys(indexes, 0)
    content_type = ContentType.objects.get_for_model(PlantProfilePage)
    now = timezone.now()
    plants = []
    number = 0
    with transaction.atomic():
        while missing > 0:
            pages, specifics, names = [], [], []
            for _ in range(batch_plants):
                if missing <= 0:
                    break
                plant = synth.plant(number)
                number += 1
                plants.append(plant)
                for code in LANGUAGES[: min(missing, len(LANGUAGES))]:
                    missing -= 1
                    index = indexes[code]
                    steps[code] += 1
                    added[code] += 1
                    page = Page(
                        title=plant["titles"][code],
                        draft_title=plant["titles"][code],
                        slug=plant["slug"],
                        content_type=content_type,
                        live=True,
                        has_unpublished_changes=False,
                        url_path=f"{index.url_path}{plant['slug']}/",
                        locale_id=index.locale_id,
                        translation_key=plant["translation_key"],
                        path=Page._get_path(index.path, index.depth + 1, steps[code]),
                        depth=index.depth + 1,
                        numchild=0,
                        first_published_at=now,
                        last_published_at=now,
                        latest_revision_created_at=now,
                    )
                    pages.append(page)
                    specifics.append((page, code, plant))
            Page.objects.bulk_create(pages, batch_size=1000)
            rows = []
            for page, code, plant in specifics:
                text = dict(plant["text"])
                status = {}
                if code != "es":
                    native = plant["native_summary"].get(code)
                    if native:
                        text["summary"] = native
                        status["summary"] = {"status": "awaiting-review"}
                    for field, value in text.items():
                        if value and field not in status:
                            status[field] = {"status": "awaiting-translation"}
                rows.append(
                    PlantProfilePage(
                        page_ptr_id=page.pk,
                        translation_status=status,
                        scientific_name=plant["scientific_name"],
                        family=plant["family"],
                        layer="understory",
                        life_cycle="long",
                        **text,
                    )
                )
                names.extend(
                    PlantName(
                        page_id=page.pk,
                        sort_order=order,
                        language=language,
                        name=name,
                        variants="\n".join(variants),
                        source="bench",
                        status="awaiting-review",
                    )
                    for order, (language, name, variants) in enumerate(plant["names"])
                )
            insert_rows(PlantProfilePage, rows)
            PlantName.objects.bulk_create(names, batch_size=2000)
        for code, count in added.items():
            Page.objects.filter(pk=indexes[code].pk).update(
                numchild=F("numchild") + count
            )
    return plants


def percentile(values, fraction):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class QueryTimeout(Exception):
    """A query ran past the time limit (its SQL was interrupted)."""


def limit_sql_time(deadline):
    """Make SQLite abort any statement still running after ``deadline[0]``.

    The database backend scores with a correlated subquery that takes many
    seconds on common words at 10k+ pages; without a limit one run would take
    hours. SQLite calls the handler every N VM instructions; returning 1 makes
    the statement fail with "interrupted".
    """
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "postgresql":
        # PostgreSQL cancels the statement itself ("canceling statement due
        # to statement timeout"); the deadline is then only a marker.
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(deadline[1] * 1000)}")
        return
    connection.connection.set_progress_handler(
        lambda: int(time.perf_counter() > deadline[0]), 100_000
    )


def page_queryset_factory():
    """``locale -> queryset`` exactly as the search page builds it per request.

    The page searches ``service.searchable_pages(locale, request.user)``: the
    live, public pages of the locale minus what protocols hide from the
    visitor (an anonymous one here, new per query as per request). Older
    versions took only the locale.
    """
    from django.contrib.auth.models import AnonymousUser
    from wagtail.models import Page

    from knowledge_portal.search import service

    searchable = getattr(service, "searchable_pages", None)
    if searchable is None:
        return lambda locale: Page.objects.live().public().filter(locale=locale)
    if "user" in inspect.signature(searchable).parameters:
        return lambda locale: searchable(locale, AnonymousUser())
    return searchable


def run_queries(queries, locales, limit_s):
    """Run each query through ranked_ids twice; keep the second (warm) pass.

    A query that failed, ran into the time limit or took over a second in the
    first pass is not run again: its first result stands (a cache cannot
    change a second-long query much, and the rerun would only cost time).
    """
    from django.db import DatabaseError

    from knowledge_portal.search.service import ranked_ids

    try:
        from knowledge_portal.search.service import SearchUnavailable
    except ImportError:  # older code

        class SearchUnavailable(Exception):
            pass

    deadline = [math.inf, limit_s]
    visible = page_queryset_factory()
    queryset_ms = [0.0]

    def search(entry):
        deadline[0] = time.perf_counter() + limit_s
        limit_sql_time(deadline)
        try:
            started = time.perf_counter()
            queryset = visible(locales[entry["language"]])
            queryset_ms[0] = (time.perf_counter() - started) * 1000
            return ranked_ids(entry["query"], queryset)
        except Exception as exc:
            # The search service reports a backend failure as SearchUnavailable,
            # caused by the database's own error.
            cause = exc if isinstance(exc, DatabaseError) else exc.__cause__
            if isinstance(cause, DatabaseError) and (
                ("interrupted" in str(cause) and time.perf_counter() > deadline[0])
                or "statement timeout" in str(cause)
            ):
                raise QueryTimeout from exc
            raise
        finally:
            deadline[0] = math.inf

    def measure(position, entry):
        started = time.perf_counter()
        ids, fuzzy, error, timeout = [], False, None, False
        try:
            ids, fuzzy = search(entry)
        except QueryTimeout:
            timeout = True
        except (NotImplementedError, DatabaseError, SearchUnavailable) as exc:
            # A failing query is a finding to report, not a reason to stop
            # the benchmark.
            error = f"{type(exc).__name__}: {exc}"
        return {
            **entry,
            "ms": (time.perf_counter() - started) * 1000,
            "ids": ids[:10],
            "hits": len(ids),
            "fuzzy": fuzzy,
            "error": error,
            "timeout": timeout,
            "position": position,
            # Part of "ms" spent building the visitor's queryset (protocols).
            "queryset_ms": queryset_ms[0],
        }

    first = [measure(position, entry) for position, entry in enumerate(queries)]
    return [
        outcome
        if outcome["error"] or outcome["timeout"] or outcome["ms"] > 1000
        else measure(outcome["position"], queries[outcome["position"]])
        for outcome in first
    ]


def latency(outcomes):
    """p50/p95 of the queries that did not raise.

    A timed-out query's latency is only known to exceed the limit: it sorts
    last, and a percentile that falls on one is reported as "> limit".
    """
    values = [
        math.inf if item["timeout"] else item["ms"]
        for item in outcomes
        if not item["error"]
    ]
    stats = {"count": len(values), "failed": len(outcomes) - len(values)}
    for name, fraction in (("p50", 0.50), ("p95", 0.95)):
        value = percentile(values, fraction) if values else None
        stats[f"{name}_capped"] = value == math.inf
        stats[f"{name}_ms"] = None if value in (None, math.inf) else value
    return stats


def relevance(outcomes, slug_of):
    per_query = []
    for outcome in outcomes:
        expected = set(outcome["expected"])
        slugs = [slug_of.get(pk, "?") for pk in outcome["ids"][:10]]
        rank = next(
            (number for number, slug in enumerate(slugs, 1) if slug in expected), None
        )
        per_query.append(
            {
                "query": outcome["query"],
                "language": outcome["language"],
                "kind": outcome["kind"],
                "expected": outcome["expected"],
                "rank": rank,
                "reciprocal_rank": 1 / rank if rank else 0.0,
                "recall_at_5": len(expected & set(slugs[:5])) / len(expected),
                "top": slugs[:5],
                "fuzzy": outcome["fuzzy"],
                "error": outcome["error"]
                or ("time limit" if outcome["timeout"] else None),
            }
        )
    kinds = {}
    for item in per_query:
        kinds.setdefault(item["kind"], []).append(item)
    return {
        "mrr_at_10": statistics.fmean(item["reciprocal_rank"] for item in per_query),
        "recall_at_5": statistics.fmean(item["recall_at_5"] for item in per_query),
        "per_kind": {
            kind: {
                "count": len(items),
                "mrr_at_10": statistics.fmean(i["reciprocal_rank"] for i in items),
                "recall_at_5": statistics.fmean(i["recall_at_5"] for i in items),
            }
            for kind, items in sorted(kinds.items())
        },
        "per_query": per_query,
    }


def directory_size(path):
    return sum(item.stat().st_size for item in Path(path).rglob("*") if item.is_file())


def restrict_pages(plants, count, seed):
    """Put ``count`` synthetic pages (whole plants, every language) under a
    protocol restricted to a group nobody is in, as a steward would, and
    index them again."""
    from django.contrib.auth.models import Group
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from knowledge_portal.plants.models import PlantProfilePage
    from knowledge_portal.protocols.models import Access

    group, _created = Group.objects.get_or_create(name="Bench: restricted")
    keys = [plant["translation_key"] for plant in plants]
    random.Random(seed).shuffle(keys)
    chosen = keys[: max(1, math.ceil(count / len(LANGUAGES)))]
    ids = list(
        Page.objects.filter(translation_key__in=chosen)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    PlantProfilePage.objects.filter(pk__in=ids).update(
        access=Access.RESTRICTED, access_group=group, protected=True
    )
    # Changes are indexed incrementally, as a steward's edits would be.
    pages = list(PlantProfilePage.get_indexed_objects().filter(pk__in=ids))
    backend = get_search_backend()
    backend.get_index_for_model(PlantProfilePage).add_items(PlantProfilePage, pages)
    return len(ids)


def page_times(count=PAGE_REQUESTS):
    """p50/p95 ms of anonymous requests (page cache off) for the plant index,
    its first page filtered by layer, and one synthetic plant, in Spanish."""
    from django.conf import settings
    from django.test import override_settings

    # The benchmark collects no static files: plain storage finds them in place.
    storages = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    with override_settings(STORAGES=storages):
        return _page_times(count)


def _page_times(count):
    from django.test import Client

    from knowledge_portal.plants.models import PlantIndexPage, PlantProfilePage

    index = PlantIndexPage.objects.get(locale__language_code="es")
    plant = PlantProfilePage.objects.filter(
        locale__language_code="es", protected=False
    ).last()
    client = Client()
    times = {}
    for name, url in (
        ("plant index", index.url),
        ("plant index, filtered", f"{index.url}?layer=understory"),
        ("plant", plant.url),
    ):
        values = []
        for _ in range(count + 2):
            started = time.perf_counter()
            response = client.get(url)
            values.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        values = values[2:]  # warm-up
        times[name] = {
            "p50_ms": percentile(values, 0.50),
            "p95_ms": percentile(values, 0.95),
        }
    return times


def measure_corpus(queries, locales, limit_s):
    """Search latency and relevance, and page times, on the corpus as it is."""
    from wagtail.models import Page

    started = time.perf_counter()
    outcomes = run_queries(queries, locales, limit_s)
    queries_s = time.perf_counter() - started
    slug_of = dict(Page.objects.values_list("pk", "slug"))
    labelled_outcomes = [item for item in outcomes if item["group"] == "labelled"]
    groups = {}
    for item in outcomes:
        groups.setdefault(item["group"], []).append(item)
    return {
        "queries_s": queries_s,
        "time_limit_s": limit_s,
        "queries": len(outcomes),
        "labelled_queries": len(labelled_outcomes),
        **latency(outcomes),
        "latency_by_group": {
            group: latency(items) for group, items in sorted(groups.items())
        },
        "timeouts": sum(1 for item in outcomes if item["timeout"]),
        "queryset_ms_median": statistics.median(
            item["queryset_ms"] for item in outcomes
        ),
        "fuzzy": sum(1 for item in outcomes if item["fuzzy"]),
        "errors": [
            {
                "query": item["query"],
                "language": item["language"],
                "error": item["error"],
            }
            for item in outcomes
            if item["error"]
        ],
        "slowest": [
            {
                key: item[key]
                for key in ("query", "language", "group", "ms", "hits", "timeout")
            }
            for item in sorted(outcomes, key=lambda item: -item["ms"])[:8]
        ],
        "page_times": page_times(),
        "relevance": relevance(labelled_outcomes, slug_of),
    }


def worker_run(size, query_count, seed, limit_s, restricted=0):
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.models import Locale, Page

    labelled = load_labelled_queries()
    synth = Synth(seed, reserved_words(labelled))

    started = time.perf_counter()
    plants = add_synthetic_pages(size, synth)
    insert_s = time.perf_counter() - started

    started = time.perf_counter()
    call_command("update_index", stdout=io.StringIO())
    build_s = time.perf_counter() - started

    # The first plants are the same at every size (same seed), so random
    # queries are identical across runs; they use their own generator.
    pool = plants[:QUERY_NAME_POOL]
    extra = max(query_count - len(labelled), query_count // 2)
    queries = [
        *({**entry, "group": "labelled"} for entry in labelled),
        *random_queries(extra, synth, pool, seed + 1),
    ]
    locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
    data_dir = Path(settings.DATA_DIR)
    index_dir = data_dir / "whoosh_index"
    result = {
        "pages": Page.objects.filter(depth__gt=1).live().count(),
        "synthetic_plants": len(plants),
        "vocabulary": len(synth.vocabulary),
        "vocabulary_dropped": synth.dropped,
        "insert_s": insert_s,
        "build_s": build_s,
        "restricted": 0,
        **measure_corpus(queries, locales, limit_s),
        "database_bytes": database_bytes(data_dir),
        "database_vendor": database_vendor(),
        "whoosh_index_bytes": directory_size(index_dir) if index_dir.exists() else None,
    }
    if restricted:
        # The same corpus, some of it restricted: only access rules differ.
        started = time.perf_counter()
        count = restrict_pages(plants, restricted, seed + 2)
        result["restricted_run"] = {
            **{key: result[key] for key in ("pages", "build_s", "synthetic_plants")},
            "restricted": count,
            "restrict_s": time.perf_counter() - started,
            **measure_corpus(queries, locales, limit_s),
        }
    return result


def database_vendor():
    from django.db import connection

    return connection.vendor


def database_bytes(data_dir):
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    return (data_dir / "db.sqlite3").stat().st_size


def worker(args):
    setup_django()
    if args.worker == "prepare":
        prepare_database()
        return
    result = worker_run(
        args.size, args.queries, args.seed, args.time_limit, args.restricted or 0
    )
    Path(args.result).write_text(json.dumps(result, indent=1), encoding="utf-8")


# --- Parent: orchestrate, report -----------------------------------------------------


def worker_env(backend, data_dir, database_url=None):
    env = dict(os.environ)
    # Everything the run writes stays in its temporary directory (or in the
    # database named by --database-url).
    for name in ("DATABASE_URL", "SEARCH_INDEX_DIR", "SEARCH_URL"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "knowledge_portal.settings.production",
            "DJANGO_LOG_LEVEL": "ERROR",
            "DJANGO_SECRET_KEY": "benchmark-only",
            "DATA_DIR": str(data_dir),
            "MEDIA_ROOT": str(data_dir / "media"),
            "SEARCH_BACKEND": backend,
            "PYTHONHASHSEED": "0",
            # Page times are of rendering, not of the page cache.
            "PAGE_CACHE_SECONDS": "0",
        }
    )
    return env


def run_worker(arguments, backend, data_dir, log_path, database_url=None):
    command = [sys.executable, str(Path(__file__).resolve()), *arguments]
    with log_path.open("w", encoding="utf-8") as log:
        completed = subprocess.run(
            command,
            env=worker_env(backend, data_dir, database_url),
            cwd=BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if completed.returncode != 0:
        tail = log_path.read_text(encoding="utf-8").splitlines()[-30:]
        raise SystemExit(
            f"Worker {' '.join(arguments)} ({backend}) failed:\n" + "\n".join(tail)
        )


def fresh_postgres_database(url):
    """Drop and create the database ``url`` names (its role needs CREATEDB)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = config["NAME"]
    if name in {"chakra", "test_chakra", "postgres"}:
        raise SystemExit(f"--database-url: {name!r} is not a benchmark's own database")
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def copy_database(template_dir, data_dir):
    data_dir.mkdir(parents=True)
    for name in ("db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm"):
        if (template_dir / name).exists():
            shutil.copy2(template_dir / name, data_dir / name)
    (data_dir / "media").mkdir()


def progress(message, started):
    print(f"[{time.monotonic() - started:7.1f} s] {message}", file=sys.stderr)


def orchestrate(args):
    started = time.monotonic()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    load_labelled_queries()  # fail fast on a broken queries file
    workdir = Path(tempfile.mkdtemp(prefix="chakra-search-bench-"))
    results = []
    try:
        for backend in args.backends.split(","):
            # Migrating and loading the seed content takes about a minute; do it
            # once per backend and give every size a copy of that database (on
            # PostgreSQL, once per size, in the one database).
            template = workdir / f"{backend}-template"
            template.mkdir()
            if not args.database_url:
                progress(f"{backend}: migrate + load_content", started)
                run_worker(
                    ["--worker", "prepare"],
                    backend,
                    template,
                    workdir / f"{backend}-prepare.log",
                )
            for size in sizes:
                data_dir = workdir / f"{backend}-{size}"
                if args.database_url:
                    data_dir.mkdir()
                    (data_dir / "media").mkdir()
                    fresh_postgres_database(args.database_url)
                    progress(f"{backend} {size}: migrate + load_content", started)
                    run_worker(
                        ["--worker", "prepare"],
                        backend,
                        data_dir,
                        workdir / f"{backend}-{size}-prepare.log",
                        args.database_url,
                    )
                else:
                    copy_database(template, data_dir)
                result_path = workdir / f"{backend}-{size}.json"
                progress(f"{backend} {size}: pages, update_index, queries", started)
                run_worker(
                    [
                        "--worker",
                        "run",
                        "--size",
                        str(size),
                        "--queries",
                        str(args.queries),
                        "--seed",
                        str(args.seed),
                        "--result",
                        str(result_path),
                        "--time-limit",
                        str(args.time_limit),
                        "--restricted",
                        str(args.restricted if size == max(sizes) else 0),
                    ],
                    backend,
                    data_dir,
                    workdir / f"{backend}-{size}.log",
                    args.database_url,
                )
                result = json.loads(result_path.read_text(encoding="utf-8"))
                result.update({"backend": backend, "size": size})
                restricted_run = result.pop("restricted_run", None)
                results.append(result)
                progress(summary_line(result), started)
                if restricted_run:
                    restricted_run.update({"backend": backend, "size": size})
                    results.append(restricted_run)
                    progress(summary_line(restricted_run), started)
                if not args.keep:
                    # A 50k database and index take hundreds of MB; free them now.
                    shutil.rmtree(data_dir)
    finally:
        if args.keep:
            print(f"Work directory kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report = {
        "meta": {
            "date": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "machine": benchdoc.machine_info(),
            "versions": versions(),
            "code": benchdoc.code_state("knowledge_portal/search"),
            "command": benchdoc.command_line("bench/search.py"),
            "elapsed_s": time.monotonic() - started,
        },
        "runs": results,
    }
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    emit(report, args)


def emit(report, args):
    """Print the table and details; write the doc section unless --no-doc."""
    results = report["runs"]
    print(render_table(results))
    print()
    print(render_details(results))
    print(f"\nTotal run time: {report['meta']['elapsed_s'] / 60:.1f} min")
    if not args.no_doc:
        benchdoc.write_section(SECTION_HEADING, render_section(report))
        print(f"Wrote {benchdoc.DOC_FILE.relative_to(BASE_DIR)} ({SECTION_HEADING})")


def summary_line(result):
    return (
        f"{result['backend']} {result['pages']} pages: "
        f"build {result['build_s']:.1f} s, "
        f"p50 {fmt_latency(result, 'p50')} ms, p95 {fmt_latency(result, 'p95')} ms, "
        f"MRR@10 {result['relevance']['mrr_at_10']:.3f}, "
        f"recall@5 {result['relevance']['recall_at_5']:.3f}, "
        f"errors {len(result['errors'])}, timeouts {result['timeouts']}, "
        f"queries took {result['queries_s']:.0f} s"
    )


def fmt_latency(stats, name, limit_s=None):
    """A percentile in ms; "> limit" when it fell on a timed-out query."""
    if stats.get(f"{name}_capped"):
        limit_s = limit_s or stats.get("time_limit_s")
        return f"> {limit_s * 1000:,.0f}"
    value = stats.get(f"{name}_ms")
    return "n/a" if value is None else f"{value:,.1f}"


def label(backend):
    """A backend's name in the tables; ``backend`` may be a run's result."""
    if isinstance(backend, dict):
        if backend.get("database_vendor") == "postgresql":
            return {"database": POSTGRES_LABEL}.get(
                backend["backend"], backend["backend"]
            )
        backend = backend["backend"]
    return BACKEND_LABELS.get(backend, backend)


def render_table(results):
    lines = [
        f"### {TABLE_TITLE}",
        "",
        "| backend | pages | restricted | index build s | p50 ms | p95 ms "
        "| MRR@10 | recall@5 |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for result in results:
        rel = result["relevance"]
        restricted = result.get("restricted", 0)
        build = "same index" if restricted else f"{result['build_s']:,.1f}"
        lines.append(
            f"| {label(result)} | {result['pages']:,} "
            f"| {restricted or 0:,} | {build} "
            f"| {fmt_latency(result, 'p50')} | {fmt_latency(result, 'p95')} "
            f"| {rel['mrr_at_10']:.3f} | {rel['recall_at_5']:.3f} |"
        )
    return "\n".join(lines)


def runs_at(results, size):
    """Per backend, the run of ``size`` pages (or of the largest size), none
    restricted."""
    chosen = {}
    for result in results:
        if result.get("restricted"):
            continue
        current = chosen.get(result["backend"])
        if result["size"] == size or (
            current is None
            or (current["size"] != size and result["size"] > current["size"])
        ):
            chosen[result["backend"]] = result
    return chosen


def render_latency_groups(results):
    runs = runs_at(results, min(TARGET_P95))
    if not runs:
        return []
    backends = list(runs)
    groups = sorted({group for r in runs.values() for group in r["latency_by_group"]})
    pages = ", ".join(f"{label(runs[b])} {runs[b]['pages']:,}" for b in backends)
    lines = [
        f"#### Latency by query group, p50 / p95 ms (pages: {pages})",
        "",
        "| group | queries | " + " | ".join(label(runs[b]) for b in backends) + " |",
        "|---|--:|" + "--:|" * len(backends),
    ]
    for group in groups:
        cells, count = [], 0
        for backend in backends:
            stats = runs[backend]["latency_by_group"].get(group)
            if not stats:
                cells.append("")
                continue
            count = max(count, stats["count"] + stats["failed"])
            limit = runs[backend]["time_limit_s"]
            cell = (
                ""
                if not stats["count"]
                else (
                    f"{fmt_latency(stats, 'p50', limit)} / "
                    f"{fmt_latency(stats, 'p95', limit)}"
                )
            )
            if stats["failed"]:
                cell += f" ({stats['failed']} raised)"
            cells.append(cell.strip())
        lines.append(f"| {group} | {count} | " + " | ".join(cells) + " |")
    for backend in backends:
        run = runs[backend]
        slow = ", ".join(
            f"`{item['query']}` ({item['language']}) "
            + (
                f"> {run['time_limit_s']:g} s"
                if item["timeout"]
                else f"{item['ms']:,.0f} ms"
            )
            for item in run["slowest"][:3]
        )
        lines.append("")
        lines.append(
            f"{label(run)}, slowest: {slow}. Queries that hit the "
            f"{run['time_limit_s']:g} s limit: {run['timeouts']} of {run['queries']}."
        )
    lines += [
        "",
        "Of each query's time, building the visitor's queryset "
        "(`searchable_pages()`, protocols included) took a median of:",
        "",
    ]
    for backend in backends:
        medians = ", ".join(
            f"{r['queryset_ms_median']:.1f} ms at {r['pages']:,} pages"
            + (f" ({r['restricted']:,} restricted)" if r.get("restricted") else "")
            for r in results
            if r["backend"] == backend
        )
        lines.append(f"- {label(runs[backend])}: {medians}.")
    return lines


def render_details(results):
    """Latency by group, relevance by kind, misses and errors."""
    best = runs_at(results, max((r["size"] for r in results), default=0))
    if not best:
        return ""
    backends = list(best)
    kinds = sorted({kind for r in best.values() for kind in r["relevance"]["per_kind"]})
    pages = ", ".join(f"{label(best[b])} {best[b]['pages']:,}" for b in backends)
    lines = [
        *render_latency_groups(results),
        "",
        f"#### Relevance by query kind, MRR@10 (pages: {pages})",
        "",
        "| kind | queries | " + " | ".join(label(best[b]) for b in backends) + " |",
        "|---|--:|" + "--:|" * len(backends),
    ]
    for kind in kinds:
        cells, count = [], 0
        for backend in backends:
            item = best[backend]["relevance"]["per_kind"].get(kind)
            count = item["count"] if item else count
            cells.append(f"{item['mrr_at_10']:.3f}" if item else "")
        lines.append(f"| {kind} | {count} | " + " | ".join(cells) + " |")
    for backend in backends:
        misses = [
            item
            for item in best[backend]["relevance"]["per_query"]
            if item["rank"] != 1
        ]
        lines += [
            "",
            f"#### {label(best[backend])}: labelled queries not ranked first "
            f"({len(misses)} of {best[backend]['labelled_queries']}, "
            f"{best[backend]['pages']:,} pages)",
            "",
        ]
        for item in misses:
            where = f"rank {item['rank']}" if item["rank"] else "not in top 10"
            if item["error"]:
                where += f" ({item['error'].split(':')[0]})"
            elif item["fuzzy"]:
                where += " (fuzzy fallback)"
            top = ", ".join(item["top"][:3]) or "no results"
            lines.append(
                f"- `{item['query']}` ({item['language']}, {item['kind']}): {where}; "
                f"expected {', '.join(item['expected'])}; top 3: {top}"
            )
        errors = best[backend]["errors"]
        if errors:
            messages = sorted({error["error"].split("\n")[0] for error in errors})
            lines += [
                "",
                f"{len(errors)} of {best[backend]['queries']} queries raised "
                "(left out of the latency, counted as misses): "
                + "; ".join(f"`{message}`" for message in messages),
            ]
    return "\n".join(lines)


def versions():
    import sqlite3
    from importlib import metadata

    def version(*names):
        for name in names:
            with contextlib.suppress(metadata.PackageNotFoundError):
                return metadata.version(name)
        return "not installed"

    return {
        "Python": platform.python_version(),
        "Django": version("Django"),
        "Wagtail": version("wagtail"),
        "modelsearch": version("modelsearch"),
        "Whoosh-Reloaded": version("Whoosh-Reloaded", "Whoosh"),
        "SQLite": sqlite3.sqlite_version,
    }


def render_section(report):
    meta = report["meta"]
    results = report["runs"]
    info = meta["machine"]
    lines = [
        SECTION_HEADING,
        "",
        f"Measured {meta['date']} on `{info['uname']}`, {info['cpu']}, "
        f"{info['nproc']} CPUs, {info['memory']} RAM.",
        "Versions: "
        + ", ".join(f"{key} {value}" for key, value in meta["versions"].items())
        + ".",
        f"Code: {meta['code']}.",
        "",
        "```sh",
        meta["command"],
        "```",
        "",
        f"The whole run took {meta['elapsed_s'] / 60:.1f} minutes.",
        "",
        render_table(results),
        "",
        "### What this measures",
        "",
        "Each backend and size gets a fresh SQLite database: `migrate`, "
        "`load_content` (the seed content: 28 plant profiles plus guides, courses "
        "and lessons, each a page in es, qu and jiv), then synthetic plant "
        "profiles inserted in bulk up to the size (real "
        "`PlantProfilePage` and `PlantName` rows under each language's plant index, "
        "with invented names, Latin-like binomials and Spanish-like filler prose; "
        "see `bench/README.md`).",
        "",
        "- *Index build*: `manage.py update_index`, a full rebuild.",
        "- *p50, p95*: wall time of what the search page does before rendering: "
        "`searchable_pages(locale, user)` (the live, public pages of the query's "
        "language that protocols let an anonymous visitor see) and "
        "`ranked_ids()` on them (all words, else any word, else `Fuzzy`); "
        "nearest-rank percentiles of "
        f"the warm (second) pass over {count_of(results, 'queries')} queries: the "
        "labelled ones plus random corpus words (a fifth drawn by frequency), "
        "synthetic names, one-edit typos and two- or three-word queries. A query "
        f"still running after {time_limit_of(results)} s has its SQL interrupted "
        "and counts at that limit (`> limit` in the table: the percentile fell on "
        "such a query); queries slower than 1 s in the first pass are not rerun; "
        "queries that raise are left out.",
        "- *MRR@10, recall@5*: the "
        f"{count_of(results, 'labelled_queries')} labelled queries of "
        "`bench/queries.yaml` (names, variants, scientific names, Kichwa and Shuar "
        "names and spellings, typos, use words) against the seed profiles: 1/rank "
        "of the first expected profile in the top 10, and the share of expected "
        "profiles in the top 5. A query that raises or times out is a miss. The "
        "synthetic text never contains a word of a labelled query or of a seed "
        "name (nor anything the analysers fold to one), so bigger corpora add "
        "distractors, not answers.",
        "- *Restricted*: after measuring the largest size, the same worker puts "
        "that many synthetic pages (whole plants, every language) under a "
        "protocol restricted to a group nobody is in, indexes them again "
        "(incrementally) and measures everything once more, so only the access "
        "rules differ. *Page times* are anonymous requests through Django's test "
        f"client with the page cache off ({PAGE_REQUESTS} after two warm-ups): "
        "the Spanish plant index, the same filtered by layer, and one plant.",
        "",
        render_targets(results),
        "",
        "### Details",
        "",
        render_details(results),
        "",
    ]
    return "\n".join(lines)


def count_of(results, key):
    return results[0][key] if results else 0


def time_limit_of(results):
    return f"{results[0]['time_limit_s']:g}" if results else "?"


def render_targets(results):
    lines = ["### Targets", ""]
    plain = [r for r in results if r["backend"] == "whoosh" and not r.get("restricted")]
    for size, target in TARGET_P95.items():
        runs = [r for r in plain if r["size"] == size]
        if runs:
            met = runs[0]["p95_ms"] is not None and runs[0]["p95_ms"] < target
            verdict = f"{_verdict(met)} ({fmt_latency(runs[0], 'p95')} ms)"
        else:
            verdict = "not measured in this run"
        lines.append(
            f"- Whoosh p95 under {target:.0f} ms at {size:,} pages: {verdict}."
        )
    for size, target in TARGET_BUILD_S.items():
        runs = [r for r in plain if r["size"] == size]
        verdict = (
            f"{_verdict(runs[0]['build_s'] < target)} ({runs[0]['build_s']:,.0f} s)"
            if runs
            else "not measured in this run"
        )
        lines.append(
            f"- Whoosh full index build under {target:.0f} s at {size:,} pages: "
            f"{verdict}."
        )
    if plain:
        worst = min(plain, key=lambda r: r["relevance"]["mrr_at_10"])
        mrr = worst["relevance"]["mrr_at_10"]
        lines.append(
            f"- Whoosh MRR@10 at least {TARGET_MRR}: {_verdict(mrr >= TARGET_MRR)} "
            f"(lowest {mrr:.3f}, at {worst['pages']:,} pages)."
        )
    lines += render_restricted(results)
    return "\n".join(lines)


def _verdict(met):
    return "met" if met else "**not met**"


def render_restricted(results):
    """The same corpus with and without restricted entries, side by side."""
    lines = []
    for restricted in (r for r in results if r.get("restricted")):
        plain = next(
            (
                r
                for r in results
                if not r.get("restricted")
                and r["backend"] == restricted["backend"]
                and r["size"] == restricted["size"]
            ),
            None,
        )
        if plain is None:
            continue
        rows = [
            ("search p50", plain["p50_ms"], restricted["p50_ms"]),
            ("search p95", plain["p95_ms"], restricted["p95_ms"]),
        ]
        for name, times in plain.get("page_times", {}).items():
            other = restricted.get("page_times", {}).get(name)
            if other:
                rows.append((f"{name} p50", times["p50_ms"], other["p50_ms"]))
        slowdowns = [
            (after - before) / before for _n, before, after in rows if before and after
        ]
        met = bool(slowdowns) and max(slowdowns) <= TARGET_RESTRICTED_SLOWDOWN
        lines += [
            f"- {label(restricted)} with {restricted['restricted']:,} of "
            f"{restricted['pages']:,} pages restricted, within "
            f"{TARGET_RESTRICTED_SLOWDOWN:.0%} of none restricted: {_verdict(met)}.",
            "",
            f"| {label(restricted)}, {restricted['pages']:,} pages, ms "
            f"| none restricted | {restricted['restricted']:,} restricted | change |",
            "|---|--:|--:|--:|",
        ]
        for name, before, after in rows:
            change = f"{(after - before) / before:+.0%}" if before and after else ""
            lines.append(f"| {name} | {_ms(before)} | {_ms(after)} | {change} |")
        lines.append("")
    return lines


def _ms(value):
    return "n/a" if value is None else f"{value:,.1f}"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in DEFAULT_SIZES),
        help="corpus sizes in pages, comma-separated (default: %(default)s)",
    )
    parser.add_argument(
        "--queries",
        type=int,
        default=DEFAULT_QUERIES,
        help="minimum number of timed queries (default: %(default)s)",
    )
    parser.add_argument(
        "--backends",
        default=",".join(BACKENDS),
        help="backends to compare (default: %(default)s)",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        help="seconds after which a query's SQL is interrupted (default: %(default)s)",
    )
    parser.add_argument(
        "--restricted",
        type=int,
        default=DEFAULT_RESTRICTED,
        help="also measure the largest size with this many pages restricted "
        "(0: not; default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-doc", action="store_true", help="do not write docs/benchmarks.md"
    )
    parser.add_argument("--json", help="also write the raw results to this file")
    parser.add_argument(
        "--database-url",
        help="run on this PostgreSQL database (dropped and created for each run; "
        "a name of its own) instead of fresh SQLite files",
    )
    parser.add_argument(
        "--report",
        metavar="JSON",
        help="only print (and write to the doc) the results saved by --json",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary databases and logs"
    )
    # Internal: the parent runs this script again as a worker process.
    parser.add_argument("--worker", choices=["prepare", "run"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for backend in args.backends.split(","):
        if backend not in BACKENDS:
            parser.error(f"unknown backend {backend!r}; use {', '.join(BACKENDS)}")
    return args


def main():
    args = parse_args()
    if args.worker:
        worker(args)
    elif args.report:
        emit(json.loads(Path(args.report).read_text(encoding="utf-8")), args)
    else:
        orchestrate(args)


if __name__ == "__main__":
    main()
