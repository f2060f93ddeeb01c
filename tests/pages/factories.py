"""Pages of realistic size for counting queries: several blocks, notes with
photos and recordings, credits, audio and related plants, built through the
content files (tests/factories.py) and the real loader."""

from tests import factories

PLANT = "magna-realis"
GUIDE = "guia-realista"
LESSON = "leccion-realista"
COMPANIONS = ["ilex-guayusa", "theobroma-cacao", "musa-spp", "inga-edulis"]


def _note(number, language="es"):
    return {
        "slug": f"nota-{number}",
        "language": language,
        "kind": "practice",
        "title": f"Nota {number}",
        "text": f"Se siembra en luna nueva ({number}).",
        "communities": ["kallari"],
        "images": [{"file": f"note-{number}.png"}],
        "recordings": [{"file": f"note-{number}.wav", "title": f"Voz {number}"}],
    }


def _credited(spanish, qu_text):
    text = factories.localized(spanish)
    text["qu"] = {
        "status": "community-reviewed",
        "text": qu_text,
        "credit": {"name": "Rosa", "community": "kallari", "date": "2026-12-07"},
        "reviewed": {"community": "kallari", "date": "2026-12-08"},
    }
    return text


def realistic_plant(directory, size=4):
    """A plant with ``size`` names, photos, recordings, notes and companions."""
    folder = directory / "plants" / PLANT
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(size):
        factories.write_image(
            directory, PLANT, f"photo-{number}.png", color=(number * 20, 90, 40)
        )
        (folder / f"voice-{number}.wav").write_bytes(factories.wav_bytes())
    for number in range(2 * size):
        factories.write_image(directory, PLANT, f"note-{number}.png")
        (folder / f"note-{number}.wav").write_bytes(factories.wav_bytes())
    data = factories.plant(
        PLANT,
        title=factories.titles("Planta realista", qu="Yura"),
        names=[
            {
                "language": language,
                "name": f"{language}{number}",
                "variants": [f"{language}{number}x"],
                "source": "test-source",
                "status": "sourced",
            }
            for number in range(size)
            for language in ("es", "qu")
        ],
        uses=["commercial", "medicinal", "staple-food"][: max(1, min(size, 3))],
        parts_used=["leaf", "fruit"],
        propagation=[
            {"method": "grafting", "guide": "cacao-cleft-graft"},
            {"method": "seed"},
        ],
        companions=COMPANIONS[:size],
        planting_months=[1, 2, 3],
        harvest_months=[8, 9],
        provinces=["Napo"],
        communities=["kallari", "winak"],
        contributors=["Rosa Grefa"],
        text={
            "summary": _credited("Resumen realista.", "Yura rimay."),
            "description": factories.localized("Descripción larga."),
            "uses": factories.localized("Usos."),
            "practices": factories.localized("Prácticas."),
        },
        images=[
            {
                "file": f"photo-{number}.png",
                "credit": "Sisa",
                "caption": factories.localized(f"Hoja {number}."),
            }
            for number in range(size)
        ],
        recordings=[
            {"file": f"voice-{number}.wav", "title": f"Canto {number}"}
            for number in range(size)
        ],
        notes=[_note(number) for number in range(size)]
        + [_note(size + number, "qu") for number in range(size)],
    )
    factories.write_entry(directory, data)
    return data


def realistic_guide(directory, size=4):
    data = factories.guide(
        GUIDE,
        step_count=size * 2,
        plants=[PLANT, *COMPANIONS[:size]],
        communities=["kallari"],
    )
    factories.write_entry(directory, data, folder="guides")
    return data


def realistic_lesson(directory, size=4):
    data = factories.lesson(
        LESSON,
        questions=size,
        course="escuela-agroecologica-chakra",
        module="la-chakra-y-sus-capas",
        position=9,
        plants=[PLANT, *COMPANIONS[:size]],
        guides=[GUIDE, "cacao-cleft-graft"],
        communities=["kallari"],
    )
    data["text"]["summary"] = _credited("Lección realista.", "Yachay.")
    factories.write_entry(directory, data, folder="lessons")
    return data
