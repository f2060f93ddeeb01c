"""The lesson page: its context, the self-check quiz and "mark as done".

The quiz is a plain form, so it works with JavaScript off. A signed-in
learner's answers and completion are stored by the lesson's translation key,
so they follow her if she switches language.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge_portal.protocols.access import shown_rows

from .models import Completion, ModulePage, QuizAnswer, QuizAttempt


def lesson_context(page, request, submitted=None):
    """What the lesson page shows. The learner's own answers and progress are
    read for her on every request; the rest is lazy, so a lesson whose body
    comes from the shared cache (``{% shared %}``) does not read it."""
    user = request.user
    stored = {}
    done = False
    if user.is_authenticated:
        stored = {
            answer.question_id: answer.answer_index
            for answer in QuizAnswer.objects.filter(
                learner=user, lesson_key=page.translation_key
            )
        }
        done = Completion.objects.filter(
            learner=user, translation_key=page.translation_key
        ).exists()
    chosen = submitted if submitted is not None else stored
    return {
        # Specific, so its title shows whether it awaits translation.
        "parent": SimpleLazyObject(lambda: ModulePage.objects.parent_of(page).first()),
        "plant_pages": SimpleLazyObject(
            lambda: [
                link.plant
                for link in shown_rows(user, page.plants.select_related("plant"))
            ]
        ),
        "guide_pages": SimpleLazyObject(
            lambda: [
                link.guide
                for link in shown_rows(user, page.guides.select_related("guide"))
            ]
        ),
        # Her answers' verdicts are worded now, before the page marks Spanish
        # fallbacks; unanswered, the questions are read only if not shared.
        "quiz": _quiz(page, chosen)
        if chosen
        else SimpleLazyObject(lambda: _quiz(page, {})),
        "quiz_score": _score(page, chosen) if chosen else None,
        "lesson_done": done,
        "source_list": SimpleLazyObject(lambda: list(page.sources.all())),
    }


def _quiz(page, chosen):
    return [_question(block, chosen.get(block.id)) for block in page.questions]


def _question(block, chosen_index):
    answers = [
        {
            "index": index,
            "text": answer["text"],
            "chosen": index == chosen_index,
            "correct": answer["correct"],
            "feedback": answer["feedback"],
            "status": answer.get("status"),
            "feedback_status": answer.get("feedback_status"),
        }
        for index, answer in enumerate(block.value["answers"])
    ]
    chosen = next((item for item in answers if item["chosen"]), None)
    if chosen:
        chosen["verdict"] = verdict_label(chosen["correct"], chosen["feedback"])
    return {
        "id": block.id,
        "question": block.value["question"],
        "status": block.value["status"],
        "answers": answers,
        "answered": chosen_index is not None,
        "chosen": chosen,
    }


def verdict_label(correct, feedback):
    """ "Right." or "Not quite." before the answer's feedback, or "" when the
    feedback already opens with that word ("Right: ..."), so that it is not
    said twice."""
    label = _("Right.") if correct else _("Not quite.")
    word = label.rstrip(".:!¡ ").casefold()
    opening = (feedback or "").lstrip("¡ ").casefold()
    if word and opening.startswith(word):
        rest = opening[len(word) :]
        if not rest or not rest[0].isalnum():
            return ""
    # Lazy, so the page marks it as Spanish where it falls back to Spanish.
    return gettext_lazy("Right.") if correct else gettext_lazy("Not quite.")


def _score(page, chosen):
    questions = page.questions
    correct = sum(1 for block in questions if _is_correct(block, chosen.get(block.id)))
    return {"correct": correct, "total": len(questions)}


def _is_correct(block, index):
    answers = block.value["answers"]
    return index is not None and 0 <= index < len(answers) and answers[index]["correct"]


def read_answers(page, data):
    """The answer index chosen for each question; bad input is ignored."""
    chosen = {}
    for block in page.questions:
        raw = data.get(f"q-{block.id}", "")
        if raw.isdigit() and int(raw) < len(block.value["answers"]):
            chosen[block.id] = int(raw)
    return chosen


def record_answers(user, page, chosen):
    """Keep her latest answer to each question, and the attempt's score."""
    if not chosen:
        return
    QuizAttempt.objects.create(
        learner=user,
        lesson_key=page.translation_key,
        correct=_score(page, chosen)["correct"],
        total=len(page.questions),
    )
    for block in page.questions:
        if block.id in chosen:
            QuizAnswer.objects.update_or_create(
                learner=user,
                lesson_key=page.translation_key,
                question_id=block.id,
                defaults={
                    "answer_index": chosen[block.id],
                    "correct": _is_correct(block, chosen[block.id]),
                },
            )


def quiz_feedback(page, request, data):
    """The page with feedback on the answers in ``data``, stored for no one.

    Visitors who are not signed in check their answers with a GET (the query
    string), which changes nothing, so the page needs no CSRF token.
    """
    chosen = read_answers(page, data)
    if not chosen:
        messages.error(request, _("Choose an answer before checking."))
    return page.render(
        request, context_overrides=lesson_context(page, request, submitted=chosen)
    )


def handle_lesson_post(page, request):
    action = request.POST.get("action")
    user = request.user
    if action == "quiz":
        if not user.is_authenticated:
            # A form shown while she was still signed in.
            return quiz_feedback(page, request, request.POST)
        chosen = read_answers(page, request.POST)
        if not chosen:
            messages.error(request, _("Choose an answer before checking."))
        record_answers(user, page, chosen)
        return redirect(page.url + "#quiz")
    if action == "done" and user.is_authenticated:
        Completion.objects.get_or_create(
            learner=user, translation_key=page.translation_key
        )
        messages.success(request, _("Well done! This lesson is marked as done."))
        return redirect(page.url)
    return redirect(page.url)
