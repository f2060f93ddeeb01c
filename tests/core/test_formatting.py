"""Babel is reached through one module, with an explicit fallback chain."""

import datetime

import pytest
from django.utils import translation

from knowledge_portal.core import formatting
from knowledge_portal.core.fallback_marks import mark_fallbacks, marking_fallbacks


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


def test_spanish_month_names_are_plain_on_spanish_pages():
    names = formatting.month_names("es")
    assert names[0] == "enero" and names[8] == "septiembre"
    assert names[0].__html__() == "enero"
    with translation.override("es"):
        assert formatting.month_name(3) == "marzo"
        assert formatting.month_name(9, width="abbreviated") == "sept"


def test_kichwa_months_are_proposals_with_the_spanish_beside_them():
    names = formatting.month_names("qu")
    # Not CLDR's qu_EC, whose month names are Peruvian Spanish ("Setiembre").
    assert "Setiembre" not in names[8]
    assert [name.text for name in names] == [
        *("Kamay", "Panchiy", "Pawkar", "Ayriwa", "Aymuray", "Inti"),
        *("Purun", "Chakmay", "Kuya", "Yaku", "Ayar", "Kapak"),
    ]
    assert names[8] == "Kuya (septiembre)"
    assert names[0].__html__() == (
        '<span lang="qu">Kamay</span> (<span lang="es">enero</span>)'
    )
    short = formatting.month_name(9, "qu", width="abbreviated")
    assert (
        short.__html__() == '<span lang="qu">Kuya</span> (<span lang="es">sept</span>)'
    )


def test_shuar_months_come_only_from_the_dictionary():
    names = formatting.month_names("jiv")
    assert names[0].__html__() == (
        '<span lang="jiv">etsánantu</span> (<span lang="es">enero</span>)'
    )
    assert names[7].text == "ayumpum nantu"


def test_a_month_a_language_has_no_name_for_shows_in_spanish(monkeypatch):
    from django.utils.translation import trans_real

    shuar = trans_real.translation("jiv")
    catalog = dict(shuar._catalog.items())
    del catalog["month name\x04July"]
    monkeypatch.setattr(shuar, "_catalog", catalog)
    july = formatting.month_name(7, "jiv")
    assert july == "julio"
    assert july.__html__() == '<span lang="es">julio</span>'
    assert formatting.month_name(6, "jiv").text == "tsunkinantu"
    # While a template renders, gettext marks the Spanish it falls back to.
    with marking_fallbacks("jiv"), translation.override("jiv"):
        july = formatting.month_name(7)
        assert july.__html__() == '<span lang="es">julio</span>'
        assert mark_fallbacks(f'<abbr title="{july.plain}">', "jiv") == (
            '<abbr lang="es" title="julio">'
        )


def test_a_confirmed_month_name_stands_alone(monkeypatch):
    from knowledge_portal.core import interface_review

    pending = interface_review._awaiting_review() - {("qu", "January")}
    monkeypatch.setattr(interface_review, "_awaiting_review", lambda: pending)
    january = formatting.month_name(1, "qu")
    assert january == "Kamay"
    assert january.__html__() == "Kamay"
    assert formatting.month_name(2, "qu") == "Panchiy (febrero)"


def test_month_names_are_escaped_in_markup():
    name = formatting.MonthName("<b>x</b>", "qu", "qu", spanish="<i>")
    assert "<b>" not in name.__html__() and "&lt;i&gt;" in name.__html__()


def test_numbers_follow_each_locale():
    # CLDR qu_EC writes a decimal point, es_EC a decimal comma.
    assert formatting.format_number(1234.5, "qu") == "1,234.5"
    assert formatting.format_number(1234.5, "es") == "1.234,5"
    assert formatting.format_number(1234.5, "jiv") == "1.234,5"


def test_dates_are_formatted_in_the_locale():
    day = datetime.date(2026, 3, 7)
    assert "marzo" in formatting.format_date(day, language="es")
    assert formatting.format_date(day, "medium", language="es") == "7 mar 2026"


def test_kichwa_and_shuar_dates_keep_their_numbers_and_name_the_month():
    day = datetime.date(2026, 9, 7)
    assert formatting.format_date(day, "medium", language="qu") == (
        '7 <span lang="qu">Kuya</span> (<span lang="es">sept</span>) 2026'
    )
    # es_EC's pattern, without its Spanish "de".
    assert formatting.format_date(day, "long", language="jiv") == (
        '7 <span lang="jiv">namurnantu</span> (<span lang="es">septiembre</span>) 2026'
    )
    assert formatting.format_date(day, "short", language="qu") == "7/9/26"
    full = formatting.format_date(day, "full", language="qu")
    assert full.startswith('<span lang="es">lunes</span>, 7 ')


def test_month_names_do_not_depend_on_which_locale_loaded_first():
    formatting.babel_locale.cache_clear()
    try:
        kichwa_first = (
            formatting.month_names("qu", width="abbreviated"),
            formatting.month_names("es", width="abbreviated"),
        )
    finally:
        formatting.babel_locale.cache_clear()
    assert kichwa_first[1][0] == "ene"
    assert kichwa_first[0][0] == "Kamay (ene)"
