"""Answers come back, in a real browser: the teacher downloads her class's
pack from the class page, a learner opens it from file:// on a 360 px phone,
checks a quiz, marks the lesson done and saves her answers file, and the
teacher uploads that very file on the class page, where her progress
appears."""

import zipfile

from playwright.sync_api import expect

from knowledge_portal.learning import services
from knowledge_portal.learning.models import Completion, QuizAttempt
from tests.browser.offline import offline_tab
from tests.browser.phone import browser_test, in_spanish
from tests.packs import classroom

pytestmark = browser_test


def right_answer(question):
    return next(
        index
        for index, answer in enumerate(question.value["answers"])
        if answer["correct"]
    )


def test_answers_saved_in_the_pack_come_back_to_the_class_page(
    phone, browser, tmp_path
):
    school_class, teacher, learners, lessons = classroom.class_with_lessons()
    # A learner in Shuar too, so that the pack holds all three languages.
    services.create_learner("tercero-yawa", classroom.PASSWORD, "jiv", school_class)
    sisa = learners[0]
    lesson = lessons[0]
    page = phone.page

    # The teacher's class page, with the pack to download and the upload form.
    phone.open(f"/es/classes/{school_class.pk}/")
    phone.sign_in(teacher.username, classroom.PASSWORD)
    expect(page.locator("#pack a.button")).to_be_visible()
    expect(page.locator("#answers-files")).to_be_attached()
    phone.check("es-class-page")
    with page.expect_download() as downloading:
        page.locator("#pack a.button").click()
    download = downloading.value
    assert download.suggested_filename.endswith(".zip")
    download.save_as(tmp_path / "pack.zip")
    folder = tmp_path / "pack"
    with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
        archive.extractall(folder)

    # The learner's phone, on the unzipped pack: nothing leaves it.
    learner = offline_tab(browser, folder, phone.name + "-pack", accept_downloads=True)
    tab, outside, failed = learner.page, learner.outside, learner.failed
    try:
        tab.goto(learner.url("index.html"))
        learner.check("es-contents")
        tab.locator(f'#lessons a[href$="{lesson.slug}.html"]').click()
        tab.locator('nav.languages a[hreflang="qu"]').click()
        expect(tab.locator("html")).to_have_attribute("lang", "qu")
        # Web Crypto or the pack's own HMAC: either signs (noted for the
        # record: Chromium offers crypto.subtle on file://).
        print(
            "crypto.subtle on file://:",
            tab.evaluate("() => Boolean(window.isSecureContext && crypto.subtle)"),
        )
        quiz = tab.locator("#quiz")
        tab.locator("#check-answers").click()
        expect(quiz.locator("p.score")).to_have_text(
            in_spanish("Choose an answer before checking.")
        )
        for question in lesson.questions:
            quiz.locator(
                f'input[name="q-{question.id}"][value="{right_answer(question)}"]'
            ).check()
        tab.locator("#check-answers").click()
        total = len(lesson.questions)
        expect(quiz.locator("p.feedback.right:visible")).to_have_count(total)
        expect(quiz.locator("p.feedback.wrong:visible")).to_have_count(0)
        expect(quiz.locator("p.score")).to_contain_text(f"{total}")
        tab.locator("#mark-done").click()
        expect(tab.locator("#done p.notice")).to_be_visible()
        expect(tab.locator("#mark-done")).to_be_hidden()
        # Saving asks who she is first; what she did before is hers.
        tab.locator("#save-answers").click()
        expect(tab.locator("#my-answers p.notice")).to_have_text(
            in_spanish("Choose your name first.")
        )
        tab.locator("#pack-learner").select_option(str(sisa.pk))
        expect(quiz.locator("p.feedback.right:visible")).to_have_count(total)
        learner.check("qu-lesson-checked")

        # Kept on the device: the other languages show her answers checked.
        for code in ("es", "jiv"):
            tab.locator(f'nav.languages a[hreflang="{code}"]').click()
            expect(tab.locator("html")).to_have_attribute("lang", code)
            expect(quiz.locator("p.feedback.right:visible")).to_have_count(total)
            expect(quiz.locator("p.score")).to_contain_text(f"{total}")
            expect(tab.locator("#pack-learner")).to_have_value(str(sisa.pk))
            expect(tab.locator("#mark-done")).to_be_hidden()
            expect(tab.locator("#done p.notice")).to_be_visible()
            learner.check(f"{code}-lesson-checked")

        with tab.expect_download() as saving:
            tab.locator("#save-answers").click()
        saved = saving.value
        assert saved.suggested_filename.startswith("answers-tercero-sisa-")
        assert saved.suggested_filename.endswith(".json")
        answers_path = tmp_path / saved.suggested_filename
        saved.save_as(answers_path)
        expect(tab.locator("#my-answers p.notice")).to_contain_text(
            saved.suggested_filename
        )
        learner.check("jiv-answers-saved")
        assert outside == [], outside
        assert failed == [], failed
    finally:
        learner.context.close()
    learner.finish()

    # The teacher uploads that very file; progress appears.
    assert not QuizAttempt.objects.filter(learner=sisa).exists()
    page.locator("#answers-files").set_input_files(answers_path)
    page.locator("#pack form button[type=submit]").click()
    expect(page.locator(".messages .notice")).to_contain_text(saved.suggested_filename)
    phone.check("es-class-uploaded")
    assert QuizAttempt.objects.filter(learner=sisa).count() == 1
    assert Completion.objects.filter(
        learner=sisa, translation_key=lesson.translation_key
    ).exists()
    row = page.locator("table.progress tbody tr").filter(has_text=sisa.username)
    expect(row.locator("td").first).to_contain_text("✓")
    expect(row.locator("td").first).to_contain_text(f"{total}/{total}")

    # The same file again: nothing new.
    page.locator("#answers-files").set_input_files(answers_path)
    page.locator("#pack form button[type=submit]").click()
    expect(page.locator(".messages .notice")).to_contain_text(
        in_spanish(
            "%(file)s (%(learner)s): nothing new, its answers were already here."
        )
        % {"file": saved.suggested_filename, "learner": sisa.username}
    )
    phone.check("es-class-uploaded-again")
    assert QuizAttempt.objects.filter(learner=sisa).count() == 1

    # The class page in Kichwa and Shuar.
    for code in ("qu", "jiv"):
        phone.open(f"/{code}/classes/{school_class.pk}/")
        expect(page.locator("#pack a.button")).to_be_visible()
        phone.check(f"{code}-class-page")
