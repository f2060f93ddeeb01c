"""Curricula as content files: `content/courses/<slug>.yaml` (a course and its
modules) and `content/lessons/<slug>.yaml` (one lesson each)."""

from knowledge_portal.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from knowledge_portal.core.ordering import in_order
from knowledge_portal.core.text_status import block_text_key
from knowledge_portal.entries.common import (
    block_id,
    build_sources,
    missing_references,
    serialize_sources,
    set_fields,
    source_key_problems,
)
from knowledge_portal.entries.entry_types import (
    EntryType,
    apply_localized_text,
    apply_text_record,
    apply_title,
    locales,
    localized_text,
    localized_text_from_pages,
    prune,
    record_in_file,
    register_entry_type,
    text_in,
    titles_from_pages,
    translation_key_for,
)
from knowledge_portal.entries.errors import ContentError
from knowledge_portal.entries.pages import publish
from knowledge_portal.protocols.serialization import (
    credited_communities,
    protocol_fields,
    serialize_credit,
    serialize_protocol,
)

from .schemas import SCHEMA_DIR


def _linked_page_model(link_model, field_name):
    """The page type a lesson's link points to, as its relation declares it
    (`LessonPlant.plant` -> the plant page), so learning need not import it."""
    return link_model._meta.get_field(field_name).related_model


def _by_language(queryset):
    return {
        page.locale.language_code: page for page in queryset.select_related("locale")
    }


@register_entry_type
class CourseEntry(EntryType):
    type_name = "course"
    directory = "courses"
    schema_path = SCHEMA_DIR / "course.json"
    order = 40
    page_model = "learning.CoursePage"

    def check_references(self, data, known_slugs):
        return source_key_problems(data)

    def serialize(self, pages, scope):
        from .models import ModulePage

        source = pages[DEFAULT_LANGUAGE]
        modules = []
        for module in ModulePage.objects.child_of(source).order_by("path"):
            versions = _by_language(
                ModulePage.objects.filter(translation_key=module.translation_key)
            )
            modules.append(
                {
                    "slug": module.slug,
                    "title": titles_from_pages(versions, scope),
                    "intro": localized_text_from_pages(versions, "intro", scope),
                }
            )
        return prune(
            {
                "type": "course",
                "slug": source.slug,
                "title": titles_from_pages(pages, scope),
                "sources": serialize_sources(source),
                "text": {
                    field: localized_text_from_pages(pages, field, scope)
                    for field in ("intro", "method")
                },
                "modules": modules,
            }
        )

    def apply(self, data, pages, context):
        from .models import CoursePage, CourseSource, LearningIndexPage, ModulePage

        pages = dict(pages)
        by_code = {locale.language_code: locale for locale in locales()}
        parents = _by_language(LearningIndexPage.objects.all())
        if set(parents) != set(LANGUAGE_CODES):
            raise ContentError(
                context["path"], 1, "content/site.yaml has no learning section"
            )
        key = translation_key_for("course", data["slug"])
        for code, locale in by_code.items():
            page = pages.setdefault(
                code, CoursePage(slug=data["slug"], locale=locale, translation_key=key)
            )
            apply_title(page, data["title"], code)
            page.sources = build_sources(CourseSource, data)
        for field in ("intro", "method"):
            apply_localized_text(pages, field, data["text"].get(field))
        for code in LANGUAGE_CODES:
            publish(pages[code], parents[code])
        for module in data["modules"]:
            module_key = translation_key_for(
                "module", f"{data['slug']}/{module['slug']}"
            )
            versions = _by_language(
                ModulePage.objects.filter(translation_key=module_key)
            )
            for code, locale in by_code.items():
                apply_title(
                    versions.setdefault(
                        code,
                        ModulePage(
                            slug=module["slug"],
                            locale=locale,
                            translation_key=module_key,
                        ),
                    ),
                    module["title"],
                    code,
                )
            apply_localized_text(versions, "intro", module["intro"])
            for code in LANGUAGE_CODES:
                publish(versions[code], pages[code])
        return pages


@register_entry_type
class LessonEntry(EntryType):
    type_name = "lesson"
    directory = "lessons"
    schema_path = SCHEMA_DIR / "lesson.json"
    order = 50
    page_model = "learning.LessonPage"

    translated = ("summary", "objectives", "body", "activity")

    def check_references(self, data, known_slugs):
        from .models import LessonGuide, LessonPlant, ModulePage

        module_key = translation_key_for("module", f"{data['course']}/{data['module']}")
        if data["course"] not in known_slugs.get("course", set()) and not (
            ModulePage.objects.filter(translation_key=module_key).exists()
        ):
            return [
                (
                    ["module"],
                    f"no module {data['module']!r} in course {data['course']!r}",
                )
            ]
        return (
            missing_references(
                data,
                "plants",
                _linked_page_model(LessonPlant, "plant"),
                known_slugs.get("plant", set()),
                [],
            )
            or missing_references(
                data,
                "guides",
                _linked_page_model(LessonGuide, "guide"),
                known_slugs.get("guide", set()),
                [],
            )
            or source_key_problems(data)
        )

    def serialize(self, pages, scope):
        source = pages[DEFAULT_LANGUAGE]
        module = source.get_parent()
        return prune(
            {
                "type": "lesson",
                "slug": source.slug,
                "course": module.get_parent().slug,
                "module": module.slug,
                "position": source.position,
                "title": titles_from_pages(pages, scope),
                "estimated_minutes": source.estimated_minutes,
                "plants": [
                    link.plant.slug
                    for link in source.plants.select_related("plant")
                    if scope.includes(link.plant)
                ],
                "guides": [
                    link.guide.slug
                    for link in source.guides.select_related("guide")
                    if scope.includes(link.guide)
                ],
                "communities": serialize_credit(source),
                "sources": serialize_sources(source),
                "text": {
                    field: localized_text_from_pages(pages, field, scope)
                    for field in self.translated
                },
                "quiz": self._serialize_quiz(pages, scope),
                "protocol": serialize_protocol(source),
            }
        )

    def _serialize_quiz(self, pages, scope):
        quizzes = {code: page.questions for code, page in pages.items()}
        questions = []
        for position, block in enumerate(quizzes[DEFAULT_LANGUAGE]):
            blocks = {
                code: quiz[position]
                for code, quiz in quizzes.items()
                if position < len(quiz)
            }

            def record(code, *path, blocks=blocks):
                key = block_text_key("quiz", blocks[code].id, *path)
                return record_in_file(pages[code], key, scope)

            answers = []
            for number, answer in enumerate(block.value["answers"]):
                in_languages = {
                    code: child.value["answers"][number]
                    for code, child in blocks.items()
                    if number < len(child.value["answers"])
                }
                answers.append(
                    {
                        "correct": answer["correct"] or None,
                        "text": localized_text(
                            {
                                code: (
                                    item["text"],
                                    item["status"],
                                    item.get("source") or "",
                                    record(code, "answers", number),
                                )
                                for code, item in in_languages.items()
                            }
                        ),
                        "feedback": localized_text(
                            {
                                code: (
                                    item["feedback"],
                                    item["feedback_status"],
                                    item.get("feedback_source") or "",
                                    record(code, "answers", number, "feedback"),
                                )
                                for code, item in in_languages.items()
                            }
                        ),
                    }
                )
            question = localized_text(
                {
                    code: (
                        child.value["question"],
                        child.value["status"],
                        child.value.get("source") or "",
                        record(code),
                    )
                    for code, child in blocks.items()
                }
            )
            questions.append({"question": question, "answers": answers})
        return questions

    def apply(self, data, pages, context):
        from .models import LessonPage, LessonSource, ModulePage

        pages = dict(pages)
        by_code = {locale.language_code: locale for locale in locales()}
        module_key = translation_key_for("module", f"{data['course']}/{data['module']}")
        parents = _by_language(ModulePage.objects.filter(translation_key=module_key))
        key = translation_key_for("lesson", data["slug"])
        for code, locale in by_code.items():
            page = pages.setdefault(
                code, LessonPage(slug=data["slug"], locale=locale, translation_key=key)
            )
            apply_title(page, data["title"], code)
            page.estimated_minutes = data["estimated_minutes"]
            page.position = data["position"]
            page.sources = build_sources(LessonSource, data)
            set_fields(page, protocol_fields(data.get("protocol")))
            page.credited_communities = credited_communities(data.get("communities"))
            page.quiz = [
                self._question_block(data["slug"], position, question, code)
                for position, question in enumerate(data.get("quiz", []))
            ]
            for position, question in enumerate(data.get("quiz", [])):
                apply_quiz_records(page, data["slug"], position, question, code)
        for field in self.translated:
            apply_localized_text(pages, field, data["text"].get(field))
        for code in LANGUAGE_CODES:
            publish(pages[code], parents[code])
        return pages

    def _question_block(self, slug, position, question, code):
        text, status, source = text_in(question["question"], code)
        return {
            "type": "question",
            "id": block_id("lesson", slug, position),
            "value": {
                "question": text,
                "status": str(status),
                "source": source,
                "answers": [
                    self._answer(answer, code) for answer in question["answers"]
                ],
            },
        }

    def _answer(self, answer, code):
        text, status, source = text_in(answer["text"], code)
        feedback, feedback_status, feedback_source = text_in(
            answer.get("feedback"), code
        )
        return {
            "text": text,
            "correct": bool(answer.get("correct")),
            "status": str(status),
            "source": source,
            "feedback": feedback,
            "feedback_status": str(feedback_status) if feedback else "",
            "feedback_source": feedback_source,
        }

    def link(self, data, pages, context):
        from .models import LessonGuide, LessonPlant

        if not data.get("plants") and not data.get("guides"):
            return
        plant_pages = _linked_page_model(LessonPlant, "plant").objects
        guide_pages = _linked_page_model(LessonGuide, "guide").objects
        for page in pages.values():
            page.plants = in_order(
                LessonPlant(plant=plant_pages.get(slug=slug, locale=page.locale))
                for slug in data.get("plants", [])
            )
            page.guides = in_order(
                LessonGuide(guide=guide_pages.get(slug=slug, locale=page.locale))
                for slug in data.get("guides", [])
            )
            publish(page)


def apply_quiz_records(page, slug, position, question, code):
    """Who wrote, reviewed and recorded a question, its answers and their
    feedback in ``code``, from the file."""
    question_id = block_id("lesson", slug, position)
    apply_text_record(
        page, block_text_key("quiz", question_id), question["question"], code
    )
    for number, answer in enumerate(question["answers"]):
        key = block_text_key("quiz", question_id, "answers", number)
        apply_text_record(page, key, answer["text"], code)
        apply_text_record(page, f"{key}:feedback", answer.get("feedback"), code)
