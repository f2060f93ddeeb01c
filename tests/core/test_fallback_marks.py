"""Spanish interface text on a Kichwa or Shuar page is marked lang="es"."""

from html.parser import HTMLParser

import pytest
from django.template import engines
from django.utils import translation

from knowledge_portal.core.fallback_marks import CLOSE, OPEN, mark_fallbacks

PROBE = (
    "{% load i18n %}<header>{% translate 'Sign out' %}</header>"
    "<p>{% translate 'Cancel' %}</p>"
    "<input placeholder=\"{% translate 'Search' %}\">"
    "<nav aria-label=\"{% translate 'Filter' %}\"></nav>"
)


def render_probe():
    return engines["django"].from_string(PROBE).render({})


def es(text):
    return f"{OPEN}{text}{CLOSE}"


class LangOf(HTMLParser):
    """The language in force for each text and attribute value."""

    VOID = {"input", "img", "meta", "link", "br", "hr", "source"}

    def __init__(self, page_language):
        super().__init__()
        self.stack = [page_language]
        self.texts = []
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = attrs.get("lang", self.stack[-1])
        for name, value in attrs.items():
            if name != "lang" and value:
                self.attributes.append((value, language))
        if tag not in self.VOID:
            self.stack.append(language)

    def handle_endtag(self, tag):
        if len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip():
            self.texts.append((data.strip(), self.stack[-1]))


def languages(html, page_language="qu"):
    parser = LangOf(page_language)
    parser.feed(html)
    return parser


def test_text_gets_a_span():
    html = mark_fallbacks(f"<p>{es('Buscar')} yura</p>", "qu")
    assert html == '<p><span lang="es">Buscar</span> yura</p>'


def test_an_attribute_marks_its_element_and_its_content_stays_in_the_page_language():
    html = mark_fallbacks(
        f'<nav aria-label="{es("Secciones")}"><a href="/qu/">Yurakuna</a> x</nav>'
        f'<input placeholder="{es("Buscar")}">',
        "qu",
    )
    parsed = languages(html)
    assert ("Secciones", "es") in parsed.attributes
    assert ("Buscar", "es") in parsed.attributes
    assert ("Yurakuna", "qu") in parsed.texts
    assert ("x", "qu") in parsed.texts


def test_text_only_elements_take_the_language_themselves():
    html = mark_fallbacks(
        f"<title>{es('Buscar')}</title><select><option>{es('Todas')}</option>"
        f"<option>muyu</option></select><textarea>{es('Nota')}</textarea>",
        "qu",
    )
    assert '<title lang="es">Buscar</title>' in html
    assert '<option lang="es">Todas</option><option>muyu</option>' in html
    assert '<textarea lang="es">Nota</textarea>' in html


def test_scripts_and_comments_lose_the_marks_only():
    html = mark_fallbacks(
        f'<script>var a = "{es("x")}";</script><!-- {es("y")} --><p>z</p>', "qu"
    )
    assert html == '<script>var a = "x";</script><!-- y --><p>z</p>'


def test_nested_marks_and_marks_around_markup_make_one_span():
    html = mark_fallbacks(
        es(f"Añadir a “{es('Plantas')}”") + " " + es('Lea <a href="/g/">la guía</a>'),
        "qu",
    )
    assert html == (
        '<span lang="es">Añadir a “Plantas”</span> '
        '<span lang="es">Lea <a href="/g/">la guía</a></span>'
    )


def test_unbalanced_marks_never_leave_markup_open_or_marks_behind():
    html = mark_fallbacks(f"<p>{OPEN}abierto</p>{CLOSE}{CLOSE}", "qu")
    assert OPEN not in html and CLOSE not in html
    assert html.count("<span") == html.count("</span>")


@pytest.mark.parametrize("language", ["qu", "jiv"])
def test_a_template_marks_the_spanish_it_falls_back_to(language):
    with translation.override(language):
        html = render_probe()
    parsed = languages(html, language)
    # "Sign out" has no Shuar word in the glossary; in Kichwa it has one.
    expected = "es" if language == "jiv" else language
    shown = [lang for text, lang in parsed.texts if text in ("Salir", "Llukshina")]
    assert shown == [expected]
    # "Cancel" has a Spanish word only: Spanish, and marked so.
    assert ("Cancelar", "es") in parsed.texts
    search = "Eák" if language == "jiv" else "Maskana"
    assert (search, language) in parsed.attributes
    assert ("Filtrar", "es") in parsed.attributes
    assert OPEN not in html and CLOSE not in html


def test_spanish_pages_are_not_touched():
    with translation.override("es"):
        html = render_probe()
    assert "Cancelar" in html and 'lang="es"' not in html


def test_strings_made_outside_templates_are_never_marked():
    with translation.override("qu"):
        assert translation.gettext("Cancel") == "Cancelar"


def render_messages(*texts):
    return (
        engines["django"]
        .get_template("core/includes/messages.html")
        .render({"messages": list(texts)})
    )


@pytest.mark.parametrize("language", ["qu", "jiv"])
def test_a_message_a_view_made_in_spanish_is_marked(language):
    # Messages are translated by the view, before any template renders.
    with translation.override(language):
        made = [
            translation.gettext("Cancel"),
            translation.ngettext("%(minutes)s minute", "%(minutes)s minutes", 7)
            % {"minutes": 7},
            translation.gettext("Search"),
            "Rosa",
        ]
        html = render_messages(*made)
    parsed = languages(html, language)
    assert ("Cancelar", "es") in parsed.texts
    assert ("7 minutos", "es") in parsed.texts
    # Its own word and a name are left in the page's language.
    search = "Eák" if language == "jiv" else "Maskana"
    assert (search, language) in parsed.texts
    assert ("Rosa", language) in parsed.texts
    assert OPEN not in html and CLOSE not in html


def test_a_message_on_a_spanish_page_is_left_alone():
    with translation.override("es"):
        html = render_messages(translation.gettext("Cancel"))
    assert "Cancelar" in html and 'lang="es"' not in html
