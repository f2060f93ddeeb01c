"""Turning model instances into Whoosh documents, and model metadata helpers.

One document per object, keyed by the *root* concrete model and the primary
key (``testapp.book:12``), so a ``Novel`` and its ``Book`` row never become two
documents. ``doc_ct`` lists the object's model and all its concrete ancestors, so
searching ``Book`` finds novels too.
"""

from collections import defaultdict

from django.db.models import Manager, Model
from django.utils.encoding import force_str
from modelsearch.backends.base import get_model_root
from modelsearch.index import (
    AutocompleteField,
    RelatedFields,
    SearchField,
    get_indexed_models,
)

SEARCH_PREFIX = "s__"
AUTOCOMPLETE_PREFIX = "a__"


def model_label(model):
    """Label used in ``doc_ct`` and document ids, e.g. ``"testapp.book"``."""
    return model._meta.concrete_model._meta.label_lower


def content_types(model):
    """Labels of ``model`` and every concrete ancestor."""
    return [model_label(model)] + [
        model_label(parent) for parent in model._meta.get_parent_list()
    ]


def document_id(obj):
    """Unique id of ``obj``'s document: root model label and primary key."""
    return f"{model_label(get_model_root(type(obj)))}:{force_str(obj.pk)}"


def descendant_models(model):
    """Indexed models that are ``model`` or inherit from it."""
    return [model] + [
        other
        for other in get_indexed_models()
        if other is not model and issubclass(other, model)
    ]


def field_paths(model, field_class, names=None):
    """Map index field path -> boost for ``field_class`` fields of ``model``.

    Includes fields defined by child models (searching a parent must match
    text that only children index) and fields nested in ``RelatedFields``.
    ``names`` restricts the result to those top-level field names.
    """
    paths = {}

    def walk(search_fields, prefix):
        for search_field in search_fields:
            if isinstance(search_field, RelatedFields):
                if names is None:
                    walk(search_field.fields, f"{prefix}{search_field.field_name}__")
            elif isinstance(search_field, field_class):
                if names is not None and search_field.field_name not in names:
                    continue
                boost = getattr(search_field, "boost", None) or 1.0
                path = prefix + search_field.field_name
                paths[path] = max(boost, paths.get(path, 0.0))

    models = [model] if names is not None else descendant_models(model)
    for current in models:
        walk(current.get_search_fields(), "")
    return paths


def prepare_value(value):
    """Flatten a field value (str, list, dict, model, date...) to text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, set)):
        return ", ".join(filter(None, (prepare_value(item) for item in value)))
    if isinstance(value, dict):
        return ", ".join(filter(None, (prepare_value(v) for v in value.values())))
    return force_str(value)


def object_language(obj, default=None):
    """Language of ``obj``, else ``default``.

    Taken from ``obj.get_search_language()`` if defined, else from a
    ``locale`` foreign key with a ``language_code`` (Wagtail's ``Locale``).
    """
    getter = getattr(obj, "get_search_language", None)
    if callable(getter):
        return getter() or default
    if getattr(obj, "locale_id", None) is not None:
        return getattr(obj.locale, "language_code", None) or default
    return default


def _related_objects(value):
    if value is None:
        return []
    if isinstance(value, Manager):
        return list(value.all())
    if callable(value) and not isinstance(value, Model):
        value = value()
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def value_parts(value, language):
    """``[(text, language)]`` of a field value.

    A value, or an item of a list value, with a ``search_language``
    attribute (a ``str`` subclass, say) is in that language; the rest is in
    ``language``. Such values are plain strings to every other backend.
    """
    items = value if isinstance(value, (list, tuple)) else [value]
    if not any(getattr(item, "search_language", None) for item in items):
        return [(prepare_value(value), language)]
    return [
        (prepare_value(item), getattr(item, "search_language", None) or language)
        for item in items
    ]


def tagged_text(value, language, analysis):
    """The text of a field value, each part after its language's tag."""
    return ", ".join(
        (analysis.language_tag(part_language) if part_language else "") + text
        for text, part_language in value_parts(value, language)
        if text
    )


def build_document(obj, analysis, default_language=None):
    """Return the Whoosh document (a dict of field values) for ``obj``.

    A ``SearchField``'s text is tagged (``analysis.language_tag()``) with its
    language: the value's own ``search_language`` (see :func:`value_parts`),
    else the field's ``language=`` option, else the object's
    ``get_search_language()`` (or its locale's), else
    ``default_language`` (the backend's ``LANGUAGE``, the analyser's default).
    Every value is tagged, so one never takes the language of the value
    before it in the same field.
    """
    texts = defaultdict(list)

    def walk(instance, search_fields, prefix, language):
        for search_field in search_fields:
            if isinstance(search_field, RelatedFields):
                related = _related_objects(search_field.get_value(instance))
                for sub_obj in related:
                    walk(
                        sub_obj,
                        search_field.fields,
                        f"{prefix}{search_field.field_name}__",
                        object_language(sub_obj, language),
                    )
                continue
            if isinstance(search_field, SearchField):
                key = SEARCH_PREFIX + prefix + search_field.field_name
            elif isinstance(search_field, AutocompleteField):
                key = AUTOCOMPLETE_PREFIX + prefix + search_field.field_name
            else:
                continue
            field_language = search_field.kwargs.get("language", language)
            text = tagged_text(
                search_field.get_value(instance), field_language, analysis
            )
            if text:
                texts[key].append(text)

    walk(obj, obj.get_search_fields(), "", object_language(obj, default_language))
    document = {
        "doc_id": document_id(obj),
        "doc_pk": force_str(obj.pk),
        "doc_ct": " ".join(content_types(type(obj))),
    }
    for key, values in texts.items():
        # A sentence break between values keeps phrases from spanning them.
        document[key] = "\n".join(values)
    return document
