"""Page benchmark: weight, throughput, mixed load and a class-start burst.

Run from the repository root::

    .venv/bin/python bench/pages.py [--quick] [--duration 10] [--mixed-seconds 300]

The script builds a throwaway portal in a temporary directory the way
``make setup`` does, with production settings (``migrate``, ``load_content``
of a copy of ``content/`` in which one plant has real photos, ``collectstatic``,
``update_index``), adds accounts (chakramamas, a teacher, a class of learners
with assignments), serves it with gunicorn on a free 127.0.0.1 port and
measures:

1. page weight: bytes on the wire with ``Accept-Encoding: gzip`` of five pages
   and every stylesheet, script and font they load, and the photos the plant
   page references for a 480 px slot;
2. throughput: requests per second and latency percentiles with ``wrk`` at
   1, 8 and 32 connections, beside a floor: a bare Wagtail page of the tiny
   project in ``bench/floor/`` served by the same gunicorn command; the
   plant, guide and lesson pages also signed in as a learner (her session
   cookie sent by wrk) and as anonymous page-cache misses (a second server
   with ``PAGE_CACHE_SECONDS=0``), with the SQL queries each costs;
3. mixed load: anonymous readers and chakramamas posting contributions (real
   forms, CSRF token, a photo) at a steady rate; errors are counted and the
   database is checked afterwards for every acknowledged contribution;
4. a class-start burst: learners sign in at once through the login form and
   open their assignments, with each password hasher (PBKDF2, scrypt, Argon2),
   while anonymous readers fetch pages without pause: how long the class
   waits, and what the other visitors wait meanwhile.

``--only burst`` builds the site and runs only the class-start burst; it
rewrites only the "### Class-start burst" part of the section.

It prints the tables and writes the "## Pages" section of
``docs/benchmarks.md`` (other sections are kept). Everything it starts is
stopped at the end, also on Ctrl-C or an error.
"""

import argparse
import contextlib
import gzip
import html.parser
import http.client
import importlib.util
import io
import json
import math
import os
import platform
import random
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import benchdoc  # bench/, beside this script

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
CONTENT_DIR = BASE_DIR / "content"
SECTION_HEADING = "## Pages"

PORTAL_SETTINGS = "knowledge_portal.settings.production"
HASHER_SETTINGS = "pages_settings"  # bench/pages_settings.py
FLOOR_SETTINGS = "floor.settings"  # bench/floor/

# Two to three processes keep both cores busy while one waits on SQLite or a
# socket; threads let a worker go on serving while a slow phone downloads a
# photo or a recording (media are served through Django, which checks each
# file's protocol), and keep connections alive.
DEFAULT_WORKERS = 3
DEFAULT_THREADS = 24  # as `make run` (Makefile)
DEFAULT_DURATION = 10.0
DEFAULT_MIXED_SECONDS = 300.0
QUICK_DURATION = 2.0
QUICK_MIXED_SECONDS = 20.0
CONCURRENCY = ((1, 1), (2, 8), (2, 32))  # wrk threads, connections
DEFAULT_LEARNERS = 60
QUICK_LEARNERS = 20
DEFAULT_READERS = 8
DEFAULT_CONTRIBUTION_INTERVAL = 3.0  # seconds between two contributions, overall
RENDER_REPEATS = 5
# Each chakramama sends at most this many contributions in a run (the portal
# lets a person send 30 an hour); longer runs get more chakramamas.
MAX_CONTRIBUTIONS_EACH = 20
HASHER_NAMES = {"pbkdf2": "PBKDF2", "scrypt": "scrypt", "argon2": "Argon2"}

PAGE_ORDER = ("home", "plant", "guide", "lesson", "search")
# Pages measured for a signed-in learner beside the floor and the page-cache
# misses (issue 16): the pages a class reads.
SIGNED_IN_PAGES = ("plant", "guide", "lesson")
SIGNED_IN_CONNECTIONS = 8
SIGNED_IN_TARGET = 60  # % of the floor's requests per second
PAGE_LABELS = {
    "floor": "floor: bare Wagtail page",
    "home": "home",
    "plant": "plant",
    "guide": "guide",
    "lesson": "lesson",
    "search": "search results",
}
PHOTO_PLANT = "theobroma-cacao"
GUIDE_SLUG = "cacao-cleft-graft"
LESSON_SLUG = "injerto-de-cacao-en-vivero"
SEARCH_QUERY = "cacao"
READ_QUERIES = {
    "es": ["cacao", "guayusa", "injerto", "yuca", "plátano", "abono", "chakra"],
    "qu": ["kakaw", "wayusa", "lumu", "chakra"],
    "jiv": ["yuwi", "wayus", "chakra"],
}
# Real photos (600 × 450 and 450 × 600 JPEG) that ship with Wagtail's tests.
PHOTO_FILES = ("landscape_1.jpg", "landscape_5.jpg", "landscape_3.jpg")
UPLOAD_PHOTO = "landscape_2.jpg"

TARGET_PAGE_KB = 60
TARGET_IMAGE_KB = 80
TARGET_FLOOR_SHARE = 60  # per cent, for the plant and lesson pages
TARGET_BURST_S = 10  # the whole class-start burst (issue 16)
TARGET_READERS_P95_MS = 300  # other visitors while the class signs in
PARTS = ("burst",)  # what --only may name
TARGET_QUERIES = 10  # a page, signed in or a page-cache miss (issue 16)

WRK_SCRIPT = """\
-- Like a browser: compressed responses welcome.
wrk.headers["Accept-Encoding"] = "gzip"
wrk.headers["Accept-Language"] = "es"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d p50_us=%d p95_us=%d p99_us=%d " ..
    "max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def progress(message, started):
    print(f"[{time.monotonic() - started:7.1f} s] {message}", file=sys.stderr)


def percentile(values, fraction):
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def wagtail_photo(name):
    spec = importlib.util.find_spec("wagtail")
    folder = Path(spec.submodule_search_locations[0]) / "images/tests/image_files"
    return folder / name


# --- Workers: run inside Django, in a process of their own -------------------------


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def worker_setup(args):
    """Accounts, a class with assignments, and the URLs to measure."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import get_hasher, make_password
    from django.contrib.auth.models import AnonymousUser, Group
    from wagtail.models import Locale, Page

    from knowledge_portal.contributions.models import KnowledgeNotePage
    from knowledge_portal.core import roles
    from knowledge_portal.guides.models import GuidePage
    from knowledge_portal.learning import services as learning
    from knowledge_portal.learning.models import (
        Assignment,
        LearnerProfile,
        LessonPage,
        Membership,
        School,
        SchoolClass,
    )
    from knowledge_portal.plants.models import PlantProfilePage
    from knowledge_portal.protocols.access import visible_pages

    user_model = get_user_model()
    spanish = Locale.objects.get(language_code="es")

    def page_of(model, slug):
        page = model.objects.live().filter(locale=spanish, slug=slug).first()
        return page or model.objects.live().filter(locale=spanish).first()

    plant = page_of(PlantProfilePage, PHOTO_PLANT)
    guide = page_of(GuidePage, GUIDE_SLUG)
    lesson = page_of(LessonPage, LESSON_SLUG)
    home = Page.objects.get(depth=2, locale=spanish)
    pages = {
        "home": home.url,
        "plant": plant.url,
        "guide": guide.url,
        "lesson": lesson.url,
        "search": f"/es/search/?q={urllib.parse.quote(SEARCH_QUERY)}",
    }
    # Everything an anonymous visitor may read, for the mixed load (a note is
    # read on its plant's page: its own URL redirects there).
    readable = visible_pages(
        AnonymousUser(),
        Page.objects.live()
        .public()
        .filter(depth__gte=2)
        .not_type(KnowledgeNotePage)
        .order_by("path"),
    )
    read_urls = [page.url for page in readable]
    for language, queries in READ_QUERIES.items():
        read_urls += [
            f"/{language}/search/?q={urllib.parse.quote(query)}" for query in queries
        ]

    def account(username, role, password):
        user = user_model.objects.create_user(username, password=password)
        user.groups.add(Group.objects.get(name=role))
        return user

    chakramamas = []
    for number in range(1, args.chakramamas + 1):
        password = secrets.token_urlsafe(12)
        account(f"chakramama-{number}", roles.CHAKRAMAMA, password)
        chakramamas.append({"username": f"chakramama-{number}", "password": password})
    teacher = account("profesora", roles.TEACHER, secrets.token_urlsafe(12))
    school = School.objects.create(name="Escuela de campo (prueba de carga)")
    assigned = [
        *LessonPage.objects.live().filter(locale=spanish).order_by("path")[:3],
        guide,
        plant,
    ]
    hashers = {
        "pbkdf2": get_hasher("pbkdf2_sha256"),
        "scrypt": get_hasher("scrypt"),
    }
    try:
        hashers["argon2"] = get_hasher("argon2")
        hashers["argon2"].encode("probe", hashers["argon2"].salt())
    except (ValueError, ModuleNotFoundError):
        del hashers["argon2"]  # argon2-cffi is not installed
    learner_group = Group.objects.get(name=roles.LEARNER)
    languages = ("es", "qu", "jiv")
    learners = {}
    hasher_info = {}
    for name, hasher in hashers.items():
        school_class = SchoolClass.objects.create(
            school=school, name=f"Clase {name}", teacher=teacher
        )
        for page in assigned:
            Assignment.objects.create(
                school_class=school_class, page=page, assigned_by=teacher
            )
        accounts = [
            {
                "username": f"aprendiz-{name}-{number:02d}",
                "password": secrets.token_urlsafe(12),
                "language": languages[number % len(languages)],
            }
            for number in range(1, args.learners + 1)
        ]
        # The real hash, one per account; hashlib and argon2 release the GIL.
        with ThreadPoolExecutor(max_workers=2) as pool:
            encoded = list(
                pool.map(
                    lambda item, hasher=hasher: make_password(
                        item["password"], hasher=hasher.algorithm
                    ),
                    accounts,
                )
            )
        for item, password_hash in zip(accounts, encoded, strict=True):
            user = user_model.objects.create(
                username=item["username"], password=password_hash
            )
            user.groups.add(learner_group)
            LearnerProfile.objects.create(user=user, language=item["language"])
            Membership.objects.create(school_class=school_class, learner=user)
        learners[name] = accounts
        sample = encoded[0]
        timings = []
        for _attempt in range(3):
            started = time.perf_counter()
            hasher.verify(accounts[0]["password"], sample)
            timings.append(time.perf_counter() - started)
        hasher_info[name] = {
            "algorithm": hasher.algorithm,
            "parameters": {
                key: value
                for key, value in hasher.decode(sample).items()
                if key not in {"algorithm", "hash", "salt", "params"}
            },
            "verify_ms": statistics.median(timings) * 1000,
        }
    production = get_hasher().algorithm
    production_name = next(
        (name for name, hasher in hashers.items() if hasher.algorithm == production),
        "pbkdf2",
    )
    first = user_model.objects.get(username=learners[production_name][0]["username"])
    if len(learning.my_learning(first, "es")) != len(assigned):
        raise SystemExit("The learners do not see their assignments.")
    from django.conf import settings

    info = {
        "settings": {
            "middleware": settings.MIDDLEWARE,
            "page_cache_seconds": getattr(settings, "PAGE_CACHE_SECONDS", None),
        },
        "pages": pages,
        "read_urls": read_urls,
        "note_plant_id": plant.pk,
        "chakramamas": chakramamas,
        "learners": learners,
        "assignments": len(assigned),
        "hashers": hasher_info,
        "production_hasher": production,
        # Its class signs in to the production server (signed-in throughput):
        # the hash it has is already the first, so nothing is re-hashed.
        "production_hasher_name": production_name,
        "counts": {
            "pages": Page.objects.live().filter(depth__gte=2).count(),
            "plant_photos": plant.gallery_images.count(),
        },
    }
    Path(args.result).write_text(json.dumps(info, indent=1), encoding="utf-8")


def worker_verify(args):
    """Every acknowledged contribution stored exactly once, with its photo."""
    from django.contrib.auth import get_user_model

    from knowledge_portal.contributions.models import Contribution, KnowledgeNotePage
    from knowledge_portal.plants.models import PlantProfilePage

    sent = json.loads(Path(args.input).read_text(encoding="utf-8"))
    outcome = {"acknowledged": 0, "stored_once": 0, "lost": [], "duplicated": []}
    outcome.update({"photo_missing": [], "unacknowledged_stored": 0})
    for item in sent["contributions"]:
        marker = item["marker"]
        if item["kind"] == "plant":
            pages = list(PlantProfilePage.objects.filter(uses_text__contains=marker))
            photos = [
                gallery.image for page in pages for gallery in page.gallery_images.all()
            ]
        else:
            pages = list(KnowledgeNotePage.objects.filter(text__contains=marker))
            photos = [photo.image for page in pages for photo in page.photos.all()]
        records = Contribution.objects.filter(page__in=pages).count()
        if not item["acknowledged"]:
            outcome["unacknowledged_stored"] += int(bool(pages))
            continue
        outcome["acknowledged"] += 1
        if not pages:
            outcome["lost"].append(marker)
        elif len(pages) > 1 or records != 1:
            outcome["duplicated"].append(marker)
        else:
            outcome["stored_once"] += 1
            if len(photos) != 1 or not photos[0].file.storage.exists(
                photos[0].file.name
            ):
                outcome["photo_missing"].append(marker)
    # A hasher is measured only if logging in did not re-hash the passwords.
    rehashed = {}
    for name, accounts in sent.get("learners", {}).items():
        expected = sent["hashers"][name]["algorithm"]
        rehashed[name] = sum(
            not password.startswith(expected + "$")
            for password in get_user_model()
            .objects.filter(username__in=[item["username"] for item in accounts])
            .values_list("password", flat=True)
        )
    outcome["rehashed"] = rehashed
    Path(args.result).write_text(json.dumps(outcome, indent=1), encoding="utf-8")


def worker_floor(args):
    """Migrate the floor project and make a bare page the site's root."""
    from django.core.management import call_command
    from floor.bare.models import BarePage
    from wagtail.models import Page, Site

    call_command("migrate", verbosity=0, interactive=False)
    root = Page.get_first_root_node()
    page = root.add_child(
        instance=BarePage(
            title="Chakra",
            slug="chakra",
            body="La chakra es el huerto agroforestal de las familias kichwa y "
            "shuar de la Amazonía ecuatoriana.",
        )
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = page
    site.save()
    Path(args.result).write_text(json.dumps({"path": "/"}), encoding="utf-8")


def worker_clear_caches(args):
    """Empty every cache the site configures (rate-limit counts, pages)."""
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    Path(args.result).write_text(json.dumps(list(settings.CACHES)), encoding="utf-8")


def worker_render_cost(args):
    """SQL queries and time of one render of each page, in-process and one
    at a time: the cost per page without gunicorn or concurrency. Anonymous
    (the page cache off: a miss), or signed in as ``--username``. The first
    request builds what the portal shares (``cold``); the measured ones
    reuse it."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="es")
    if args.username:
        client.force_login(get_user_model().objects.get(username=args.username))
    result = {}
    for name, path in json.loads(Path(args.input).read_text()).items():
        # Warm: templates, renditions, per-process and shared caches.
        with CaptureQueriesContext(connection) as cold:
            client.get(path)
        cold_count = len(cold)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        # Read now: the next request clears the connection's query log.
        query_count = len(queries)
        timings = []
        for _attempt in range(RENDER_REPEATS):
            began = time.perf_counter()
            client.get(path)
            timings.append(time.perf_counter() - began)
        result[name] = {
            "status": status,
            "queries": query_count,
            "cold_queries": cold_count,
            "ms": statistics.median(timings) * 1000,
        }
    Path(args.result).write_text(json.dumps(result), encoding="utf-8")


WORKERS = {
    "setup": worker_setup,
    "verify": worker_verify,
    "floor": worker_floor,
    "clear-caches": worker_clear_caches,
    "render-cost": worker_render_cost,
}


def worker(args):
    if args.worker == "floor":
        sys.path.insert(0, str(BENCH_DIR))
    setup_django()
    WORKERS[args.worker](args)


# --- The throwaway site -------------------------------------------------------------


class Site:
    """A temporary directory with the portal's data, and its environment."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.data_dir = workdir / "data"
        self.content_dir = workdir / "content"
        self.logs = workdir / "logs"
        for folder in (self.data_dir, self.logs):
            folder.mkdir(parents=True)

    def env(self, settings=PORTAL_SETTINGS, **extra):
        env = dict(os.environ)
        # Nothing the run writes may reach the developer's data or services.
        for name in (
            "DATABASE_URL",
            "SEARCH_URL",
            "SEARCH_BACKEND",
            "SEARCH_INDEX_DIR",
            "AWS_STORAGE_BUCKET_NAME",
            "DJANGO_DEBUG",
            "DJANGO_HTTPS",
            "BENCH_PASSWORD_HASHER",
        ):
            env.pop(name, None)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": settings,
                "DJANGO_SECRET_KEY": "benchmark-only",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DATA_DIR": str(self.data_dir),
                "MEDIA_ROOT": str(self.workdir / "media"),
                "STATIC_ROOT": str(self.workdir / "static"),
                "CONTENT_DIR": str(self.content_dir),
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(BENCH_DIR), env.get("PYTHONPATH")])
                ),
                **extra,
            }
        )
        return env

    def run(self, label, command, env=None):
        log_path = self.logs / f"{label}.log"
        with log_path.open("w", encoding="utf-8") as log:
            completed = subprocess.run(
                command,
                env=env or self.env(),
                cwd=BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if completed.returncode != 0:
            tail = log_path.read_text(encoding="utf-8").splitlines()[-30:]
            raise SystemExit(f"{label} failed:\n" + "\n".join(tail))

    def manage(self, *arguments):
        self.run(arguments[0], [sys.executable, "manage.py", *arguments])

    def worker(self, name, result, env=None, **options):
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", name]
        command += ["--result", str(result)]
        for option, value in options.items():
            command += [f"--{option.replace('_', '-')}", str(value)]
        self.run(f"worker-{name}", command, env=env)
        return json.loads(Path(result).read_text(encoding="utf-8"))

    def copy_content(self):
        """content/ with real photos on one plant, as an editor would add them."""
        import yaml

        shutil.copytree(CONTENT_DIR, self.content_dir)
        entry = self.content_dir / "plants" / f"{PHOTO_PLANT}.yaml"
        data = yaml.safe_load(entry.read_text(encoding="utf-8"))
        folder = entry.with_suffix("")
        folder.mkdir(exist_ok=True)
        images = data.setdefault("images", [])
        for name in PHOTO_FILES:
            shutil.copy2(wagtail_photo(name), folder / name)
            images.append({"file": name, "credit": "Wagtail test photo"})
        entry.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )

    def build(self, args, started):
        progress("site: copy content/ with photos", started)
        self.copy_content()
        for command in setup_commands():
            # load_content reads CONTENT_DIR: the copy with photos.
            progress(f"site: manage.py {' '.join(command)}", started)
            self.manage(*command)
        progress("site: accounts, a class, assignments (real hashes)", started)
        info = self.worker(
            "setup",
            self.workdir / "setup.json",
            learners=args.learners,
            chakramamas=args.chakramamas,
        )
        progress("floor: migrate, one bare page", started)
        self.worker(
            "floor", self.workdir / "floor.json", env=self.env(settings=FLOOR_SETTINGS)
        )
        return info


def setup_commands():
    """The manage.py commands of `make setup`, in order: the throwaway site is
    built as `make run` builds the real one."""
    commands, inside = [], False
    for line in (BASE_DIR / "Makefile").read_text(encoding="utf-8").splitlines():
        if line.startswith("setup:"):
            inside = True
        elif inside and not line.startswith("\t"):
            break
        elif inside and "$(MANAGE)" in line:
            commands.append(shlex.split(line.split("$(MANAGE)", 1)[1]))
    if not commands:
        raise SystemExit("Makefile: no `$(MANAGE) ...` lines under `setup:`")
    return commands


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn in a session of its own, so that it is stopped as a whole."""

    def __init__(self, name, app, env, site, gunicorn_options):
        self.name, self.app, self.env, self.site = name, app, env, site
        self.options = gunicorn_options
        self.process = None
        self.port = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, ready_path):
        for _attempt in range(3):
            self.port = free_port()
            log = (self.site.logs / f"gunicorn-{self.name}.log").open("a")
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    self.app,
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    *self.options,
                    "--access-logfile",
                    str(self.site.logs / f"access-{self.name}.log"),
                ],
                env=self.env,
                cwd=BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            log.close()
            if self.wait_ready(ready_path):
                return self
            self.stop()
        tail = (self.site.logs / f"gunicorn-{self.name}.log").read_text()
        raise SystemExit(f"gunicorn ({self.name}) did not start:\n{tail[-3000:]}")

    def wait_ready(self, path, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            with contextlib.suppress(OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection("127.0.0.1", self.port, 5)
                connection.request("GET", path)
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return True
            time.sleep(0.3)
        return False

    def memory_mb(self):
        """Proportional set size of gunicorn's processes (shared pages split)."""
        total_kb = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = (entry / "stat").read_text()
                pgrp = int(stat.rsplit(")", 1)[1].split()[2])
                if pgrp != self.process.pid:
                    continue
                for line in (entry / "smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total_kb += int(line.split()[1])
        return total_kb / 1024

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)


def gunicorn_options(args):
    options = ["--workers", str(args.workers)]
    if args.threads > 1:
        options += ["--worker-class", "gthread", "--threads", str(args.threads)]
    return options


# --- 1. Page weight ------------------------------------------------------------------


class References(html.parser.HTMLParser):
    """What a page makes the browser download: styles, scripts, fonts, images."""

    def __init__(self):
        super().__init__()
        self.assets = []  # (kind, url)
        self.images = []  # {"src": url, "srcset": [(url, descriptor)]}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").lower().split()
        if tag == "link" and attributes.get("href"):
            preload_as = (attributes.get("as") or "").lower()
            if "stylesheet" in rel:
                self.assets.append(("css", attributes["href"]))
            elif {"preload", "modulepreload"} & set(rel) and preload_as in {
                "script",
                "style",
                "font",
            }:
                kind = {"script": "js", "style": "css", "font": "font"}[preload_as]
                self.assets.append((kind, attributes["href"]))
        elif tag == "script" and attributes.get("src"):
            self.assets.append(("js", attributes["src"]))
        elif tag == "img" and attributes.get("src"):
            srcset = [
                tuple((candidate.strip().split() + ["1x"])[:2])
                for candidate in (attributes.get("srcset") or "").split(",")
                if candidate.strip()
            ]
            self.images.append({"src": attributes["src"], "srcset": srcset})


CSS_URL = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*['"]?([^'")\s;]+)""")
FONT_EXTENSIONS = (".woff2", ".woff", ".ttf", ".otf", ".eot")


def fetch_raw(base, url, accept_gzip=True):
    """GET ``url``; the body as sent (still compressed) and its decoded form."""
    parts = urllib.parse.urlsplit(urllib.parse.urljoin(base + "/", url))
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Accept-Language": "es", "User-Agent": "chakra-bench"}
    if accept_gzip:
        headers["Accept-Encoding"] = "gzip"
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    header_bytes = len(f"HTTP/1.1 {response.status} {response.reason}\r\n\r\n")
    header_bytes += sum(
        len(name) + len(value) + 4 for name, value in response.getheaders()
    )
    encoding = (response.getheader("Content-Encoding") or "").lower()
    decoded = gzip.decompress(body) if encoding == "gzip" else body
    return {
        "url": path,
        "status": response.status,
        "encoding": encoding or "none",
        "content_type": response.getheader("Content-Type") or "",
        "wire_bytes": header_bytes + len(body),
        "body_bytes": len(body),
        "decoded_bytes": len(decoded),
        "decoded": decoded,
        "local": parts.hostname == "127.0.0.1",
    }


def public(fetched):
    return {key: value for key, value in fetched.items() if key != "decoded"}


def measure_page(base, url):
    page = fetch_raw(base, url)
    parser = References()
    parser.feed(page["decoded"].decode("utf-8", "replace"))
    assets, seen = [], set()
    queue = [(kind, urllib.parse.urljoin(url, href)) for kind, href in parser.assets]
    while queue:
        kind, asset_url = queue.pop(0)
        if asset_url in seen:
            continue
        seen.add(asset_url)
        if urllib.parse.urlsplit(asset_url).netloc:
            assets.append({"kind": kind, "url": asset_url, "external": True})
            continue
        fetched = fetch_raw(base, asset_url)
        if kind == "css":
            for found in CSS_URL.findall(fetched["decoded"].decode("utf-8", "replace")):
                target = urllib.parse.urljoin(asset_url, found)
                if found.endswith(".css"):
                    queue.append(("css", target))
                elif target.split("?")[0].lower().endswith(FONT_EXTENSIONS):
                    queue.append(("font", target))
        assets.append({"kind": kind, **public(fetched)})
    total = page["wire_bytes"] + sum(item.get("wire_bytes", 0) for item in assets)
    # What Django's GZipMiddleware would send (level 6), for the report.
    page["gzip_estimate_bytes"] = len(gzip.compress(page["decoded"], 6, mtime=0))
    return {
        "url": url,
        "html": public(page),
        "assets": assets,
        "total_wire_bytes": total,
        "images": parser.images,
    }


def image_for_480(image):
    """The URL a 480 px slot loads: the 480w candidate of srcset, else src."""
    for candidate, descriptor in image["srcset"]:
        if descriptor == "480w":
            return candidate
    return image["src"]


def measure_images(base, page_url, images):
    from PIL import Image

    measured = []
    for image in images:
        url = urllib.parse.urljoin(page_url, image_for_480(image))
        fetched = fetch_raw(base, url, accept_gzip=False)
        entry = {**public(fetched), "format": "?", "width": None, "height": None}
        with (
            contextlib.suppress(OSError, ValueError),
            Image.open(io.BytesIO(fetched["decoded"])) as picture,
        ):
            entry.update(
                {
                    "format": picture.format,
                    "width": picture.width,
                    "height": picture.height,
                }
            )
        entry["srcset"] = [descriptor for _url, descriptor in image["srcset"]]
        measured.append(entry)
    return measured


def run_weight(server, info):
    results = {}
    for name in PAGE_ORDER:
        results[name] = measure_page(server.base, info["pages"][name])
    plant = results["plant"]
    plant["image_sizes"] = measure_images(
        server.base, info["pages"]["plant"], plant["images"]
    )
    return results


# --- 2. Throughput -------------------------------------------------------------------


def wrk_binary():
    found = shutil.which("wrk") or "/usr/bin/wrk"
    if not Path(found).exists():
        raise SystemExit("wrk is needed: apt-get install wrk")
    return found


def run_wrk(url, threads, connections, seconds, script, headers=None):
    command = [
        wrk_binary(),
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{seconds:g}s",
        "--timeout",
        "30s",
        "--latency",
        "-s",
        str(script),
        *(
            item
            for name, value in (headers or {}).items()
            for item in ("-H", f"{name}: {value}")
        ),
        url,
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=seconds + 120
    )
    line = next(
        (row for row in completed.stdout.splitlines() if row.startswith("BENCH ")),
        None,
    )
    if completed.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed on {url}:\n{completed.stdout}{completed.stderr}")
    values = dict(item.split("=") for item in line.split()[1:])
    values = {key: int(value) for key, value in values.items()}
    errors = sum(values[key] for key in ("connect", "read", "write", "status"))
    errors += values["timeout"]
    seconds_run = values["duration_us"] / 1e6
    return {
        "threads": threads,
        "connections": connections,
        "seconds": seconds_run,
        "requests": values["requests"],
        "rps": values["requests"] / seconds_run if seconds_run else 0.0,
        "p50_ms": values["p50_us"] / 1000,
        "p95_ms": values["p95_us"] / 1000,
        "p99_ms": values["p99_us"] / 1000,
        "max_ms": values["max_us"] / 1000,
        "errors": errors,
        "error_kinds": {
            key: values[key]
            for key in ("connect", "read", "write", "status", "timeout")
            if values[key]
        },
        "kb_per_request": values["bytes"] / values["requests"] / 1024
        if values["requests"]
        else 0.0,
    }


def run_throughput(server, targets, args, script, started, headers=None, label=""):
    """wrk at each concurrency on each target, after a warm-up; ``headers``
    (a signed-in visitor's session cookie) go with every request."""
    results = {}
    for name, path in targets.items():
        url = server.base + path
        # Enough connections that every worker thread serves the page once.
        run_wrk(url, 2, 8, args.warmup, script, headers)
        results[name] = []
        for threads, connections in CONCURRENCY:
            measured = run_wrk(
                url, threads, connections, args.duration, script, headers
            )
            results[name].append(measured)
            progress(
                f"{label}{name} c={connections}: {measured['rps']:.1f} req/s, "
                f"p95 {measured['p95_ms']:.1f} ms, errors {measured['errors']}",
                started,
            )
    return results


# --- 3. Mixed load and 4. class-start burst: real browsers' requests ---------------

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Recorder:
    """Latencies and failures from many threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}
        self.errors = {}
        self.counts = {}

    def tally(self, value):
        with self.lock:
            self.counts[value] = self.counts.get(value, 0) + 1

    def timed(self, kind, session, method, url, expect, **kwargs):
        """One request; counted as an error unless its status is in ``expect``."""
        import requests

        started = time.perf_counter()
        try:
            response = session.request(
                method, url, allow_redirects=False, timeout=60, **kwargs
            )
        except requests.RequestException as error:
            self.error(kind, type(error).__name__)
            return None
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies.setdefault(kind, []).append(elapsed)
        if response.status_code not in expect:
            self.error(kind, f"HTTP {response.status_code}")
            return None
        return response

    def error(self, kind, reason):
        with self.lock:
            key = f"{kind}: {reason}"
            self.errors[key] = self.errors.get(key, 0) + 1

    def summary(self, kinds=None):
        values = [
            value
            for kind, items in self.latencies.items()
            if kinds is None or kind in kinds
            for value in items
        ]
        errors = sum(
            count
            for key, count in self.errors.items()
            if kinds is None or key.split(":")[0] in kinds
        )
        return {
            "requests": len(values),
            "p50_ms": (percentile(values, 0.5) or 0) * 1000,
            "p95_ms": (percentile(values, 0.95) or 0) * 1000,
            "max_ms": max(values, default=0) * 1000,
            "errors": errors,
        }


def new_session():
    import requests

    session = requests.Session()
    session.headers.update(
        {"Accept-Encoding": "gzip", "Accept-Language": "es", "User-Agent": "bench"}
    )
    return session


def sign_in(recorder, session, base, language, username, password, kind="login"):
    """The login form as a browser sends it; the URL it lands on, or None."""
    login_url = f"{base}/{language}/accounts/login/"
    form = recorder.timed(f"{kind} form", session, "GET", login_url, {200})
    token = form and CSRF_INPUT.search(form.text)
    if token is None:
        if form is not None:
            recorder.error(f"{kind} form", "no CSRF token")
        return None
    posted = recorder.timed(
        f"{kind} post",
        session,
        "POST",
        login_url,
        {302},
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": password,
            "next": "",
        },
        headers={"Referer": login_url},
    )
    return posted and urllib.parse.urljoin(login_url, posted.headers["Location"])


def contribution_photo():
    return wagtail_photo(UPLOAD_PHOTO).read_bytes()


def contribute(recorder, session, base, info, kind, marker, photo):
    """Send a plant or a note through its form; True when acknowledged."""
    if kind == "plant":
        form_url = f"{base}/es/contribute/plant/"
        fields = {
            "name_es": f"Planta de prueba {marker}",
            "uses": ["medicinal"],
            "uses_text": f"Se toma en infusión para el dolor de estómago. {marker}",
            "practices": "Se siembra de estaca junto a la casa.",
        }
    else:
        form_url = f"{base}/es/contribute/note/{info['note_plant_id']}/"
        fields = {
            "kind": "use",
            "text": f"Las hojas tiernas se cocinan con yuca. {marker}",
        }
    fields.update(
        {
            "credit_as": "name",
            "access": "public",
            "commercial_use": "no",
            "consent": "on",
        }
    )
    form = recorder.timed("contribution form", session, "GET", form_url, {200})
    token = form and CSRF_INPUT.search(form.text)
    if token is None:
        return False
    fields["csrfmiddlewaretoken"] = token.group(1)
    posted = recorder.timed(
        "contribution post",
        session,
        "POST",
        form_url,
        {302},
        data=fields,
        files={"photos": (f"{marker}.jpg", photo, "image/jpeg")},
        headers={"Referer": form_url},
    )
    if posted is None:
        return False
    if "/contribute/mine/" not in posted.headers.get("Location", ""):
        recorder.error("contribution post", "not acknowledged")
        return False
    recorder.timed(
        "contribution list",
        session,
        "GET",
        urllib.parse.urljoin(form_url, posted.headers["Location"]),
        {200},
    )
    return True


# Set by the portal's page cache (core/page_cache.py) on what it serves.
PAGE_CACHE_HEADER = "X-Page-Cache"
READ_KINDS = {"read page": "pages", "read search": "searches", "read photo": "photos"}


def read_kind(url):
    path = urllib.parse.urlsplit(url).path
    if "/search/" in path:
        return "read search"
    return "read photo" if path.startswith("/media/") else "read page"


def run_mixed(server, info, args, extra_urls, started):
    recorder = Recorder()
    urls = [server.base + url for url in [*info["read_urls"], *extra_urls]]
    stop_at = time.monotonic() + args.mixed_seconds
    sent, sent_lock = [], threading.Lock()
    photo = contribution_photo()

    def reader(number):
        rng = random.Random(number)
        session = new_session()
        while time.monotonic() < stop_at:
            url = rng.choice(urls)
            kind = read_kind(url)
            response = recorder.timed(kind, session, "GET", url, {200})
            if response is not None and kind != "read photo":
                recorder.tally(response.headers.get(PAGE_CACHE_HEADER, "none"))
        session.close()

    def contributor(number, account):
        session = new_session()
        landed = sign_in(
            recorder,
            session,
            server.base,
            "es",
            account["username"],
            account["password"],
        )
        if landed is None:
            return
        recorder.timed("login landing", session, "GET", landed, {200, 302})
        interval = args.contribution_interval * args.chakramamas
        next_at = time.monotonic() + interval * number / args.chakramamas
        sequence = 0
        while True:
            time.sleep(max(0.0, next_at - time.monotonic()))
            if time.monotonic() >= stop_at:
                break
            kind = ("plant", "note")[(sequence + number) % 2]
            marker = f"bench-{number}-{sequence}-{secrets.token_hex(4)}"
            acknowledged = contribute(
                recorder, session, server.base, info, kind, marker, photo
            )
            with sent_lock:
                sent.append(
                    {"marker": marker, "kind": kind, "acknowledged": acknowledged}
                )
            sequence += 1
            # A steady rate: the next one is due an interval after this one
            # was due, or at once if this one took longer.
            next_at = max(next_at + interval, time.monotonic())
        session.close()

    threads = [
        threading.Thread(target=reader, args=(number,), daemon=True)
        for number in range(args.readers)
    ] + [
        threading.Thread(target=contributor, args=(number, account), daemon=True)
        for number, account in enumerate(info["chakramamas"])
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    result = {
        "seconds": elapsed,
        "readers": args.readers,
        "chakramamas": len(info["chakramamas"]),
        "interval_s": args.contribution_interval,
        "reads": recorder.summary(set(READ_KINDS)),
        "reads_by_kind": {kind: recorder.summary({kind}) for kind in READ_KINDS},
        "contribution_requests": recorder.summary(
            {"contribution form", "contribution post", "contribution list"}
        ),
        "contribution_post": recorder.summary({"contribution post"}),
        "errors": dict(recorder.errors),
        "error_count": sum(recorder.errors.values()),
        "page_cache": dict(recorder.counts),
        "sent": sent,
    }
    reads = result["reads"]
    reads["rps"] = reads["requests"] / elapsed if elapsed else 0.0
    progress(
        f"mixed: {reads['requests']} reads ({reads['rps']:.1f}/s, p95 "
        f"{reads['p95_ms']:.0f} ms), {len(sent)} contributions, "
        f"{result['error_count']} errors",
        started,
    )
    return result


LEARNER_KINDS = {"login form", "login post", "welcome", "my learning"}


def run_burst(server, accounts, assignments, read_urls, readers):
    """All learners sign in at once and open their assignments, while
    ``readers`` anonymous visitors fetch ``read_urls`` without pause (as the
    mixed load's readers do) until the last learner is done."""
    recorder = Recorder()
    # Everyone starts at the same instant: the learners and the readers.
    barrier = threading.Barrier(len(accounts) + readers)
    finished = []
    lock = threading.Lock()
    done = threading.Event()
    urls = [server.base + url for url in read_urls]

    def learner(account):
        session = new_session()
        barrier.wait()
        landed = sign_in(
            recorder,
            session,
            server.base,
            account["language"],
            account["username"],
            account["password"],
        )
        # after_login sends her to her assignments, in her language.
        response = landed and recorder.timed("welcome", session, "GET", landed, {302})
        learning = response and recorder.timed(
            "my learning",
            session,
            "GET",
            urllib.parse.urljoin(landed, response.headers["Location"]),
            {200},
        )
        if learning is not None:
            listed = learning.text.count('<li class="card')
            if listed != assignments:
                recorder.error("my learning", f"{listed} of {assignments} listed")
            else:
                with lock:
                    finished.append(time.monotonic())
        session.close()

    def reader(number):
        rng = random.Random(number)
        session = new_session()
        barrier.wait()
        while not done.is_set():
            url = rng.choice(urls)
            recorder.timed(read_kind(url), session, "GET", url, {200})
        session.close()

    learners = [
        threading.Thread(target=learner, args=(account,), daemon=True)
        for account in accounts
    ]
    reading = [
        threading.Thread(target=reader, args=(number,), daemon=True)
        for number in range(readers)
    ]
    began = time.monotonic()
    for thread in learners + reading:
        thread.start()
    for thread in learners:
        thread.join()
    ended = time.monotonic()
    done.set()
    for thread in reading:
        thread.join()
    return {
        "learners": len(accounts),
        "readers": readers,
        "completed": len(finished),
        "seconds": ended - began,
        "all": recorder.summary(),
        "learner_requests": recorder.summary(LEARNER_KINDS),
        "login_post": recorder.summary({"login post"}),
        "reads": recorder.summary(set(READ_KINDS)),
        "errors": dict(recorder.errors),
        "error_count": sum(recorder.errors.values()),
    }


def run_bursts(site, info, args, options, servers, started):
    """One class-start burst per hasher, each on a server of its own whose
    PASSWORD_HASHERS put that hasher first (bench/pages_settings.py)."""
    bursts = {}
    for name in info["hashers"]:
        # Each burst starts afresh: no rate-limit counts of an earlier one.
        site.worker("clear-caches", site.workdir / "cleared.json")
        env = site.env(settings=HASHER_SETTINGS, BENCH_PASSWORD_HASHER=name)
        server = Server(f"portal-{name}", "knowledge_portal.wsgi", env, site, options)
        servers.append(server.start(info["pages"]["home"]))
        progress(
            f"class-start burst, {name}: {args.learners} learners, "
            f"{args.readers} readers",
            started,
        )
        burst = run_burst(
            server,
            info["learners"][name],
            info["assignments"],
            info["read_urls"],
            args.readers,
        )
        bursts[name] = burst
        progress(
            f"burst {name}: {burst['seconds']:.1f} s, login p95 "
            f"{burst['login_post']['p95_ms']:.0f} ms, readers p95 "
            f"{burst['reads']['p95_ms']:.0f} ms, errors {burst['error_count']}",
            started,
        )
        server.stop()
    return bursts


# --- Orchestration -------------------------------------------------------------------


def orchestrate(args):
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="chakra-pages-bench-"))
    servers = []

    def stop_on_signal(signum, _frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, stop_on_signal)
    report = {}
    try:
        site = Site(workdir)
        info = site.build(args, started)
        options = gunicorn_options(args)
        if args.only == "burst":
            report = burst_only(site, info, args, options, servers, started)
            emit(report, args)
            return
        progress("render cost in-process, page cache off", started)
        (workdir / "paths.json").write_text(json.dumps(info["pages"]))
        (workdir / "floor-paths.json").write_text(json.dumps({"floor": "/"}))
        render_cost = site.worker(
            "render-cost",
            workdir / "render-floor.json",
            env=site.env(settings=FLOOR_SETTINGS),
            input=workdir / "floor-paths.json",
        )
        render_cost.update(
            site.worker(
                "render-cost",
                workdir / "render-portal.json",
                env=site.env(PAGE_CACHE_SECONDS="0"),
                input=workdir / "paths.json",
            )
        )
        # Signed in as a learner of the class: the pages she reads, and her
        # own list. Anonymous rows above are page-cache misses.
        learner = info["learners"][info["production_hasher_name"]][0]
        signed_in_paths = {name: info["pages"][name] for name in SIGNED_IN_PAGES} | {
            "my learning": "/es/my-learning/"
        }
        (workdir / "signed-in-paths.json").write_text(json.dumps(signed_in_paths))
        render_cost_signed_in = site.worker(
            "render-cost",
            workdir / "render-signed-in.json",
            input=workdir / "signed-in-paths.json",
            username=learner["username"],
        )
        script = workdir / "report.lua"
        script.write_text(WRK_SCRIPT, encoding="utf-8")

        progress("floor: throughput", started)
        floor = Server(
            "floor", "floor.wsgi", site.env(settings=FLOOR_SETTINGS), site, options
        )
        servers.append(floor.start("/"))
        throughput = run_throughput(floor, {"floor": "/"}, args, script, started)
        floor_memory = floor.memory_mb()
        floor.stop()

        portal = Server("portal", "knowledge_portal.wsgi", site.env(), site, options)
        servers.append(portal.start(info["pages"]["home"]))
        progress("portal: page weight", started)
        weight = run_weight(portal, info)
        progress("portal: throughput", started)
        throughput.update(run_throughput(portal, info["pages"], args, script, started))
        portal_memory = portal.memory_mb()
        progress("portal: throughput signed in as a learner", started)
        session = new_session()
        recorder = Recorder()
        landed = sign_in(
            recorder,
            session,
            portal.base,
            "es",
            learner["username"],
            learner["password"],
        )
        if landed is None:
            raise SystemExit(f"The learner could not sign in: {recorder.errors}")
        cookie = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
        session.close()
        throughput_signed_in = run_throughput(
            portal,
            {name: info["pages"][name] for name in SIGNED_IN_PAGES},
            args,
            script,
            started,
            headers={"Cookie": cookie},
            label="signed in: ",
        )

        progress(f"mixed load for {args.mixed_seconds:g} s", started)
        photo_urls = [
            urllib.parse.urlsplit(image["url"]).path
            for image in weight["plant"]["image_sizes"]
        ]
        mixed = run_mixed(portal, info, args, photo_urls, started)

        bursts = run_bursts(site, info, args, options, servers, started)

        uncached = {}
        if info["settings"]["page_cache_seconds"]:
            progress("portal with the page cache off: throughput", started)
            server = Server(
                "portal-rendered",
                "knowledge_portal.wsgi",
                site.env(PAGE_CACHE_SECONDS="0"),
                site,
                options,
            )
            servers.append(server.start(info["pages"]["home"]))
            uncached = run_throughput(server, info["pages"], args, script, started)
            server.stop()

        progress("verify contributions and password hashes in the database", started)
        (workdir / "sent.json").write_text(
            json.dumps(
                {
                    "contributions": mixed["sent"],
                    "learners": {name: info["learners"][name] for name in bursts},
                    "hashers": info["hashers"],
                }
            ),
            encoding="utf-8",
        )
        mixed["stored"] = site.worker(
            "verify", workdir / "verify.json", input=workdir / "sent.json"
        )
        report = {
            "meta": {
                "date": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
                "machine": benchdoc.machine_info(),
                "versions": versions(),
                "code": benchdoc.code_state(
                    "knowledge_portal", (".py", ".html", ".css", ".js")
                ),
                "command": benchdoc.command_line("bench/pages.py"),
                "gunicorn": " ".join(options),
                "quick": args.quick,
                "duration_s": args.duration,
                "elapsed_s": time.monotonic() - started,
                "memory_mb": {"floor": floor_memory, "portal": portal_memory},
                "settings": info["settings"],
                "counts": info["counts"],
                "production_hasher": info["production_hasher"],
            },
            "weight": weight,
            "throughput": throughput,
            "throughput_uncached": uncached,
            "throughput_signed_in": throughput_signed_in,
            "render_cost": render_cost,
            "render_cost_signed_in": render_cost_signed_in,
            "mixed": {key: value for key, value in mixed.items() if key != "sent"},
            "hashers": info["hashers"],
            "bursts": bursts,
        }
    except KeyboardInterrupt:
        raise SystemExit("Interrupted; everything started was stopped.") from None
    finally:
        for server in servers:
            server.stop()
        if args.keep:
            print(f"Work directory kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
        if report and args.json:
            Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    emit(report, args)


def burst_only(site, info, args, options, servers, started):
    """``--only burst``: the class-start bursts, and the check that no
    password was re-hashed; nothing else is measured."""
    bursts = run_bursts(site, info, args, options, servers, started)
    progress("verify password hashes in the database", started)
    (site.workdir / "sent.json").write_text(
        json.dumps(
            {
                "contributions": [],
                "learners": {name: info["learners"][name] for name in bursts},
                "hashers": info["hashers"],
            }
        ),
        encoding="utf-8",
    )
    stored = site.worker(
        "verify", site.workdir / "verify.json", input=site.workdir / "sent.json"
    )
    return {
        "only": "burst",
        "meta": {
            "date": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "machine": benchdoc.machine_info(),
            "command": benchdoc.command_line("bench/pages.py"),
            "gunicorn": " ".join(options),
            "quick": args.quick,
            "elapsed_s": time.monotonic() - started,
            "production_hasher": info["production_hasher"],
        },
        "mixed": {"stored": {"rehashed": stored["rehashed"]}},
        "hashers": info["hashers"],
        "bursts": bursts,
    }


# --- Report --------------------------------------------------------------------------


def kb(value):
    return f"{value / 1024:,.1f}"


def verdict(met):
    return "met" if met else "**not met**"


def render_weight(weight):
    lines = [
        f"| page | path | HTML KB sent (unpacked) | compressed | CSS+JS+fonts KB "
        f"| total KB | under {TARGET_PAGE_KB} KB |",
        "|---|---|--:|---|--:|--:|---|",
    ]
    for name in PAGE_ORDER:
        page = weight[name]
        html_part = page["html"]
        assets = page["assets"]
        asset_bytes = sum(item.get("wire_bytes", 0) for item in assets)
        files = ", ".join(
            f"{Path(urllib.parse.urlsplit(item['url']).path).name} "
            f"{kb(item.get('wire_bytes', 0))}"
            + ("" if item.get("encoding", "none") == "none" else f" {item['encoding']}")
            for item in assets
        )
        light = page["total_wire_bytes"] < TARGET_PAGE_KB * 1024
        lines.append(
            f"| {PAGE_LABELS[name]} | `{page['url']}` | {kb(html_part['wire_bytes'])} "
            f"({kb(html_part['decoded_bytes'])}) | {html_part['encoding']} "
            f"| {kb(asset_bytes)} ({files or 'none'}) | {kb(page['total_wire_bytes'])} "
            f"| {'yes' if light else '**no**'} |"
        )
    return "\n".join(lines)


def render_images(weight):
    images = weight["plant"].get("image_sizes", [])
    if not images:
        return "The plant page references no photos."
    lines = [
        f"| photo (480 px slot) | format | width × height | KB | under "
        f"{TARGET_IMAGE_KB} KB | srcset |",
        "|---|---|--:|--:|---|---|",
    ]
    for image in images:
        size = f"{image['width']} × {image['height']}" if image["width"] else "?"
        lines.append(
            f"| `{Path(urllib.parse.urlsplit(image['url']).path).name}` "
            f"| {image['format']} | {size} | {kb(image['body_bytes'])} "
            f"| {'yes' if image['body_bytes'] < TARGET_IMAGE_KB * 1024 else '**no**'} "
            f"| {', '.join(image['srcset']) or 'none'} |"
        )
    return "\n".join(lines)


def floor_rps(report):
    return {run["connections"]: run["rps"] for run in report["throughput"]["floor"]}


def render_throughput(report):
    floor = floor_rps(report)
    header = "| page |"
    rule = "|---|"
    for _threads, connections in CONCURRENCY:
        header += f" {connections} conn. req/s | p50 / p95 ms | % of floor |"
        rule += "--:|--:|--:|"
    lines = [header, rule]
    rows = [(PAGE_LABELS[name], report["throughput"].get(name)) for name in PAGE_ORDER]
    rows.insert(0, (PAGE_LABELS["floor"], report["throughput"]["floor"]))
    rows += [
        (f"{PAGE_LABELS[name]}, page cache off", report["throughput_uncached"][name])
        for name in PAGE_ORDER
        if report.get("throughput_uncached", {}).get(name)
    ]
    for label, runs in rows:
        if not runs:
            continue
        row = f"| {label} |"
        for run in runs:
            share = (
                f"{100 * run['rps'] / floor[run['connections']]:.0f} %"
                if floor.get(run["connections"])
                else "n/a"
            )
            errors = f" ({run['errors']} errors)" if run["errors"] else ""
            row += (
                f" {run['rps']:,.1f}{errors} | {run['p50_ms']:,.0f} / "
                f"{run['p95_ms']:,.0f} | {share} |"
            )
        lines.append(row)
    return "\n".join(lines)


def render_cost_table(report):
    costs = report.get("render_cost") or {}
    if not costs:
        return ""
    floor_ms = costs.get("floor", {}).get("ms")
    lines = [
        f"| page | SQL queries | ms (median of {RENDER_REPEATS}) | × floor |",
        "|---|--:|--:|--:|",
    ]
    for name in ("floor", *PAGE_ORDER):
        cost = costs.get(name)
        if cost:
            times = f"{cost['ms'] / floor_ms:.1f}" if floor_ms else "n/a"
            status = "" if cost["status"] == 200 else f" (HTTP {cost['status']})"
            lines.append(
                f"| {PAGE_LABELS[name]}{status} | {cost['queries']} "
                f"| {cost['ms']:,.1f} | {times} |"
            )
    return "\n".join(lines)


def at_connections(runs, connections=SIGNED_IN_CONNECTIONS):
    return next((run for run in runs or [] if run["connections"] == connections), None)


def signed_in_rows(report):
    """(label, run at 8 connections, queries, cold queries) of the floor and of
    each page signed in as a learner and as an anonymous page-cache miss."""
    rows = [
        (
            PAGE_LABELS["floor"],
            at_connections(report["throughput"]["floor"]),
            report.get("render_cost", {}).get("floor"),
        )
    ]
    for name in SIGNED_IN_PAGES:
        rows.append(
            (
                f"{PAGE_LABELS[name]}, signed-in learner",
                at_connections(report.get("throughput_signed_in", {}).get(name)),
                report.get("render_cost_signed_in", {}).get(name),
            )
        )
        rows.append(
            (
                f"{PAGE_LABELS[name]}, anonymous page-cache miss",
                at_connections(report.get("throughput_uncached", {}).get(name)),
                report.get("render_cost", {}).get(name),
            )
        )
    my_learning = report.get("render_cost_signed_in", {}).get("my learning")
    if my_learning:
        rows.append(("my learning, signed-in learner", None, my_learning))
    return rows


def render_signed_in(report):
    floor = at_connections(report["throughput"]["floor"])
    lines = [
        f"| page | {SIGNED_IN_CONNECTIONS} conn. req/s | p50 / p95 ms "
        "| % of floor | SQL queries (first render) |",
        "|---|--:|--:|--:|--:|",
    ]
    for label, run, cost in signed_in_rows(report):
        if run:
            share = f"{100 * run['rps'] / floor['rps']:.0f} %" if floor else "n/a"
            errors = f" ({run['errors']} errors)" if run["errors"] else ""
            speed = (
                f"{run['rps']:,.1f}{errors} | {run['p50_ms']:,.0f} / "
                f"{run['p95_ms']:,.0f} | {share}"
            )
        else:
            speed = "not run | | "
        queries = (
            f"{cost['queries']} ({cost.get('cold_queries', cost['queries'])})"
            if cost
            else "n/a"
        )
        lines.append(f"| {label} | {speed} | {queries} |")
    return "\n".join(lines)


def floor_shares(report, runs):
    floor = floor_rps(report)
    return [
        100 * run["rps"] / floor[run["connections"]]
        for run in runs or []
        if floor.get(run["connections"])
    ]


def render_mixed(mixed):
    stored = mixed.get("stored", {})
    reads = mixed["reads"]
    posts = mixed["contribution_post"]
    lines = [
        "| what | count | rate | p50 ms | p95 ms | errors |",
        "|---|--:|--:|--:|--:|--:|",
        f"| anonymous reads ({mixed['readers']} threads) | {reads['requests']:,} "
        f"| {reads['rps']:,.1f}/s | {reads['p50_ms']:,.0f} | {reads['p95_ms']:,.0f} "
        f"| {reads['errors']} |",
        *(
            f"| · {label} | {part['requests']:,} | "
            f"{part['requests'] / mixed['seconds']:,.1f}/s | {part['p50_ms']:,.0f} "
            f"| {part['p95_ms']:,.0f} | {part['errors']} |"
            for kind, label in READ_KINDS.items()
            if (part := mixed.get("reads_by_kind", {}).get(kind))
        ),
        f"| contributions posted ({mixed['chakramamas']} chakramamas) "
        f"| {posts['requests']:,} | one per {mixed['interval_s']:g} s "
        f"| {posts['p50_ms']:,.0f} | {posts['p95_ms']:,.0f} | {posts['errors']} |",
    ]
    summary = [
        f"{mixed['seconds']:.0f} s. Acknowledged contributions: "
        f"{stored.get('acknowledged', 0)}; stored exactly once with their photo: "
        f"{stored.get('stored_once', 0) - len(stored.get('photo_missing', []))}; "
        f"lost: {len(stored.get('lost', []))}; duplicated: "
        f"{len(stored.get('duplicated', []))}; photo missing: "
        f"{len(stored.get('photo_missing', []))}; not acknowledged but stored: "
        f"{stored.get('unacknowledged_stored', 0)}.",
        f"Errors (any status other than the expected one, or no response): "
        f"{mixed['error_count']}"
        + (
            " — "
            + ", ".join(f"{key} × {count}" for key, count in mixed["errors"].items())
            if mixed["errors"]
            else ""
        )
        + ".",
    ]
    cache = mixed.get("page_cache") or {}
    if cache.get("hit") or cache.get("miss"):
        summary.append(
            "Page and search reads served from the page cache "
            f"(`{PAGE_CACHE_HEADER}`): "
            f"{cache.get('hit', 0)} hits, {cache.get('miss', 0)} misses"
            + (f", {cache['none']} not cacheable" if cache.get("none") else "")
            + "."
        )
    return "\n".join(lines) + "\n\n" + "\n".join(summary)


def p50_p95(summary):
    return f"{summary['p50_ms']:,.0f} / {summary['p95_ms']:,.0f}"


def render_bursts(report):
    bursts = report["bursts"]
    hashers = report["hashers"]
    lines = [
        "| hasher | parameters | one check ms | learners | whole burst s "
        "| login POST p50 / p95 ms | learners' requests p50 / p95 ms "
        "| readers | other visitors' requests | their p50 / p95 ms | errors |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, burst in bursts.items():
        hasher = hashers[name]
        parameters = ", ".join(
            f"{key.replace('_', ' ')} {value}"
            for key, value in hasher["parameters"].items()
        )
        reads = burst.get("reads", {"requests": 0, "p50_ms": 0, "p95_ms": 0})
        learners = burst.get("learner_requests", burst["all"])
        first = HASHER_NAMES.get(name, name)
        if hasher["algorithm"] == report["meta"].get("production_hasher"):
            first += " (production)"
        lines.append(
            f"| {first} | {parameters} "
            f"| {hasher['verify_ms']:,.0f} | {burst['learners']} "
            f"| {burst['seconds']:,.1f} | {p50_p95(burst['login_post'])} "
            f"| {p50_p95(learners)} | {burst.get('readers', 0)} "
            f"| {reads['requests']:,} | {p50_p95(reads)} "
            f"| {burst['error_count']} |"
        )
    notes = []
    for name, burst in bursts.items():
        if burst["errors"]:
            notes.append(
                f"{HASHER_NAMES.get(name, name)} errors: "
                + ", ".join(f"{key} × {n}" for key, n in burst["errors"].items())
                + "."
            )
    rehashed = report["mixed"].get("stored", {}).get("rehashed", {})
    if any(rehashed.values()):
        notes.append(
            "Passwords re-hashed at login (the hasher was not first in "
            f"PASSWORD_HASHERS): {rehashed}."
        )
    return "\n".join(lines) + ("\n\n" + "\n".join(notes) if notes else "")


def render_burst_targets(report):
    lines = []
    for name, burst in report["bursts"].items():
        label = f"{burst['learners']} learners, {HASHER_NAMES.get(name, name)}"
        met = burst["seconds"] <= TARGET_BURST_S and burst["error_count"] == 0
        lines.append(
            f"- Class start ({label}) within {TARGET_BURST_S} s without errors: "
            f"{verdict(met)} ({burst['seconds']:.1f} s, "
            f"{burst['error_count']} errors)."
        )
        reads = burst.get("reads")
        if reads and reads["requests"]:
            lines.append(
                f"- Other visitors' p95 under {TARGET_READERS_P95_MS} ms while the "
                f"class signs in ({label}): "
                f"{verdict(reads['p95_ms'] < TARGET_READERS_P95_MS)} "
                f"({reads['p95_ms']:,.0f} ms over {reads['requests']:,} requests)."
            )
    return "\n".join(lines)


def render_targets(report):
    weight = report["weight"]
    lines = ["### Targets", ""]
    heavy = [
        f"{PAGE_LABELS[name]} {kb(weight[name]['total_wire_bytes'])} KB"
        for name in PAGE_ORDER
        if weight[name]["total_wire_bytes"] >= TARGET_PAGE_KB * 1024
    ]
    lines.append(
        f"- Each page under {TARGET_PAGE_KB} KB with its styles and scripts: "
        f"{verdict(not heavy)}" + (f" ({', '.join(heavy)})." if heavy else ".")
    )
    images = weight["plant"].get("image_sizes", [])
    big = [image for image in images if image["body_bytes"] >= TARGET_IMAGE_KB * 1024]
    formats = sorted({image["format"] for image in images})
    lines.append(
        f"- Plant photos under {TARGET_IMAGE_KB} KB at 480 px: "
        + (
            f"{verdict(not big)} ({len(images)} photos, {', '.join(formats)})."
            if images
            else "not measured (no photos on the page)."
        )
    )
    at = " / ".join(str(connections) for _t, connections in CONCURRENCY)
    for name in ("plant", "lesson"):
        variants = [("as served", report["throughput"].get(name))]
        if report.get("throughput_uncached", {}).get(name):
            variants.append(("page cache off", report["throughput_uncached"][name]))
        for variant, runs in variants:
            shares = floor_shares(report, runs)
            lines.append(
                f"- {PAGE_LABELS[name].capitalize()} page ({variant}) at "
                f"{TARGET_FLOOR_SHARE} % of the floor's requests per second or "
                f"more: {verdict(shares and min(shares) >= TARGET_FLOOR_SHARE)} ("
                + " / ".join(f"{share:.0f} %" for share in shares)
                + f" at {at} connections)."
            )
    floor = at_connections(report["throughput"]["floor"])
    for label, run, _cost in signed_in_rows(report)[1:]:
        if not run or not floor:
            continue
        share = 100 * run["rps"] / floor["rps"]
        lines.append(
            f"- {label.capitalize()} at {SIGNED_IN_TARGET} % of the floor's "
            f"requests per second or more at {SIGNED_IN_CONNECTIONS} connections: "
            f"{verdict(share >= SIGNED_IN_TARGET)} ({share:.0f} %)."
        )
    over = [
        label
        for label, _run, cost in signed_in_rows(report)[1:]
        if cost and cost["queries"] > TARGET_QUERIES
    ]
    lines.append(
        f"- At most {TARGET_QUERIES} SQL queries a page, signed in or a page-cache "
        f"miss: {verdict(not over)}" + (f" ({', '.join(over)})." if over else ".")
    )
    mixed = report["mixed"]
    stored = mixed.get("stored", {})
    intact = not (
        stored.get("lost") or stored.get("duplicated") or stored.get("photo_missing")
    )
    lines.append(
        "- Mixed load without errors and without losing a contribution: "
        f"{verdict(mixed['error_count'] == 0 and intact)} "
        f"({mixed['error_count']} errors, {len(stored.get('lost', []))} lost, "
        f"{len(stored.get('duplicated', []))} duplicated)."
    )
    lines.append(render_burst_targets(report))
    return "\n".join(lines)


def render_compression_note(report):
    weight = report["weight"]
    compressed = [
        name for name in PAGE_ORDER if weight[name]["html"]["encoding"] != "none"
    ]
    gzip_middleware = "django.middleware.gzip.GZipMiddleware" in report["meta"][
        "settings"
    ].get("middleware", [])
    if len(compressed) == len(PAGE_ORDER):
        return "Pages are sent compressed" + (
            " (GZipMiddleware)." if gzip_middleware else "."
        )
    estimates = ", ".join(
        f"{PAGE_LABELS[name]} {kb(weight[name]['html']['body_bytes'])} → "
        f"{kb(weight[name]['html']['gzip_estimate_bytes'])}"
        for name in PAGE_ORDER
        if name not in compressed
    )
    return (
        "**Pages are sent uncompressed** (no GZipMiddleware in MIDDLEWARE): "
        "only the static files are compressed, by WhiteNoise at collectstatic. "
        f"Compressed (gzip level 6) the HTML would be, in KB: {estimates}."
    )


def render_section(report):
    meta = report["meta"]
    info = meta["machine"]
    quick = (
        "\n**Quick run** (`--quick`): short runs for trying the script; do not "
        "compare these numbers.\n"
        if meta["quick"]
        else ""
    )
    lines = [
        SECTION_HEADING,
        "",
        f"Measured {meta['date']} on `{info['uname']}`, {info['cpu']}, "
        f"{info['nproc']} CPUs, {info['memory']} RAM.",
        "Versions: "
        + ", ".join(f"{key} {value}" for key, value in meta["versions"].items())
        + ".",
        f"Code: {meta['code']}.",
        f"Served by `gunicorn {meta['gunicorn']}` (portal and floor alike), "
        "production settings, SQLite in WAL mode, Whoosh index; memory of all "
        f"gunicorn processes after the throughput runs (PSS): floor "
        f"{meta['memory_mb']['floor']:,.0f} MB, portal "
        f"{meta['memory_mb']['portal']:,.0f} MB.",
        quick,
        "```sh",
        meta["command"],
        "```",
        "",
        f"The whole run took {meta['elapsed_s'] / 60:.1f} minutes.",
        "",
        "### Page weight (first visit, `Accept-Encoding: gzip`)",
        "",
        render_weight(report["weight"]),
        "",
        render_compression_note(report),
        "",
        render_images(report["weight"]),
        "",
        f"### Throughput ({meta['duration_s']:g} s per run, anonymous, `wrk`)",
        "",
        render_throughput(report),
        "",
        "Render cost of one anonymous request, in-process (Django's test client, "
        "no gunicorn, one at a time), page cache off:",
        "",
        render_cost_table(report),
        "",
        "### Signed in, and page-cache misses, beside the floor",
        "",
        f"A learner of the class signed in (her session cookie sent by `wrk`), "
        f"and anonymous requests to the server with the page cache off, at "
        f"{SIGNED_IN_CONNECTIONS} connections; SQL queries of one request "
        "in-process once the parts shared by everyone who may see them were "
        "built, and in brackets of the first request, which builds them:",
        "",
        render_signed_in(report),
        "",
        "### Mixed load: readers and contributions",
        "",
        render_mixed(report["mixed"]),
        "",
        render_burst_part(report),
        "",
        render_targets(report),
        "",
        "### What this measures",
        "",
        "A throwaway portal in a temporary directory, built by the `manage.py` "
        "commands of `make setup` with production settings (`load_content` reads a "
        f"copy of `content/` in which `{PHOTO_PLANT}` has "
        f"{meta['counts']['plant_photos']} real photos, 600 px JPEGs from "
        f"Wagtail's test files; {meta['counts']['pages']} live pages). See "
        "`bench/README.md`.",
        "",
        "- *Page weight*: bytes on the wire (headers and body as sent, with "
        "`Accept-Encoding: gzip`) of the page and of every stylesheet, script and "
        "font it loads (stylesheet imports and font URLs followed), as on a first "
        "visit with an empty cache; images are counted apart. The photos are the "
        "files the plant page's `<img>` elements load for a 480 px slot (the `480w` "
        "candidate of `srcset`, else `src`).",
        "- *Throughput*: `wrk` with 1 thread and 1 connection, then 2 threads with "
        "8 and 32 connections, after a warm-up, sending `Accept-Encoding: gzip`; "
        "req/s is completed requests over the run, p50 / p95 from wrk's latency "
        "histogram. wrk sends no cookies, so the pages come from the page cache "
        "once stored; the *page cache off* rows are a second server with "
        "`PAGE_CACHE_SECONDS=0`: what a cache miss costs (after every change, and "
        "for everyone signed in). The *floor* is `bench/floor/`: one bare Wagtail "
        "page (title and a paragraph, no middleware, no context processors), "
        "SQLite, served by the same gunicorn command: the least any Wagtail page "
        "costs on this machine. `% of floor` compares requests per second at the "
        "same concurrency.",
        "- *Mixed load*: reader threads fetch random public pages in es, qu and "
        "jiv, searches and the plant photos, without pause, while chakramamas "
        "signed in through the login form alternately send a new plant and a "
        "knowledge note through the real forms (CSRF token, one JPEG photo, "
        "consent) at a steady overall rate, none more than "
        f"{MAX_CONTRIBUTIONS_EACH} in the run (under the hourly limit per person "
        "of `core/ratelimits.py`). An error is a response with another "
        "status than the page's (200; 302 after a form) or no response. Afterwards "
        "the database must hold every acknowledged contribution (the form "
        "redirected to *My contributions*) exactly once, with its photo file.",
        BURST_DESCRIPTION,
        "",
    ]
    return "\n".join(lines)


BURST_HEADING = "### Class-start burst"
BURST_DESCRIPTION = (
    "- *Class-start burst*: the learners of one class (each with her own "
    "password hash made by the hasher) start at the same instant: login form, "
    "POST with the CSRF token, the welcome redirect, then *My learning*, "
    "which must list all their assignments. At the same instant anonymous "
    "readers (as in the mixed load: public pages in es, qu and jiv and "
    "searches) start fetching without pause, until the last learner is done: "
    "*other visitors* are their requests. *Whole burst* runs from the start "
    "to the last learner's list; *one check* is one password check in a "
    "single process, nothing else running in it (median of 3). Each hasher "
    "has a server of its own on which `bench/pages_settings.py` puts it first "
    "in `PASSWORD_HASHERS` (otherwise Django re-hashes at login); the run "
    "checks that no password was re-hashed. Every cache is emptied before "
    "each burst, so that one burst's rate-limit counts do not weigh on the "
    "next. A server process checks `PASSWORD_CHECKS_AT_ONCE` passwords at "
    "once (`core/auth_backends.py`); more sign-ins wait their turn."
)


def render_burst_part(report):
    """The "### Class-start burst" part of the section, on its own for
    ``--only burst``."""
    meta = report["meta"]
    lines = [BURST_HEADING, ""]
    if report.get("only"):
        info = meta["machine"]
        lines += [
            f"Measured {meta['date']} on `{info['uname']}`, {info['cpu']}, "
            f"{info['nproc']} CPUs, served by `gunicorn {meta['gunicorn']}`, "
            f"by `{meta['command']}` (the bursts alone)."
            + (
                " **Quick run**: do not compare these numbers." if meta["quick"] else ""
            ),
            "",
        ]
    lines += [render_bursts(report), ""]
    if report.get("only"):
        lines += [render_burst_targets(report), "", BURST_DESCRIPTION]
    return "\n".join(lines)


def write_burst_part(report):
    """Replace only the burst part of the "## Pages" section."""
    doc = benchdoc.DOC_FILE
    lines = doc.read_text(encoding="utf-8").splitlines() if doc.exists() else []
    try:
        section = lines.index(SECTION_HEADING)
        start = lines.index(BURST_HEADING, section)
    except ValueError:
        raise SystemExit(
            f"{doc.name} has no {BURST_HEADING!r} under {SECTION_HEADING!r}: "
            "run the whole benchmark once."
        ) from None
    end = next(
        (
            number
            for number in range(start + 1, len(lines))
            if lines[number].startswith(("### ", "## ", "# "))
        ),
        len(lines),
    )
    part = render_burst_part(report).splitlines()
    doc.write_text("\n".join([*lines[:start], *part, "", *lines[end:]]) + "\n")


def print_report(report):
    print(render_weight(report["weight"]))
    print()
    print(render_compression_note(report))
    print()
    print(render_images(report["weight"]))
    print()
    print(render_throughput(report))
    print()
    print(render_cost_table(report))
    print()
    print(render_signed_in(report))
    print()
    print(render_mixed(report["mixed"]))
    print()
    print(render_bursts(report))
    print()
    print(render_targets(report))
    print(f"\nTotal run time: {report['meta']['elapsed_s'] / 60:.1f} min")


def emit(report, args):
    if report.get("only") == "burst":
        print(render_bursts(report))
        print()
        print(render_burst_targets(report))
        if not args.no_doc:
            write_burst_part(report)
            print(f"Wrote {benchdoc.DOC_FILE.relative_to(BASE_DIR)} ({BURST_HEADING})")
        return
    print_report(report)
    if not args.no_doc:
        benchdoc.write_section(SECTION_HEADING, render_section(report))
        print(f"Wrote {benchdoc.DOC_FILE.relative_to(BASE_DIR)} ({SECTION_HEADING})")


def versions():
    import sqlite3
    from importlib import metadata

    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    wrk = subprocess.run(
        [wrk_binary(), "--version"], capture_output=True, text=True, check=False
    )
    wrk_version = (wrk.stdout or wrk.stderr).split()[1:2] or ["?"]
    return {
        "Python": platform.python_version(),
        "Django": version("Django"),
        "Wagtail": version("wagtail"),
        "gunicorn": version("gunicorn"),
        "WhiteNoise": version("whitenoise"),
        "argon2-cffi": version("argon2-cffi"),
        "SQLite": sqlite3.sqlite_version,
        "wrk": wrk_version[0],
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"short runs for development: {QUICK_DURATION:g} s per wrk run, "
        f"{QUICK_MIXED_SECONDS:g} s of mixed load, {QUICK_LEARNERS} learners",
    )
    parser.add_argument(
        "--duration",
        type=float,
        help=f"seconds per wrk run (default {DEFAULT_DURATION:g})",
    )
    parser.add_argument(
        "--mixed-seconds",
        type=float,
        help=f"seconds of mixed load (default {DEFAULT_MIXED_SECONDS:g})",
    )
    parser.add_argument(
        "--learners",
        type=int,
        help=f"learners in the class-start burst (default {DEFAULT_LEARNERS})",
    )
    parser.add_argument(
        "--readers",
        type=int,
        default=DEFAULT_READERS,
        help="reader threads in the mixed load and the class-start burst "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--only",
        choices=PARTS,
        help="build the site and run only this part: `burst` runs the "
        "class-start bursts alone and rewrites only their part of the doc",
    )
    parser.add_argument(
        "--chakramamas",
        type=int,
        help="contributors in the mixed load (default: enough that none sends "
        f"more than {MAX_CONTRIBUTIONS_EACH}, at least 2)",
    )
    parser.add_argument(
        "--contribution-interval",
        type=float,
        default=DEFAULT_CONTRIBUTION_INTERVAL,
        help="seconds between two contributions, all contributors together "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help="gunicorn worker processes (default: %(default)s)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=DEFAULT_THREADS,
        help="threads per worker; 1 means gunicorn's sync worker "
        "(default: %(default)s, gthread)",
    )
    parser.add_argument(
        "--no-doc", action="store_true", help="do not write docs/benchmarks.md"
    )
    parser.add_argument("--json", help="also write the raw results to this file")
    parser.add_argument(
        "--report",
        metavar="JSON",
        help="only print (and write to the doc) the results saved by --json",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary site and its logs"
    )
    # Internal: the parent runs this script again inside Django.
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--username", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    quick = args.quick
    args.duration = args.duration or (QUICK_DURATION if quick else DEFAULT_DURATION)
    if args.mixed_seconds is None:
        args.mixed_seconds = QUICK_MIXED_SECONDS if quick else DEFAULT_MIXED_SECONDS
    args.learners = args.learners or (QUICK_LEARNERS if quick else DEFAULT_LEARNERS)
    args.warmup = min(2.0, args.duration)
    if args.chakramamas is None:
        total = args.mixed_seconds / args.contribution_interval
        args.chakramamas = max(2, math.ceil(total / MAX_CONTRIBUTIONS_EACH))
    if args.chakramamas < 1 or args.readers < 1 or args.learners < 1:
        parser.error("--chakramamas, --readers and --learners must be at least 1")
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
