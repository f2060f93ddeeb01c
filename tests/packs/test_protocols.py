"""Protocols hold offline: a pack holds only what its viewer (for a class,
every member) may see, checked over the unzipped pack as the leak crawl
checks the site (tests/protocols)."""

import datetime
import hashlib
import json
import posixpath

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError
from django.utils import timezone, translation

from knowledge_portal.core import photos
from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning.models import Assignment, LessonPage
from knowledge_portal.packs.classes import build_class_pack
from knowledge_portal.plants.models import PlantProfilePage
from tests.protocols.conftest import CANARY
from tests.protocols.test_leaks import restricted_media

from .checks import checksum_errors, outside_links, read_pack

pytestmark = pytest.mark.django_db

LANGUAGES = ("es", "qu", "jiv")
SECRET_SLUGS = ("canaria-secreta", "guia-canaria", "estacion-canaria")


@pytest.fixture
def canary_pages(restricted_site):
    """Public pages that link to the hidden ones or show hidden media: the
    lessons and guides linking to the restricted plant, and the guayusa
    profile with a restricted photo, recording, note and companion."""
    lessons = LessonPage.objects.live().filter(plants__plant__slug="canaria-secreta")
    guides = GuidePage.objects.live().filter(
        access="public", plants__plant__slug="canaria-secreta"
    )
    guayusa = PlantProfilePage.objects.filter(slug="ilex-guayusa", live=True)
    pages = [*lessons.distinct(), *guides.distinct(), *guayusa]
    assert lessons.exists() and guides.exists()
    return pages


def restricted_files(site):
    """sha256 of every restricted file (originals and renditions), and the
    names they are stored under."""
    digests, names = set(), set()
    for image in site["images"]:
        renditions = list(image.get_renditions(*photos.SPECS).values())
        for stored in [image.file, *(rendition.file for rendition in renditions)]:
            with stored.open("rb") as reading:
                digests.add(hashlib.sha256(reading.read()).hexdigest())
    for recording in site["recordings"]:
        with recording.file.open("rb") as reading:
            digests.add(hashlib.sha256(reading.read()).hexdigest())
    for url in restricted_media(site):
        names.add(posixpath.basename(url).lower())
    return digests, names


def traces(files, site):
    """Each (kind, file) where the canary or a restricted file shows up: the
    leak crawl's text checks, over every file of the pack."""
    digests, names = restricted_files(site)
    found = set()
    for name, data in files.items():
        text = data.decode("utf-8", "replace").lower()
        if CANARY.lower() in text or CANARY.lower() in name.lower():
            found.add(("text", name))
        if hashlib.sha256(data).hexdigest() in digests:
            found.add(("media file", name))
        if any(media in text or media in name.lower() for media in names):
            found.add(("media link", name))
        if any(slug in text or slug in name for slug in SECRET_SLUGS):
            found.add(("hidden page", name))
    return sorted(found)


def test_an_anonymous_pack_holds_no_trace_of_restricted_knowledge(
    export_pack,
    canary_pages,
    restricted_site,
):
    files = read_pack(export_pack(canary_pages, languages=LANGUAGES))
    assert traces(files, restricted_site) == []
    assert checksum_errors(files) == [] and outside_links(files) == []
    # The public pages are there, with the links to hidden ones left out.
    manifest = json.loads(files["manifest.json"])
    assert {item["kind"] for item in manifest["items"]} == {"lesson", "guide", "plant"}


def test_another_communitys_member_gets_no_trace_of_it(
    export_pack,
    canary_pages,
    restricted_site,
):
    outsider = restricted_site["outsider"].username
    files = read_pack(export_pack(canary_pages, languages=LANGUAGES, username=outsider))
    assert traces(files, restricted_site) == []


def test_the_right_communitys_member_finds_it_in_her_pack(
    export_pack,
    canary_pages,
    restricted_site,
):
    member = restricted_site["member"].username
    files = read_pack(export_pack(canary_pages, languages=LANGUAGES, username=member))
    kinds = {kind for kind, _name in traces(files, restricted_site)}
    assert kinds == {"text", "media file", "media link", "hidden page"}
    assert checksum_errors(files) == [] and outside_links(files) == []
    manifest = json.loads(files["manifest.json"])
    secret = next(
        item
        for item in manifest["items"]
        if item["pages"]["es"]["path"].endswith("canaria-secreta.html")
    )
    # Packed because a lesson links to it, with its protocol as it was.
    assert not secret["asked_for"]
    assert secret["protocol"]["access"] == "restricted"
    assert secret["protocol"]["group"] == "Chakramamas de Sarayaku"
    note = next(
        within
        for item in manifest["items"]
        for within in item["within"]
        if within["protocol"]["access"] == "community"
    )
    assert note["protocol"]["communities"][0]["slug"] == "sarayaku"


def test_a_page_the_viewer_may_not_see_is_refused_without_naming_it(
    export_pack,
    restricted_site,
):
    secret = PlantProfilePage.objects.get(
        slug="canaria-secreta", locale__language_code="es"
    )
    outsider = restricted_site["outsider"].username
    with translation.override("es"), pytest.raises(CommandError) as refused:
        export_pack([secret], languages=("es",), username=outsider)
    assert f"La página {secret.pk} no se muestra a {outsider}" in str(refused.value)
    assert CANARY not in str(refused.value)
    # Her own community's member may pack it.
    export_pack([secret], languages=("es",), username="sisa")


def assign(school_class, pages):
    for page in pages:
        Assignment.objects.create(
            school_class=school_class, page=page, assigned_by=school_class.teacher
        )


def test_a_class_pack_holds_only_what_every_member_may_see(
    make_class,
    canary_pages,
    restricted_site,
    tmp_path,
):
    teacher = restricted_site["keeper_moderator"]
    secret = PlantProfilePage.objects.get(
        slug="canaria-secreta", locale__language_code="es"
    )
    pages = [page for page in canary_pages if page.locale.language_code == "es"]
    mixed = make_class(
        teacher, [restricted_site["member"], restricted_site["outsider"]]
    )
    assign(mixed, [*pages, secret])
    manifest, left_out = build_class_pack(mixed, tmp_path / "mixed.zip", ["es", "qu"])
    assert left_out == 1
    assert manifest["class"] == {"id": mixed.pk, "name": "Tercero"}
    assert traces(read_pack(tmp_path / "mixed.zip"), restricted_site) == []

    keepers = make_class(teacher, [restricted_site["member"]], name="Cuarto")
    assign(keepers, [*pages, secret])
    manifest, left_out = build_class_pack(keepers, tmp_path / "keepers.zip", ["es"])
    assert left_out == 0
    files = read_pack(tmp_path / "keepers.zip")
    assert ("text", "es/plants/canaria-secreta.html") in traces(files, restricted_site)


def end_of_month(day):
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def test_a_seasonal_item_bounds_the_pack_and_its_first_page_says_so(
    export_pack,
    canary_pages,
    restricted_site,
):
    today = timezone.localdate()
    next_month = end_of_month(today) + datetime.timedelta(days=1)
    for page in PlantProfilePage.objects.filter(slug="ilex-guayusa"):
        page.season_months = [today.month, next_month.month]
        page.save_revision().publish()
    files = read_pack(export_pack(canary_pages, languages=("qu", "es")))
    manifest = json.loads(files["manifest.json"])
    closes = end_of_month(next_month)
    assert manifest["valid_until"] == closes.isoformat()
    guayusa = next(
        item
        for item in manifest["items"]
        if item["pages"]["es"]["path"].endswith("ilex-guayusa.html")
    )
    assert guayusa["open_until"] == closes.isoformat()
    assert guayusa["protocol"]["season_months"] == [today.month, next_month.month]
    for first_page in ("index.html", "es/index.html"):
        notice = BeautifulSoup(files[first_page], "html.parser").select_one(
            "#valid-until"
        )
        assert notice and str(closes.year) in notice.get_text()
