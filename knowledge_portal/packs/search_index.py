"""The pack's search over its plants' names, offline.

A pack has no server to search with, so it carries what the site's search
knows about each plant's names (title, scientific name, names and variants
in Spanish, Kichwa and Shuar), folded here in Python by the site's own
functions (``search.analysis``, ``search.portable``), and the folding rules
as data (``analysis.folding_rules``). ``static/packs/search.js`` folds the
query with those rules and meets it with the names' forms.

What JavaScript cannot do faithfully is stem Spanish (Snowball): instead
each Spanish name word carries the forms in another number or gender that
the stemmer joins to it (``analysis.same_stem_forms``), so ``platanos``
finds *plátano* as on the site. Typos are the deletion keys the site gives
other backends (``portable.typo_keys``).

The index is a script that sets a global (``SEARCH_INDEX_GLOBAL``), not
JSON: a page opened from ``file://`` may not ``fetch()`` a file beside it.
It holds only the plants the pack holds, as its viewer may see them.
"""

import json

from knowledge_portal.core.text_status import written_language
from knowledge_portal.search.analysis import (
    SPANISH,
    SPANISH_STOPWORDS,
    STEM_PREFIX,
    STEM_WEIGHT,
    UNKNOWN,
    fold,
    folding_rules,
    iter_words,
    same_stem_forms,
    word_forms,
)
from knowledge_portal.search.portable import (
    TYPO_INDEX_MIN_LENGTH,
    TYPO_MARK,
    TYPO_MIN_LENGTH,
    name_texts,
    typo_keys,
)

#: The index file, at the pack's root.
SEARCH_INDEX = "search-index.js"
SEARCH_SCRIPT = "packs/search.js"
SEARCH_INDEX_GLOBAL = "chakraPackSearch"
#: A name met one edit away ranks below every other way of meeting it.
TYPO_WEIGHT = 0.2


def word_terms(word, language):
    """``{term: weight}`` of one name word: the site's forms of it, the
    Spanish stem given as the forms it joins."""
    terms = {}
    for term, weight in word_forms(word, language).terms():
        if term.startswith(STEM_PREFIX):
            for form in same_stem_forms(word):
                terms.setdefault(form, STEM_WEIGHT)
        else:
            terms[term] = max(weight, terms.get(term, 0.0))
    return terms


def name_entry(text, language):
    """One name: its text and, for each of its words, the terms and typo
    keys it is met by (Spanish function words are never searched)."""
    words = []
    for word, word_language in iter_words(text, language):
        if word_language in (SPANISH, UNKNOWN) and fold(word) in SPANISH_STOPWORDS:
            continue
        words.append(
            {
                "terms": word_terms(word, word_language),
                "typos": [key.removeprefix(TYPO_MARK) for key in typo_keys(word)],
            }
        )
    return {"text": str(text), "lang": language, "words": words}


def title_language(page, code):
    """The language the page's title is written in (Spanish while it awaits
    translation), for the result's ``lang``."""
    status = (getattr(page, "translation_status", None) or {}).get("title") or {}
    return written_language(status.get("status"), code)


def plant_entry(item):
    """A plant of the pack: its page in each language and its names."""
    names, seen = [], set()
    for page in item.pages.values():
        for text, language in name_texts(page):
            if (str(text), language) in seen or not str(text).strip():
                continue
            seen.add((str(text), language))
            names.append(name_entry(text, language))
    return {
        "key": item.key,
        "pages": {
            code: {
                "path": item.path(code),
                "title": page.title,
                "lang": title_language(page, code),
            }
            for code, page in item.pages.items()
        },
        "names": names,
    }


def search_index(items):
    """The index of the pack's plants, as the script the pack carries."""
    rules = folding_rules()
    rules["weights"]["typo"] = TYPO_WEIGHT
    rules["typo_min_length"] = TYPO_MIN_LENGTH
    rules["typo_index_min_length"] = TYPO_INDEX_MIN_LENGTH
    index = {
        "rules": rules,
        "plants": [plant_entry(item) for item in items if item.kind.name == "plant"],
    }
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # Inside a script, "</" could end it early: JSON may write it as "<\/".
    data = data.replace("</", "<\\/")
    return (
        "// The plants of this pack and their names, folded by the site"
        " (packs/search_index.py).\n"
        f"window.{SEARCH_INDEX_GLOBAL} = {data};\n"
    )
