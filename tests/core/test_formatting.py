"""Babel is reached through one module, with an explicit fallback chain."""

import datetime

import pytest
from django.utils import translation

from knowledge_portal.core import formatting


@pytest.mark.parametrize(
    ("language", "expected"), [("es", "es_EC"), ("qu", "qu_EC"), ("jiv", "es_EC")]
)
def test_each_language_maps_to_a_babel_locale(language, expected):
    assert str(formatting.babel_locale(language)) == expected


def test_unknown_links_of_the_chain_are_skipped(monkeypatch):
    monkeypatch.setitem(
        formatting.BABEL_LOCALE_CHAINS, "xx", ("zz_ZZ", "xx_YY", "qu_EC")
    )
    formatting.babel_locale.cache_clear()
    try:
        assert str(formatting.babel_locale("xx")) == "qu_EC"
    finally:
        formatting.babel_locale.cache_clear()


def test_active_language_is_the_default():
    with translation.override("jiv"):
        assert str(formatting.babel_locale()) == "es_EC"


def test_month_names_come_from_babel_in_the_page_language():
    assert formatting.month_names("es")[0] == "enero"
    assert formatting.month_names("es")[8] == "septiembre"
    # CLDR's Quechua (qu_EC) capitalises its month names.
    assert formatting.month_names("qu")[0] == "Enero"
    assert len(formatting.month_names("jiv")) == 12
    with translation.override("es"):
        assert formatting.month_name(3) == "marzo"
    with translation.override("qu"):
        assert formatting.month_name(3) == "Marzo"


def test_numbers_follow_each_locale():
    # CLDR qu_EC writes a decimal point, es_EC a decimal comma.
    assert formatting.format_number(1234.5, "qu") == "1,234.5"
    assert formatting.format_number(1234.5, "es") == "1.234,5"
    assert formatting.format_number(1234.5, "jiv") == "1.234,5"


def test_dates_are_formatted_in_the_locale():
    day = datetime.date(2026, 3, 7)
    assert "marzo" in formatting.format_date(day, language="es")


def test_month_names_do_not_depend_on_which_locale_loaded_first():
    formatting.babel_locale.cache_clear()
    try:
        kichwa_first = (formatting.month_names("qu"), formatting.month_names("es"))
    finally:
        formatting.babel_locale.cache_clear()
    assert kichwa_first[1][0] == "enero"
    assert kichwa_first[0][0] == "Enero"
