"""Content-file builders: tests create entries through the real importer."""

import copy
import io

from PIL import Image as PillowImage

from knowledge_portal.site.content.yaml_io import dump_yaml


def localized(spanish, qu=None, jiv=None):
    def entry(text):
        if text is None:
            return {"status": "awaiting-translation"}
        return {"status": "sourced", "text": text}

    return {
        "es": {"status": "sourced", "text": spanish},
        "qu": entry(qu),
        "jiv": entry(jiv),
    }


def titles(spanish, qu=None, jiv=None):
    """An entry's titles: a Kichwa or Shuar one given is sourced, the others
    await translation (the page shows the Spanish one, marked as such)."""

    def entry(title):
        return title if title is not None else {"status": "awaiting-translation"}

    return {"es": spanish, "qu": entry(qu), "jiv": entry(jiv)}


SITE = {
    "type": "site",
    "slug": "site",
    "home": {
        "title": {"es": "Inicio", "qu": "Chakra", "jiv": "Aja"},
        "intro": localized("Portada de prueba."),
    },
    "sections": [
        {
            "slug": "plantas",
            "page_type": "plants.PlantIndexPage",
            "title": titles("Plantas"),
        }
    ],
}


def plant(slug, scientific_name=None, **overrides):
    genus, _, species = slug.partition("-")
    data = {
        "type": "plant",
        "slug": slug,
        "scientific_name": scientific_name or f"{genus.capitalize()} {species}",
        "family": "Malvaceae",
        "title": titles(slug.title()),
        "names": [
            {
                "language": "es",
                "name": slug,
                "source": "test-source",
                "status": "sourced",
            }
        ],
        "layer": "canopy",
        "life_cycle": "long",
        "uses": ["commercial"],
        "sources": [{"key": "test-source", "citation": "A test source."}],
        "text": {"summary": localized(f"Resumen de {slug}.")},
    }
    data.update(copy.deepcopy(overrides))
    return data


def write_entry(directory, data, folder="plants"):
    target = directory / folder if data["type"] != "site" else directory
    target.mkdir(parents=True, exist_ok=True)
    name = "site.yaml" if data["type"] == "site" else f"{data['slug']}.yaml"
    path = target / name
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def png_bytes(width=64, height=48, color=(40, 120, 60)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def write_image(directory, slug, file_name, section="plants", **kwargs):
    folder = directory / section / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / file_name).write_bytes(png_bytes(**kwargs))


def numbered_slug(genus, number):
    """A slug whose species epithet is letters only, as botany requires."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return f"{genus}-{letters[number // 26]}{letters[number % 26]}"


def guide(slug, step_count=3, **overrides):
    data = {
        "type": "guide",
        "slug": slug,
        "title": titles(slug.title()),
        "difficulty": "medium",
        "sources": [{"key": "test-source", "citation": "A test source."}],
        "text": {
            "summary": localized(f"Guía {slug}."),
            "materials": localized("Cuchillo\nCinta"),
        },
        "steps": [
            {"kind": "step", "minutes": 5, "text": localized(f"Paso {number}.")}
            for number in range(1, step_count + 1)
        ]
        + [{"kind": "warning", "text": localized("Con cuidado.")}],
    }
    data.update(copy.deepcopy(overrides))
    return data


COURSE = {
    "type": "course",
    "slug": "curso-prueba",
    "title": titles("Curso"),
    "sources": [{"key": "test-source", "citation": "A test source."}],
    "text": {"intro": localized("Un curso de prueba.")},
    "modules": [
        {
            "slug": "modulo-uno",
            "title": titles("Módulo"),
            "intro": localized("Primer módulo."),
        }
    ],
}


def lesson(slug, questions=2, **overrides):
    data = {
        "type": "lesson",
        "slug": slug,
        "course": "curso-prueba",
        "module": "modulo-uno",
        "position": 1,
        "title": titles(slug.title()),
        "estimated_minutes": 30,
        "sources": [{"key": "test-source", "citation": "A test source."}],
        "text": {
            "summary": localized(f"Lección {slug}."),
            "objectives": localized("Aprender\nPracticar"),
            "body": localized("Cuerpo de la lección."),
            "activity": localized("Ir a la chakra."),
        },
        "quiz": [
            {
                "question": localized(f"¿Pregunta {number}?"),
                "answers": [
                    {
                        "correct": True,
                        "text": localized("Sí"),
                        "feedback": localized("Bien."),
                    },
                    {"text": localized("No"), "feedback": localized("Otra vez.")},
                ],
            }
            for number in range(1, questions + 1)
        ],
    }
    data.update(copy.deepcopy(overrides))
    return data


def write_learning(directory, lessons=(), guides=()):
    write_entry(directory, COURSE, folder="courses")
    for item in guides:
        write_entry(directory, item, folder="guides")
    for item in lessons:
        write_entry(directory, item, folder="lessons")


def wav_bytes(frames=800, rate=8000):
    """A short, silent, valid WAV file."""
    import struct

    data = b"\x00\x00" * frames
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    return header + b"data" + struct.pack("<I", len(data)) + data


#: What the polyglots below run if a browser ever takes them for a page or
#: a script: the browser test looks for both marks.
POLYGLOT_SCRIPT = "window.__pwned=1;document.title='pwned';"


def png_html_polyglot():
    """A valid PNG that a browser also runs as HTML: its text chunk holds a
    script, and HTML parsers skip the binary around it."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"<script>{POLYGLOT_SCRIPT}</script>")
    buffer = io.BytesIO()
    PillowImage.new("RGB", (16, 16), (46, 107, 58)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def jpeg_js_polyglot():
    """A valid JPEG that is also JavaScript when read as ISO-8859-1.

    Its first segment is 0x2F2A bytes long, which are the characters "/*":
    the JPEG marker before them reads as a variable name and a comment
    opens. A comment segment closes it and assigns the script to that
    variable, then opens another comment that the bytes after the image
    close.
    """
    import struct

    buffer = io.BytesIO()
    PillowImage.new("RGB", (16, 16), (46, 107, 58)).save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    app0_length = struct.unpack(">H", data[4:6])[0]
    jfif, rest = data[6 : 4 + app0_length], data[4 + app0_length :]
    length = 0x2F2A
    app0 = b"\xff\xe0" + struct.pack(">H", length) + jfif
    app0 += b"\x00" * (length - 2 - len(jfif))
    comment = f"*/={POLYGLOT_SCRIPT}/*".encode()
    com = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    assert b"*/" not in app0 + rest
    return b"\xff\xd8" + app0 + com + rest + b"*/"


def community_key(slug):
    """What a contribution form posts for a community: its key."""
    from knowledge_portal.protocols.models import Community

    return Community.objects.get(slug=slug).pk
