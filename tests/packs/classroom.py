"""A class with lessons assigned and learners, and answers files made the
way a class pack's script makes them (static/packs/answers.js), from the
keys the built pack holds."""

import copy
import io
import json
import re
import secrets
import zipfile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from knowledge_portal.core import roles
from knowledge_portal.learning import services
from knowledge_portal.packs import answers

from . import material

PASSWORD = "a-long-passphrase-9"


def make_teacher(username):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=roles.TEACHER))
    return user


def class_with_lessons(teacher_name="profe-rosa", name="Tercero", lessons=2):
    """A class of two learners (one learning in Kichwa, one in Spanish) with
    ``lessons`` lessons (with their quizzes) assigned."""
    teacher = make_teacher(teacher_name)
    school_class = services.create_class(teacher, "Escuela de la chakra", name)
    pages, _guides = material.class_pages()
    for page in pages[:lessons]:
        services.assign(school_class, page, None, "", teacher)
    learners = [
        services.create_learner(f"{name.lower()}-sisa", PASSWORD, "qu", school_class),
        services.create_learner(f"{name.lower()}-nantu", PASSWORD, "es", school_class),
    ]
    return school_class, teacher, learners, pages[:lessons]


def download_pack(client, school_class, teacher, language="es"):
    """The class pack as the teacher downloads it: {name: bytes}."""
    client.force_login(teacher)
    response = client.get(f"/{language}/classes/{school_class.pk}/pack.zip")
    assert response.status_code == 200, response.status_code
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pack_data(files):
    """What pack.js gives the pack's script."""
    text = files["pack.js"].decode()
    match = re.fullmatch(r"window\.chakraPack = (.*);\n", text, re.S)
    return json.loads(match.group(1))


def quiz_answers(page, right=True):
    """For each question of ``page``, the index of a right (or a wrong)
    answer."""
    return {
        block.id: next(
            index
            for index, answer in enumerate(block.value["answers"])
            if bool(answer["correct"]) is right
        )
        for block in page.questions
    }


def quiz_entry(page, right=True):
    return {
        "id": secrets.token_hex(16),
        "kind": "quiz",
        "lesson": str(page.translation_key),
        "answers": quiz_answers(page, right),
        "at": timezone.now().isoformat(),
    }


def done_entry(page):
    return {
        "id": secrets.token_hex(16),
        "kind": "done",
        "lesson": str(page.translation_key),
        "at": timezone.now().isoformat(),
    }


def answers_file(files, learner, entries):
    """An answers file for ``learner``, signed with the key the pack holds
    for her, as the pack's script signs it."""
    data = pack_data(files)
    (held,) = [entry for entry in data["learners"] if entry["id"] == learner.pk]
    payload = {
        "format": "chakra-portal-answers",
        "format_version": 1,
        "pack": data["id"],
        "class": data["class"],
        "learner": learner.pk,
        "learner_name": held["name"],
        "saved_at": timezone.now().isoformat(),
        "entries": entries,
    }
    return {**payload, "signature": answers.sign(held["key"], payload)}


def upload(client, school_class, *documents, language="es", names=None):
    """Upload answers files (dicts, or raw bytes) on the class page."""
    uploads = []
    for index, document in enumerate(documents):
        content = (
            document
            if isinstance(document, bytes)
            else json.dumps(document, indent=1).encode()
        )
        name = (names or {}).get(index, f"answers-{index}.json")
        uploads.append(SimpleUploadedFile(name, content, "application/json"))
    return client.post(
        f"/{language}/classes/{school_class.pk}/answers/",
        {"files": uploads},
        follow=True,
    )


def tampered(document):
    changed = copy.deepcopy(document)
    entry = next(entry for entry in changed["entries"] if entry["kind"] == "quiz")
    question = next(iter(entry["answers"]))
    entry["answers"][question] += 1
    return changed
