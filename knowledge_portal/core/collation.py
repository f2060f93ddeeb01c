"""Alphabetical order as readers of each site language expect it.

Accents do not change the order ("ají" sorts with "aji"), but ñ is a letter of
its own after n in Spanish and in unified Kichwa. Shuar is written with the
Latin alphabet plus accents for stress, so it follows the same rules. Python's
default order would put "ñ" after "z" and "á" after every plain letter.
"""

import unicodedata

#: Letters that stay distinct after accents are removed, with the letter they
#: follow.
_SEPARATE_LETTERS = {"ñ": "n"}


def sort_key(text, language="es"):
    key = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        if char in _SEPARATE_LETTERS:
            key.append((_SEPARATE_LETTERS[char], 1))
            continue
        base = unicodedata.normalize("NFD", char)[0]
        key.append((base, 0))
    # Ties (same letters, different accents) are broken by the raw text so the
    # order is total and stable.
    return (tuple(key), text)
