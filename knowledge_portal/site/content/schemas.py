"""JSON Schemas of content files, resolved against the shared definitions."""

import functools
import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from knowledge_portal.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES

DEFINITIONS = Path(__file__).resolve().parent.parent / "schemas" / "definitions.json"


def _read(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def shared_definitions():
    """The shared definitions, with the site's languages written in from the
    one list of them."""
    definitions = _read(DEFINITIONS)
    defs = definitions["$defs"]
    defs["language"]["enum"] = list(LANGUAGE_CODES)
    # Kichwa and Shuar titles may await translation; the Spanish one is there.
    defs["titles"]["properties"] = {
        code: {
            "$ref": "#/$defs/title_text"
            if code == DEFAULT_LANGUAGE
            else "#/$defs/title_in_language"
        }
        for code in LANGUAGE_CODES
    }
    # The source language holds the text others are translated from.
    defs["localized_text"]["properties"] = {
        code: {
            "$ref": "#/$defs/source_text"
            if code == DEFAULT_LANGUAGE
            else "#/$defs/text_in_language"
        }
        for code in LANGUAGE_CODES
    }
    for name in ("titles", "localized_text"):
        defs[name]["required"] = list(LANGUAGE_CODES)
    return definitions


@functools.cache
def validator_for(schema_path):
    schema = _read(schema_path)
    definitions = shared_definitions()
    registry = Registry().with_resources(
        [
            (definitions["$id"], Resource.from_contents(definitions)),
            (schema["$id"], Resource.from_contents(schema)),
        ]
    )
    return Draft202012Validator(schema, registry=registry)


def schema_errors(schema_path, data):
    """Errors sorted by where they are, the deepest first for each place."""
    validator = validator_for(schema_path)
    errors = sorted(
        validator.iter_errors(data),
        key=lambda error: (list(map(str, error.absolute_path)), -len(error.path)),
    )
    return [(list(error.absolute_path), _describe(error)) for error in errors]


def _describe(error):
    where = "/".join(str(part) for part in error.absolute_path) or "the file"
    if error.validator == "required":
        return f"{where}: {error.message}"
    if error.validator == "additionalProperties":
        return f"{where}: {error.message}"
    if error.validator in {"enum", "const"}:
        return f"{where}: {error.instance!r} is not one of {error.validator_value!r}"
    if error.validator in {"oneOf", "anyOf", "allOf", "if", "then", "else", "not"}:
        best = error.context[0].message if error.context else error.message
        return f"{where}: {best}"
    return f"{where}: {error.message}"
