"""What a translation of an interface string must be, said in the writer's
language: the checks run before anything is kept."""

import re

from babel.messages.catalog import PYTHON_FORMAT, Message, TranslationError
from babel.messages.checkers import python_format
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.languages import site_language

#: At least this many characters are allowed, and three times the longer of
#: the English and Spanish texts: room for a longer language, not for a page.
MIN_LIMIT = 100
#: Markup would reach the page as markup (a blocktranslate string is not
#: escaped), and character references are markup too.
MARKUP = re.compile(r"[<>]|&#?\w+;")
#: One line, and no table bar: locale/REVIEW.md keeps each string in a row.
NOT_ON_ONE_LINE = re.compile(r"[\r\n|\x00-\x08\x0b-\x1f\x7f]")


def length_limit(message):
    texts = (message.msgid, message.msgid_plural, *message.spanish)
    longest = max(len(text) for text in texts)
    return max(MIN_LIMIT, 3 * longest)


def placeholders(text):
    """The named or positional placeholders of a Python format string."""
    return sorted(
        match.group(0)
        for match in PYTHON_FORMAT.finditer(text)
        if match.group(0) != "%%"
    )


def _reference(message, form_numbers, index):
    """The English text form ``index`` stands for: the singular where the form
    is used for 1 alone, else the plural (it must show the number)."""
    if not message.plural or form_numbers[index] == [1]:
        return message.msgid
    return message.msgid_plural


def form_problems(message, texts, form_numbers, language):
    """Problems of each text, by form index; empty when all may be kept."""
    name = site_language(language).name_local
    spanish = {text.strip().casefold() for text in message.spanish if text}
    english = {message.msgid.casefold(), message.msgid_plural.casefold()} - {""}
    allowed = set(placeholders(message.msgid)) | set(placeholders(message.msgid_plural))
    limit = length_limit(message)
    problems = {}
    for index, text in enumerate(texts):
        errors = []
        reference = _reference(message, form_numbers, index)
        if not text.strip():
            errors.append(_("Write the text in %(language)s.") % {"language": name})
        elif len(text) > limit:
            errors.append(_("At most %(limit)s characters, please.") % {"limit": limit})
        elif MARKUP.search(text):
            errors.append(
                _(
                    "Without markup: the signs < and > and codes such as &amp; "
                    "are not allowed."
                )
            )
        elif NOT_ON_ONE_LINE.search(text):
            errors.append(_("Write it on one line, without the sign |."))
        elif text.strip().casefold() in spanish:
            errors.append(
                _(
                    "This is the Spanish text. Write it in %(language)s, or leave "
                    "it for now: meanwhile the page shows the Spanish, marked as "
                    "Spanish."
                )
                % {"language": name}
            )
        elif text.strip().casefold() in english:
            errors.append(
                _("This is the English text. Write it in %(language)s.")
                % {"language": name}
            )
        else:
            errors.extend(_placeholder_problems(message, text, reference, allowed))
        if errors:
            problems[index] = errors
    return problems


def _placeholder_problems(message, text, reference, allowed):
    shown = {_name(p): p for p in allowed}
    kept = {_name(p) for p in placeholders(text)}
    missing = {_name(p) for p in placeholders(reference)} - kept
    unknown = kept - set(shown)
    if missing:
        return [
            _(
                "Keep these placeholders as they are (the page puts a name or a "
                "number there): %(placeholders)s"
            )
            % {"placeholders": " ".join(sorted(shown[name] for name in missing))}
        ]
    if unknown:
        found = {_name(p): p for p in placeholders(text)}
        return [
            _("These placeholders are not in the original: %(placeholders)s")
            % {"placeholders": " ".join(sorted(found[name] for name in unknown))}
        ]
    if message.python_format or allowed:
        try:
            python_format(None, _as_babel_message(message, reference, text))
            text % dict.fromkeys(kept, 1)
        except (TranslationError, ValueError, KeyError, TypeError):
            return [
                _("Write a percent sign as %% and keep the placeholders as they are.")
            ]
    return []


def _name(placeholder):
    """``counter`` for ``%(counter)s``; a positional one stands for itself."""
    match = re.match(r"%\((\w*)\)", placeholder)
    return match.group(1) if match else placeholder


def _as_babel_message(message, reference, text):
    return Message(reference, text, flags={"python-format"})
