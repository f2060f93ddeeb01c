"""A plant proposed by a chakramama, as a draft in the moderation workflow,
all or nothing."""

import secrets

from django.db import transaction
from django.utils.text import Truncator, slugify
from wagtail.models import Locale

from knowledge_portal.core.languages import LANGUAGE_CODES
from knowledge_portal.core.ordering import in_order
from knowledge_portal.protocols.submissions.services import (
    apply_values,
    consent_values,
    protocol_values,
    save_photos,
    save_recording,
    submit_for_moderation,
)

from .models import (
    PlantGalleryImage,
    PlantIndexPage,
    PlantName,
    PlantProfilePage,
    PlantRecording,
    PlantUse,
)


@transaction.atomic
def submit_plant(user, data, language):
    """A proposed plant profile, as a draft in her language's plant index."""
    locale = Locale.objects.get(language_code=language)
    index = PlantIndexPage.objects.get(locale=locale)
    names = [
        (code, data[f"name_{code}"].strip())
        for code in (language, *LANGUAGE_CODES)
        if data.get(f"name_{code}", "").strip()
    ]
    title = names[0][1].capitalize()
    protocol = protocol_values(data)
    plant = PlantProfilePage(
        title=title,
        slug=f"{slugify(title) or 'planta'}-{secrets.token_hex(4)}",
        summary=Truncator(data.get("uses_text", "")).words(30),
        uses_text=data.get("uses_text", ""),
        practices=data.get("practices", ""),
        live=False,
        owner=user,
        locale=locale,
    )
    apply_values(plant, protocol)
    apply_values(plant, consent_values(user, data))
    seen = set()
    plant.names = in_order(
        PlantName(language=code, name=name, status="awaiting-review")
        for code, name in names
        if not (code in seen or seen.add(code))
    )
    plant.uses = in_order(
        PlantUse(category=category) for category in data.get("uses", [])
    )
    # Files first, so the page is saved once with them: each save of a page
    # also updates the search index (a Whoosh commit) and the shared cache.
    images = save_photos(user, data, protocol, title)
    plant.gallery_images = in_order(
        PlantGalleryImage(image=image, credit=plant.credit_line or title)
        for image in images
    )
    recording = save_recording(user, data, protocol, title)
    plant.recordings = [PlantRecording(recording=recording)] if recording else []
    index.add_child(instance=plant)
    return submit_for_moderation(plant, user)
