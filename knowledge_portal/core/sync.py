"""Pausing the sync of language-neutral fields between translations.

Publishing one language's version of an entry normally copies its neutral
fields (and its protocol) to the other versions. The content loader writes
every language itself, so it pauses that.
"""

import contextlib
import contextvars

_paused = contextvars.ContextVar("translation_sync_paused", default=False)


@contextlib.contextmanager
def translation_sync_paused():
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def translation_sync_is_paused():
    return _paused.get()
