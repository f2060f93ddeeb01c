"""The rules of classes, assignments and progress, apart from the views."""

import csv
import io
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from wagtail.models import Page, get_page_models

from knowledge_portal.core import charts, roles
from knowledge_portal.core.auth_backends import password_check_slots
from knowledge_portal.protocols.access import hidden_page_ids, visible_pages

from .models import (
    Assignment,
    Completion,
    LearnerProfile,
    Membership,
    QuizAttempt,
    School,
    SchoolClass,
)


@transaction.atomic
def create_learner(username, password, language, school_class):
    # A class joins at once at its first lesson: making a hash costs what
    # checking one does, so it takes its turn with the sign-ins.
    with password_check_slots():
        user = get_user_model().objects.create_user(
            username=username, password=password
        )
    user.groups.add(Group.objects.get(name=roles.LEARNER))
    LearnerProfile.objects.create(user=user, language=language)
    Membership.objects.create(school_class=school_class, learner=user)
    return user


def join_class(user, school_class):
    Membership.objects.get_or_create(school_class=school_class, learner=user)


def create_class(teacher, school_name, name):
    school, _created = School.objects.get_or_create(name=school_name.strip())
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return SchoolClass.objects.create(
                    school=school, name=name.strip(), teacher=teacher
                )
        except IntegrityError:
            # A join code collided with another class's; draw another.
            continue
    raise RuntimeError("could not draw a unique join code")


def classes_of(teacher):
    return SchoolClass.objects.filter(teacher=teacher).select_related("school")


def assignable_page_types():
    """The page types a teacher can assign, in the order of their groups:
    those that declare an ``assignable_label`` (lessons, guides, plants)."""
    return sorted(
        (model for model in get_page_models() if hasattr(model, "assignable_label")),
        key=lambda model: model.assignable_order,
    )


def assignable_pages(locale, user):
    """What a teacher can assign: live pages of the assignable types."""
    return visible_pages(
        user,
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .type(*assignable_page_types())
        .order_by("content_type", "title"),
    )


def assignable_by_kind(locale, user):
    """What a teacher can assign, in groups: [(kind, [page, ...]), ...],
    lessons first, then guides and plants, each by title."""
    pages = list(assignable_pages(locale, user).order_by("title"))
    groups = []
    for model in assignable_page_types():
        content_type = ContentType.objects.get_for_model(model)
        members = [page for page in pages if page.content_type_id == content_type.pk]
        if members:
            groups.append((model.assignable_label, members))
    return groups


def assign(school_class, page, due_date, note, teacher):
    """Give ``page`` to the class; a page already given keeps its assignment."""
    return Assignment.objects.get_or_create(
        school_class=school_class,
        page=page,
        defaults={"due_date": due_date, "note": note, "assigned_by": teacher},
    )[0]


def change_assignment(assignment, due_date, note):
    assignment.due_date = due_date
    assignment.note = note
    assignment.save(update_fields=["due_date", "note"])


def remove_assignment(assignment):
    """Take it back from the class. What learners did stays theirs: their
    completions and quiz attempts belong to the page's translation key, not
    to the assignment, and count again if it is given back."""
    assignment.delete()


def learner_language(user):
    profile = LearnerProfile.objects.filter(user=user).first()
    return profile.language if profile else None


def my_learning(user, language):
    """The learner's assignments, each with the page in her ``language``
    (a language code): one query for the assignments, one per type of page
    assigned, one for what she finished, whatever their number."""
    assignments = list(
        Assignment.objects.filter(school_class__memberships__learner=user)
        .select_related("page", "school_class")
        .distinct()
    )
    hidden = hidden_page_ids(user)
    assignments = [item for item in assignments if item.page_id not in hidden]
    keys_by_type = defaultdict(set)
    for assignment in assignments:
        keys_by_type[assignment.page.content_type_id].add(
            assignment.page.translation_key
        )
    local = {}
    for content_type_id, keys in keys_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        # Specific: a title awaiting translation is shown marked as Spanish.
        pages = model.objects.live().filter(
            translation_key__in=keys, locale__language_code=language
        )
        local.update(
            (page.translation_key, page) for page in visible_pages(user, pages)
        )
    keys = {assignment.page.translation_key for assignment in assignments}
    done = set(
        Completion.objects.filter(learner=user, translation_key__in=keys).values_list(
            "translation_key", flat=True
        )
    )
    return [
        {
            "assignment": assignment,
            "page": local.get(assignment.page.translation_key, assignment.page),
            "translated": assignment.page.translation_key in local,
            "done": assignment.page.translation_key in done,
        }
        for assignment in assignments
    ]


def finished_keys(user, pages):
    """The translation keys of those ``pages`` the user marked done, in any
    language; nothing for a visitor who is not signed in."""
    if not user.is_authenticated:
        return set()
    keys = {page.translation_key for page in pages}
    return set(
        Completion.objects.filter(learner=user, translation_key__in=keys).values_list(
            "translation_key", flat=True
        )
    )


def module_progress(user, modules, lessons):
    """For each module, how many of its ``lessons`` the user finished."""
    done = finished_keys(user, lessons)
    rows = []
    for module in modules:
        # A lesson's tree path starts with its module's.
        own = [lesson for lesson in lessons if lesson.path.startswith(module.path)]
        rows.append(
            {
                "module": module,
                "total": len(own),
                "done": sum(1 for lesson in own if lesson.translation_key in done),
            }
        )
    return rows


def mark_done(user, assignment):
    Completion.objects.get_or_create(
        learner=user, translation_key=assignment.page.translation_key
    )


def class_progress(school_class):
    """Rows per learner: done or not, and quiz score, for every assignment."""
    # Pages as their own types (a query per type): a title awaiting
    # translation is shown marked as Spanish.
    assignments = list(
        school_class.assignments.prefetch_related(
            Prefetch("page", queryset=Page.objects.specific())
        )
    )
    learners = list(
        get_user_model()
        .objects.filter(memberships__school_class=school_class)
        .order_by("username")
    )
    keys = [assignment.page.translation_key for assignment in assignments]
    done = set(
        Completion.objects.filter(
            learner__in=learners, translation_key__in=keys
        ).values_list("learner_id", "translation_key")
    )
    scores = quiz_scores(learners, keys)
    rows = []
    for learner in learners:
        cells = []
        for assignment in assignments:
            key = assignment.page.translation_key
            cells.append(
                {
                    "done": (learner.pk, key) in done,
                    "quiz": scores.get((learner.pk, key)),
                }
            )
        rows.append({"learner": learner, "cells": cells})
    return assignments, rows


def progress_chart(assignments, rows):
    """How many of the class's learners finished each assignment, as bars
    (``core.charts.bar_chart``); None without assignments or learners."""
    if not rows:
        return None
    total = len(rows)
    return charts.bar_chart(
        [
            {
                "label": charts.page_title(assignment.page),
                "value": sum(1 for row in rows if row["cells"][index]["done"]),
                "total": total,
            }
            for index, assignment in enumerate(assignments)
        ]
    )


def quiz_scores(learners, keys):
    """Per learner and lesson key, her best and her latest quiz attempt, each
    as (right, total)."""
    scores = {}
    for learner_id, key, correct, total in QuizAttempt.objects.filter(
        learner__in=learners, lesson_key__in=keys
    ).values_list("learner_id", "lesson_key", "correct", "total"):
        # Attempts come oldest first, so the last one seen is the latest.
        score = (correct, total)
        best = scores.get((learner_id, key), {"best": score})["best"]
        if correct * best[1] > best[0] * total:
            best = score
        scores[(learner_id, key)] = {"best": best, "latest": score}
    return scores


def progress_csv(school_class):
    assignments, rows = class_progress(school_class)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = [_("learner")]
    for assignment in assignments:
        title = assignment.page.title
        header += [
            _("%(title)s: done") % {"title": title},
            _("%(title)s: best quiz") % {"title": title},
            _("%(title)s: latest quiz") % {"title": title},
        ]
    writer.writerow(spreadsheet_safe(header))
    for row in rows:
        line = [row["learner"].username]
        for cell in row["cells"]:
            quiz = cell["quiz"] or {}
            line += [
                _("yes") if cell["done"] else _("no"),
                fraction(quiz.get("best")),
                fraction(quiz.get("latest")),
            ]
        writer.writerow(spreadsheet_safe(line))
    # The byte order mark tells spreadsheet programs the file is UTF-8;
    # without it they read "sí" as "sÃ­".
    return "\ufeff" + buffer.getvalue()


def fraction(score):
    return f"{score[0]}/{score[1]}" if score else ""


#: Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cells):
    """``cells`` with a quote before any that a spreadsheet would run as a
    formula (OWASP, "CSV injection"): names and titles come from learners
    and editors, and the file is opened by the teacher."""
    return [
        f"'{cell}" if str(cell).startswith(FORMULA_STARTS) else cell for cell in cells
    ]
