"""Reading YAML with the line of every value, and writing it canonically."""

import yaml

from knowledge_portal.entries.errors import ContentError


class LineMap:
    """Maps a path of keys and indexes inside a document to its line (1-based)."""

    def __init__(self, root_node):
        self._lines = {}
        self._walk(root_node, ())

    def _walk(self, node, path):
        self._lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key_path = (*path, key_node.value)
                self._walk(value_node, key_path)
                # A value on the next line belongs to the key's line for readers.
                self._lines[key_path] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._walk(item, (*path, index))

    def line_of(self, path):
        path = tuple(path)
        while path not in self._lines and path:
            path = path[:-1]
        return self._lines.get(path, 1)


def load_yaml(path):
    """Return ``(data, LineMap)``; raise ContentError with the line on bad YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(path, 1, f"not UTF-8 text ({error.reason})") from error
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise ContentError(path, line, f"invalid YAML: {error.problem}") from error
    if node is None:
        raise ContentError(path, 1, "the file is empty")
    return data, LineMap(node)


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, long lines kept whole."""


def _represent_str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data):
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100_000,
    )
