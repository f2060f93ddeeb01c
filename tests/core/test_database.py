"""The database as configured, on SQLite and on PostgreSQL.

SQLite ignores a CharField's max_length and returns unordered rows in the
order they were inserted; PostgreSQL rejects over-long values and returns
rows in any order. The first checks catch both on either database.
"""

import threading
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, connections, models
from django.db.models.functions import Length
from wagtail.models import Orderable

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's own settings (WAL, busy timeout)"
)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own settings"
)


def test_every_inline_row_of_the_seed_content_has_its_position(seeded):
    orderable = [
        model
        for model in apps.get_models()
        if issubclass(model, Orderable) and model._meta.app_label != "wagtailcore"
    ]
    assert orderable, "no Orderable models found"
    counted = 0
    for model in orderable:
        counted += model.objects.count()
        unnumbered = model.objects.filter(sort_order__isnull=True)
        assert not unnumbered.exists(), f"{model.__name__} rows without sort_order"
    assert counted > 100


def test_every_text_of_the_seed_content_fits_its_column(seeded):
    too_long = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and field.max_length:
                rows = model.objects.annotate(length=Length(field.attname)).filter(
                    length__gt=field.max_length
                )
                too_long += [f"{model.__name__}.{field.name}"] * rows.count()
    assert too_long == []


def pragma(name, using=connection):
    with using.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


@sqlite_only
def test_sqlite_file_runs_in_wal_mode_with_a_busy_timeout():
    assert Path(connection.settings_dict["NAME"]).is_file()
    assert pragma("journal_mode") == "wal"
    assert pragma("busy_timeout") == 20_000
    assert pragma("synchronous") == 1  # NORMAL: safe with WAL, fewer fsyncs
    assert connection.transaction_mode == "IMMEDIATE"


def begin(wrapper):
    """Open a transaction the way ``atomic()`` does (BEGIN IMMEDIATE)."""
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def fetch(wrapper, sql):
    cursor = wrapper.cursor()
    cursor.execute(sql)
    return cursor.fetchall()


@sqlite_only
def test_sqlite_second_writer_waits_instead_of_failing(tmp_path):
    """Connections configured like the site's, on a file of their own."""
    settings = {**connection.settings_dict, "NAME": str(tmp_path / "probe.sqlite3")}
    wrapper = type(connections["default"])
    first = wrapper(settings, alias="first")
    fetch(first, "CREATE TABLE visit (who text)")
    second_done = threading.Event()
    errors = []

    def second_writer():
        second = wrapper(settings, alias="second")
        try:
            begin(second)
            fetch(second, "INSERT INTO visit VALUES ('second')")
            second.commit()
        except Exception as error:
            errors.append(error)
        finally:
            second.close()
            second_done.set()

    begin(first)
    fetch(first, "INSERT INTO visit VALUES ('first')")
    thread = threading.Thread(target=second_writer)
    thread.start()
    # While the first holds the write lock, a reader still reads (WAL) and
    # the second writer waits for the lock instead of failing.
    reader = wrapper(settings, alias="reader")
    assert fetch(reader, "SELECT count(*) FROM visit") == [(0,)]
    reader.close()
    assert not second_done.wait(timeout=0.5)
    first.commit()
    thread.join(timeout=30)
    assert second_done.is_set()
    assert errors == []
    assert fetch(first, "SELECT who FROM visit ORDER BY who") == [
        ("first",),
        ("second",),
    ]
    first.close()


@postgresql_only
def test_postgresql_database_keeps_kichwa_and_shuar_text_intact():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone()[0] == "UTF8"
        text = "Wiñak · ñukanchik kawsay · Shuar chicham · Ücha’ · 🌱"
        cursor.execute("SELECT %s::text, length(%s::text)", [text, text])
        assert cursor.fetchone() == (text, len(text))
