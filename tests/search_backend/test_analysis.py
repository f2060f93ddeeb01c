"""Rule-by-rule tests of knowledge_portal.search.analysis (no database)."""

import pytest

from knowledge_portal.search import analysis as a


def terms(text, language):
    analyzer = a.MultilingualAnalyzer(language)
    return [token.text for token in analyzer(text, positions=True)]


# Normalisation (all languages)


def test_nfc_and_lowercase():
    decomposed = "Ñuka"  # N + combining tilde
    assert a.fold(decomposed) == a.fold("ÑUKA") == "nuka"


@pytest.mark.parametrize(
    ("word", "folded"),
    [("Árbol", "arbol"), ("canción", "cancion"), ("pingüino", "pinguino")],
)
def test_accent_folding(word, folded):
    assert a.fold(word) == folded


def test_language_codes():
    assert a.canonical_language("es-EC") == a.SPANISH
    assert a.canonical_language("qug") == a.KICHWA
    assert a.canonical_language("Kichwa") == a.KICHWA
    assert a.canonical_language("jiv") == a.SHUAR
    assert a.canonical_language("en") == a.UNKNOWN
    assert a.canonical_language(None) == a.UNKNOWN


# Spanish


def test_spanish_stemming_with_accents():
    assert a.spanish_stem("canciones") == a.spanish_stem("canción") == "cancion"
    assert a.spanish_stem("plantas") == a.spanish_stem("planta") == "plant"


def test_spanish_text_gets_folded_and_stem_but_no_variant_keys():
    assert terms("Plantas", "es") == ["plantas", "^plant"]


def test_unknown_language_query_never_stemmed():
    forms = a.analyse_query("plantas", None)[0]
    assert not any(term.startswith(a.STEM_PREFIX) for term, _ in forms.terms())


def test_spanish_query_is_stemmed():
    forms = a.analyse_query("plantas", "es")[0]
    assert ("^plant", a.STEM_WEIGHT) in forms.terms()


def test_a_query_read_in_several_languages_has_the_forms_of_each():
    forms = a.analyse_query("huasis", ("es", "qu", "jiv"))[0]
    assert forms.terms() == [
        ("huasis", 1.0),
        ("^huasis", a.STEM_WEIGHT),
        ("~wasis", a.KEY_WEIGHT),
        ("%wasis", a.KEY_WEIGHT),
    ]
    assert (
        a.analyse_query("wayusa", ["qu", "es"])[0]
        .terms()
        .count(("=wayusa", a.EQUIVALENCE_WEIGHT))
        == 1
    )
    assert a.canonical_languages(["es", "spa"]) == a.SPANISH


def test_several_languages_drop_stopwords_when_one_is_spanish():
    words = a.analyse_query("semillas de wasi", ("qu", "es"), True)
    assert [forms.folded for forms in words] == ["semillas", "wasi"]
    kichwa_or_shuar = a.analyse_query("de wasi", ("qu", "jiv"), True)
    assert [forms.folded for forms in kichwa_or_shuar] == ["de", "wasi"]


def test_autocomplete_query_read_in_several_languages():
    terms = a.autocomplete_query_terms("huas", ("es", "qu"))
    assert terms == [("huas", 1.0), ("~was", a.KEY_WEIGHT)]


# Kichwa: one test per rule


@pytest.mark.parametrize(
    ("variant", "key", "rule"),
    [
        ("quilla", "killa", "qui -> ki"),
        ("quepi", "kipi", "que -> ke (-> ki by e -> i)"),
        ("cara", "kara", "c before a -> k"),
        ("coca", "kuka", "c before o/a -> k"),
        ("cuy", "kuy", "c before u -> k"),
        ("chacra", "chakra", "c before a consonant -> k, ch kept"),
        ("huasi", "wasi", "hua -> wa"),
        ("huerta", "wirta", "hue -> we (-> wi)"),
        ("guayusa", "wayusa", "gua -> wa"),
        ("guerra", "wirra", "gue -> we (-> wi)"),
        ("quichua", "kichwa", "chua -> chwa (u between consonant and vowel)"),
        ("chonta", "chunta", "o -> u"),
        ("yaco", "yaku", "o -> u"),
        ("pele", "pili", "e -> i"),
        ("bola", "pula", "b -> p"),
        ("fruta", "pruta", "f -> p"),
        ("vaca", "paka", "v -> p"),
        ("dedo", "titu", "d -> t"),
        ("tzantza", "tsantsa", "tz -> ts"),
        ("shuar", "shuar", "sh is one letter: no hua -> wa inside it"),
        ("cuatro", "kwatru", "cua -> kwa"),
    ],
)
def test_kichwa_rule(variant, key, rule):
    assert a.kichwa_key(variant) == key, rule


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("guayusa", "wayusa"),
        ("chacra", "chakra"),
        ("huasi", "wasi"),
        ("quichua", "kichwa"),
        ("chonta", "chunta"),
    ],
)
def test_kichwa_spelling_variants_meet(query, document):
    assert a.kichwa_key(query) == a.kichwa_key(document)


def test_kichwa_text_gets_variant_key():
    assert terms("Huasi", "qu") == ["huasi", "~wasi"]


# Shuar


def test_shuar_keeps_e_as_a_vowel():
    assert a.shuar_key("nuwe") == "nuwe"
    assert a.kichwa_key("nuwe") == "nuwi"


def test_shuar_does_not_fold_o():
    assert a.shuar_key("chonta") == "chonta"


@pytest.mark.parametrize(
    ("variant", "key"), [("nuwee", "nuwe"), ("shuaar", "shuar"), ("iinia", "inia")]
)
def test_shuar_long_vowels(variant, key):
    assert a.shuar_key(variant) == key


@pytest.mark.parametrize(
    ("variant", "key"),
    [("tzantza", "tsantsa"), ("Tsáwant", "tsawant"), ("bakat", "pakat")],
)
def test_shuar_consonants_and_accents(variant, key):
    assert a.shuar_key(variant) == key


def test_shuar_text_gets_shuar_key_only():
    assert terms("Nuwee", "jiv") == ["nuwee", "%nuwe"]


def test_unknown_language_gets_both_keys():
    assert terms("Huasi", "") == ["huasi", "~wasi", "%wasi"]


# Equivalence table


@pytest.mark.parametrize("word", ["guayusa", "wayusa", "wais", "Huayusa"])
def test_equivalence_guayusa(word):
    assert a.equivalence_group(word) == "wayusa"


@pytest.mark.parametrize("word", ["chonta", "chunta", "uwi"])
def test_equivalence_chonta(word):
    assert a.equivalence_group(word) == "chunta"


def test_no_yuca_lumu_equivalence():
    assert a.equivalence_group("yuca") is None
    assert a.equivalence_group("lumu") is None


def test_equivalence_applies_to_spanish_text():
    assert "=wayusa" in terms("guayusa", "es")


# Analyser mechanics


def test_language_tags_switch_language_mid_text():
    text = "plantas " + a.language_tag("qu") + "huasi"
    assert terms(text, "es") == ["plantas", "^plant", "huasi", "~wasi"]


def test_variants_share_the_word_position():
    analyzer = a.MultilingualAnalyzer("qu")
    positions = [(t.text, t.pos) for t in analyzer("sacha huasi", positions=True)]
    assert positions == [("sacha", 0), ("~sacha", 0), ("huasi", 1), ("~wasi", 1)]


def test_autocomplete_edge_ngrams():
    assert a.autocomplete_terms("Wasi", a.SPANISH, 1, 3) == ["w", "wa", "was"]
    assert "~wa" in a.autocomplete_terms("huasi", a.KICHWA, 1, 20)


def test_autocomplete_query_truncated_to_max_gram():
    assert a.autocomplete_query_terms("abcdefgh", a.SPANISH, 4) == [("abcd", 1.0)]


def test_spanish_stopwords_dropped_from_queries_only_if_others_remain():
    words = [f.folded for f in a.analyse_query("plantas de la selva", None, True)]
    assert words == ["plantas", "selva"]
    assert [f.folded for f in a.analyse_query("de la", None, True)] == ["de", "la"]
    kichwa = a.analyse_query("de wasi", "qu", True)
    assert [f.folded for f in kichwa] == ["de", "wasi"]
