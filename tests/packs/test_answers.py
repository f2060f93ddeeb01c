"""Answers come back: files saved in a class pack, uploaded on the class
page, merge into the learners' progress once; files edited by hand, for
another class, or that are not answers files are refused and change
nothing."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from knowledge_portal.learning.models import Completion, QuizAnswer, QuizAttempt
from knowledge_portal.packs import answers
from knowledge_portal.packs.models import MergedAnswerEntry

from . import classroom

pytestmark = pytest.mark.django_db

SIGNING_JS = Path(answers.__file__).resolve().parent / "static" / "packs" / "signing.js"


@pytest.fixture
def classroom_pack(client, seeded):
    """Tercero (two lessons assigned, two learners) and the pack its teacher
    downloaded."""
    school_class, teacher, learners, lessons = classroom.class_with_lessons()
    files = classroom.download_pack(client, school_class, teacher)
    return school_class, teacher, learners, lessons, files


def counts():
    return (
        QuizAttempt.objects.count(),
        QuizAnswer.objects.count(),
        Completion.objects.count(),
        MergedAnswerEntry.objects.count(),
    )


def notices(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [notice.text for notice in page.select(".messages .notice")]


def progress_cells(response, learner):
    page = BeautifulSoup(response.content, "html.parser")
    (row,) = [
        row
        for row in page.select("table.progress tbody tr")
        if row.th.text == learner.username
    ]
    return [cell.text for cell in row.select("td")]


def test_an_answers_file_merges_progress_once(client, classroom_pack):
    school_class, _teacher, learners, lessons, files = classroom_pack
    sisa = learners[0]
    first, second = lessons
    document = classroom.answers_file(
        files,
        sisa,
        [
            classroom.quiz_entry(first, right=False),
            classroom.quiz_entry(first, right=True),
            classroom.done_entry(first),
        ],
    )
    before = counts()
    response = classroom.upload(client, school_class, document)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/es/classes/{school_class.pk}/"
    (notice,) = notices(response)
    assert "answers-0.json (tercero-sisa)" in notice
    assert "Revisiones de preguntas añadidas: 2" in notice
    assert "Lecciones terminadas: 1" in notice

    questions = len(first.questions)
    assert counts() == (
        before[0] + 2,
        before[1] + questions,
        before[2] + 1,
        before[3] + 3,
    )
    # The class page shows it: the first lesson done, best and latest quiz.
    cells = progress_cells(response, sisa)
    assert cells[0].startswith("✓")
    assert f"mejor {questions}/{questions}" in cells[0]
    assert f"última {questions}/{questions}" in cells[0]
    assert cells[1].startswith("–")
    # The other learner has nothing.
    assert all(cell.startswith("–") for cell in progress_cells(response, learners[1]))

    # The same file again adds nothing, and says so.
    after = counts()
    response = classroom.upload(client, school_class, document)
    (notice,) = notices(response)
    assert "nada nuevo" in notice
    assert counts() == after

    # A later file holds her earlier entries and a new one: only the new one
    # is added.
    later = classroom.answers_file(
        files, sisa, [*document["entries"], classroom.quiz_entry(second)]
    )
    response = classroom.upload(client, school_class, later)
    assert "Revisiones de preguntas añadidas: 1" in notices(response)[0]
    assert counts()[0] == after[0] + 1


def test_a_file_edited_by_hand_is_refused_and_changes_nothing(client, classroom_pack):
    school_class, _teacher, learners, lessons, files = classroom_pack
    document = classroom.answers_file(
        files, learners[0], [classroom.quiz_entry(lessons[0], right=False)]
    )
    before = counts()
    response = classroom.upload(
        client,
        school_class,
        classroom.tampered(document),
        names={0: "answers-sisa-2026-12-08.json"},
    )
    (notice,) = notices(response)
    assert notice.startswith("answers-sisa-2026-12-08.json fue rechazado")
    assert "editado a mano" in notice
    assert counts() == before
    # Another learner's name on her file is an edit too.
    renamed = dict(document, learner=learners[1].pk)
    response = classroom.upload(client, school_class, renamed)
    assert "editado a mano" in notices(response)[0]
    assert counts() == before


def test_another_classs_file_is_refused(client, classroom_pack):
    school_class, _teacher, _learners, _lessons, _files = classroom_pack
    other, other_teacher, other_learners, other_lessons = classroom.class_with_lessons(
        "profe-kinti", "Cuarto"
    )
    other_files = classroom.download_pack(client, other, other_teacher)
    document = classroom.answers_file(
        other_files, other_learners[0], [classroom.done_entry(other_lessons[0])]
    )
    client.force_login(school_class.teacher)
    before = counts()
    response = classroom.upload(client, school_class, document)
    (notice,) = notices(response)
    assert "Tiene respuestas de otra clase, no de esta." in notice
    assert counts() == before
    # Relabelled for this class, its signature no longer holds.
    relabelled = dict(document, **{"class": school_class.pk})
    response = classroom.upload(client, school_class, relabelled)
    assert "no está" in notices(response)[0]
    assert counts() == before


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "No es un archivo de respuestas"),
        (b"{not json", "No es un archivo de respuestas"),
        (b"[1, 2, 3]", "No es un archivo de respuestas"),
        (b"[" * 200_000, "No es un archivo de respuestas"),
        (b'{"format": "chakra-portal-answers"}', "No es un archivo de respuestas"),
        (b" " * (answers.MAX_FILE_SIZE + 1), "demasiado grande"),
    ],
)
def test_garbage_is_refused_with_a_clear_message(
    client, classroom_pack, content, message
):
    school_class, *_rest = classroom_pack
    before = counts()
    response = classroom.upload(client, school_class, content)
    assert response.status_code == 200
    (notice,) = notices(response)
    assert "fue rechazado" in notice and message in notice
    assert counts() == before


def test_each_file_of_an_upload_is_reported(client, classroom_pack):
    school_class, _teacher, learners, lessons, files = classroom_pack
    good = classroom.answers_file(
        files, learners[1], [classroom.done_entry(lessons[1])]
    )
    bad = classroom.tampered(
        classroom.answers_file(files, learners[0], [classroom.quiz_entry(lessons[0])])
    )
    response = classroom.upload(
        client, school_class, good, bad, names={0: "nantu.json", 1: "sisa.json"}
    )
    first, second = notices(response)
    assert first.startswith("nantu.json (tercero-nantu)")
    assert second.startswith("sisa.json fue rechazado")
    assert Completion.objects.filter(learner=learners[1]).count() == 1
    assert not QuizAttempt.objects.filter(learner=learners[0]).exists()
    # Nothing chosen: said, nothing done.
    response = client.post(f"/es/classes/{school_class.pk}/answers/", follow=True)
    assert "Elija uno o más archivos" in notices(response)[0]


def test_a_file_is_merged_whole_or_not_at_all(client, classroom_pack, monkeypatch):
    school_class, _teacher, learners, lessons, files = classroom_pack
    document = classroom.answers_file(
        files,
        learners[0],
        [classroom.quiz_entry(lessons[0]), classroom.done_entry(lessons[1])],
    )
    real = answers.learning_services.mark_done

    def failing(*args):
        real(*args)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(answers.learning_services, "mark_done", failing)
    client.raise_request_exception = True
    before = counts()
    with pytest.raises(RuntimeError):
        classroom.upload(client, school_class, document)
    assert counts() == before


@pytest.mark.skipif(not shutil.which("node"), reason="needs Node.js")
def test_the_packs_plain_javascript_hmac_is_pythons():
    """The HMAC the pack computes where Web Crypto is missing equals the one
    the site checks, over the same canonical JSON."""
    key = "0f" * 32
    payload = {
        "learner_name": 'Ñusta wiñak\n\u2028 \u001f "x"',
        "entries": [{"answers": {"b": 1, "a": 0}, "id": "x" * 70}],
        "class": 3,
        "pack": None,
    }
    script = f"""
      require({json.dumps(str(SIGNING_JS))});
      const s = globalThis.chakraSigning;
      const payload = {json.dumps(payload)};
      const message = s.utf8(s.canonical(payload));
      const long = new Uint8Array(1000).fill(97);
      console.log(JSON.stringify([
        new TextDecoder().decode(message),
        s.toHex(s.hmacSha256(s.fromHex({json.dumps(key)}), message)),
        s.toHex(s.sha256(long)),
        s.toHex(s.hmacSha256(long, message)),
      ]));
    """
    output = subprocess.run(
        ["node", "-e", script], capture_output=True, text=True, check=True
    ).stdout
    canonical, signature, digest, long_key = json.loads(output)
    assert canonical.encode() == answers.canonical(payload)
    assert signature == answers.sign(key, payload)
    import hashlib
    import hmac

    assert digest == hashlib.sha256(b"a" * 1000).hexdigest()
    assert (
        long_key
        == hmac.new(b"a" * 1000, answers.canonical(payload), hashlib.sha256).hexdigest()
    )


def test_entries_for_lessons_she_may_not_see_are_left_out(client, classroom_pack):
    """A pack holds no such lesson, so such an entry came from elsewhere."""
    from django.contrib.auth.models import Group

    from knowledge_portal.learning.models import LessonPage

    school_class, _teacher, learners, lessons, files = classroom_pack
    keepers = Group.objects.create(name="Guardianas")
    for page in LessonPage.objects.filter(translation_key=lessons[1].translation_key):
        page.access, page.access_group = "restricted", keepers
        page.save_revision().publish()
    document = classroom.answers_file(
        files,
        learners[0],
        [classroom.done_entry(lessons[0]), classroom.done_entry(lessons[1])],
    )
    response = classroom.upload(client, school_class, document)
    (notice,) = notices(response)
    assert "Lecciones terminadas: 1" in notice
    assert "Dejadas de lado" in notice and notice.endswith(": 1.")
    done = Completion.objects.filter(learner=learners[0])
    assert list(done.values_list("translation_key", flat=True)) == [
        lessons[0].translation_key
    ]
