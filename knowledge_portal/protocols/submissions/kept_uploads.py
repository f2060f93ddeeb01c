"""Photos and a recording outlive a form error.

A browser cannot put chosen files back into a file input, so when a
contribution comes back with an error, the files that passed their checks are
kept on the server under a random token remembered in her session, and are
used again when she sends the form once more without choosing new ones.
Kept files are not media: nothing serves them (site/media.py serves only
files that belong to an item). Sets older than a day are removed whenever
files are kept, and a set is removed once its contribution is received.
"""

import secrets
import time

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

FOLDER = "kept-uploads"
SESSION_KEY = "kept_uploads"
POSTED_AS = "kept_uploads"
MAX_AGE_SECONDS = 24 * 60 * 60
FILE_FIELDS = ("photos", "recording")


def _sets(request):
    return request.session.get(SESSION_KEY, {})


def _posted_token(request):
    token = request.POST.get(POSTED_AS, "")
    return token if token in _sets(request) else None


def _reopen(entry):
    path = entry["path"]
    uploaded = UploadedFile(
        default_storage.open(path, "rb"),
        name=entry["name"],
        content_type=entry["content_type"],
        size=default_storage.size(path),
    )
    uploaded.kept_path = path
    return uploaded


def files_with_kept(request):
    """The posted files, plus the kept ones for each file field where she
    chose nothing new this time."""
    token = _posted_token(request)
    if token is None:
        return request.FILES
    files = request.FILES.copy()
    for field, entries in _sets(request)[token].items():
        if not files.getlist(field):
            try:
                files.setlist(field, [_reopen(entry) for entry in entries])
            except FileNotFoundError:
                continue
    return files


def _store(token, uploaded):
    if getattr(uploaded, "kept_path", None):
        path = uploaded.kept_path
    else:
        uploaded.seek(0)
        path = default_storage.save(
            f"{FOLDER}/{token}/{secrets.token_hex(8)}", uploaded
        )
    return {
        "path": path,
        "name": uploaded.name,
        "content_type": getattr(uploaded, "content_type", "") or "",
    }


def _delete(paths):
    for path in paths:
        default_storage.delete(path)


def _paths(entries_by_field):
    return [entry["path"] for entries in entries_by_field.values() for entry in entries]


def remove_stale():
    """Remove kept sets older than a day, whoever's they were."""
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    oldest = time.time() - MAX_AGE_SECONDS
    for folder in folders:
        created = folder.split("-", 1)[0]
        if created.isdigit() and int(created) < oldest:
            _sub, names = default_storage.listdir(f"{FOLDER}/{folder}")
            _delete(f"{FOLDER}/{folder}/{name}" for name in names)
            default_storage.delete(f"{FOLDER}/{folder}")


def keep(request, form):
    """Keep the files of the invalid ``form`` that passed their checks;
    return what the page tells her about them, or None if there are none."""
    chosen = {}
    for field in FILE_FIELDS:
        value = form.cleaned_data.get(field)
        items = value if isinstance(value, list) else [value] if value else []
        if items:
            chosen[field] = items
    if not chosen:
        return None
    remove_stale()
    sets = _sets(request)
    token = _posted_token(request) or f"{int(time.time())}-{secrets.token_hex(16)}"
    entries = {
        field: [_store(token, item) for item in items]
        for field, items in chosen.items()
    }
    replaced = set(_paths(sets.get(token, {}))) - set(_paths(entries))
    _delete(replaced)
    sets[token] = entries
    request.session[SESSION_KEY] = sets
    return {"token": token, "message": describe(entries)}


def discard(request):
    """Her contribution was received: its kept files are no longer needed."""
    token = _posted_token(request)
    if token is None:
        return
    sets = _sets(request)
    _delete(_paths(sets.pop(token)))
    request.session[SESSION_KEY] = sets


def describe(entries):
    photos = len(entries.get("photos", []))
    recording = bool(entries.get("recording"))
    if photos and recording:
        return ngettext(
            "Your photo and your recording are kept: no need to choose them again.",
            "Your %(count)s photos and your recording are kept: no need to choose "
            "them again.",
            photos,
        ) % {"count": photos}
    if photos:
        return ngettext(
            "Your photo is kept: no need to choose it again.",
            "Your %(count)s photos are kept: no need to choose them again.",
            photos,
        ) % {"count": photos}
    return _("Your recording is kept: no need to choose it again.")
