"""The class page's doors to packs: the teacher downloads her class's pack
and uploads the answers files learners bring back. Each is the class's own
teacher's only (a 404 for anyone else, as every class view)."""

import shutil
import tempfile
from pathlib import Path

from django.contrib import messages
from django.db import IntegrityError
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knowledge_portal.learning.views import own_class, teacher_required

from . import answers
from .classes import build_class_pack
from .selection import PackError


def pack_filename(school_class, day):
    name = slugify(school_class.name) or "class"
    return f"pack-{name}-{school_class.pk}-{day.isoformat()}.zip"


@teacher_required
def class_pack(request, pk):
    """The class's pack as a ZIP download, built now (a few seconds) into a
    temporary folder that is gone once the answer is sent."""
    school_class = own_class(request, pk)
    folder = Path(tempfile.mkdtemp(prefix="class-pack-"))
    try:
        output = folder / "pack.zip"
        try:
            build_class_pack(school_class, output)
        except PackError as error:
            messages.error(request, str(error))
            return redirect("class_detail", pk=pk)
        # Open, then remove: the open file is read to its end and then freed.
        stream = output.open("rb")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return FileResponse(
        stream,
        as_attachment=True,
        filename=pack_filename(school_class, timezone.localdate()),
        content_type="application/zip",
    )


@teacher_required
@require_POST
def class_answers(request, pk):
    """Merge the answers files she uploads; say for each file what happened."""
    school_class = own_class(request, pk)
    # The class page draws the field (packs/includes/class_pack.html).
    uploads = request.FILES.getlist("files")
    if not uploads:
        messages.error(request, _("Choose one or more answers files to upload."))
    for upload in uploads:
        level, text = merge_one(upload, school_class)
        messages.add_message(request, level, text)
    return redirect("class_detail", pk=pk)


def merge_one(upload, school_class):
    """(message level, what happened) for one uploaded file."""
    name = Path(upload.name).name
    try:
        learner, entries = answers.read_file(upload, school_class)
    except answers.AnswersRefused as refused:
        return messages.ERROR, _("%(file)s was refused: %(reason)s") % {
            "file": name,
            "reason": refused,
        }
    try:
        merged = answers.merge(school_class, learner, entries)
    except IntegrityError:
        # The same file uploaded twice at once: the other upload merged it.
        merged = answers.Merged(learner)
    values = {
        "file": name,
        "learner": learner.get_username(),
        "checks": merged.quiz_checks,
        "finished": merged.finished,
        "skipped": merged.skipped,
    }
    if not merged.quiz_checks and not merged.finished:
        text = _("%(file)s (%(learner)s): nothing new, its answers were already here.")
        level = messages.INFO
    else:
        text = _(
            "%(file)s (%(learner)s) merged. Quiz checks added: %(checks)s. "
            "Lessons finished: %(finished)s."
        )
        level = messages.SUCCESS
    if merged.skipped:
        text += " " + _("Left out, for lessons this class does not have: %(skipped)s.")
    return level, text % values
