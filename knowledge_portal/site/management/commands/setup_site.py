import io
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from knowledge_portal.site.content.loader import load_content
from knowledge_portal.site.page_cache import clear_page_cache
from knowledge_portal.site.setup import (
    mark_search_index_current,
    point_site_at,
    search_index_is_current,
)

from .load_content import write_load_report


class Command(BaseCommand):
    help = (
        "What `make setup` does, one step after another with what each does: "
        "migrate, load content/ (keeping entries edited on the site), point the "
        "site at WAGTAILADMIN_BASE_URL, collect static files, rebuild the search "
        "index when it is not current, clear the page cache."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        self.migrate()
        self.load()
        self.step("Site address", lambda: self.address())
        self.step(
            "Static files",
            lambda: call_command("collectstatic", interactive=False, verbosity=0),
        )
        self.index()
        self.step("Page cache: clearing pages stored for visitors", clear_page_cache)
        self.stdout.write(
            self.style.SUCCESS(f"Set up in {time.monotonic() - started:.0f} s.")
        )

    def step(self, what, action):
        self.stdout.write(f"{what}...")
        started = time.monotonic()
        action()
        self.stdout.write(f"  done in {time.monotonic() - started:.0f} s")

    def migrate(self):
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if not plan:
            self.stdout.write("Database: up to date.")
            return
        note = (
            " (a new database: about a minute)"
            if not executor.loader.applied_migrations
            else ""
        )
        self.step(
            f"Database: applying {len(plan)} migrations{note}",
            lambda: call_command("migrate", interactive=False, verbosity=0),
        )

    def load(self):
        from knowledge_portal.site.models import HomePage

        note = "" if HomePage.objects.exists() else " (the first time: 1 to 3 minutes)"
        directory = settings.CONTENT_DIR
        report = None

        def load():
            nonlocal report
            report = load_content(directory)

        self.step(f"Content: loading {directory}{note}", load)
        write_load_report(self, report)
        if report.errors:
            raise CommandError(f"{len(report.errors)} content file(s) not imported")

    def address(self):
        site = point_site_at(settings.WAGTAILADMIN_BASE_URL)
        if site is not None:
            self.stdout.write(f"  the site is {site.root_url}")

    def index(self):
        if search_index_is_current():
            self.stdout.write("Search index: current, not rebuilt.")
            return

        def rebuild():
            call_command("update_index", verbosity=0, stdout=io.StringIO())
            mark_search_index_current()

        self.step("Search index: rebuilding (about a minute)", rebuild)
