"""One publish writes each other translation once; the loader writes none."""

import shutil

import pytest
from django.conf import settings
from wagtail.models import Revision

from knowledge_portal.entries import pages
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.site.content.loader import load_content

pytestmark = pytest.mark.django_db

SLUG = "ilex-guayusa"


def versions():
    return {
        page.locale.language_code: page
        for page in PlantProfilePage.objects.filter(slug=SLUG).select_related("locale")
    }


def revision_counts():
    return {code: page.revisions.count() for code, page in versions().items()}


def test_publishing_one_language_writes_each_translation_once(seeded):
    before = revision_counts()
    es = versions()["es"]
    es.layer = "canopy"
    es.tk_labels = ["tk-attribution"]
    es.save_revision().publish()

    assert revision_counts() == {code: count + 1 for code, count in before.items()}
    for code in ("qu", "jiv"):
        other = versions()[code]
        assert (other.layer, other.tk_labels) == ("canopy", ["tk-attribution"])
        assert other.live_revision_id == other.latest_revision_id

    # Nothing differs any more: publishing again writes no other translation.
    versions()["es"].save_revision().publish()
    after = revision_counts()
    assert after["qu"] == before["qu"] + 1
    assert after["jiv"] == before["jiv"] + 1


def test_a_draft_translation_gets_one_unpublished_revision(seeded):
    versions()["qu"].unpublish()
    before = revision_counts()
    es = versions()["es"]
    es.family = "Malvaceae"
    es.save_revision().publish()

    qu = versions()["qu"]
    assert qu.revisions.count() == before["qu"] + 1
    assert not qu.live
    assert qu.family == "Malvaceae"
    assert qu.get_latest_revision_as_object().family == "Malvaceae"


def test_loading_content_makes_no_revision_beyond_its_own_publishes(
    seeded, monkeypatch, tmp_path
):
    """The loader writes each language itself: a changed neutral field
    (family) is published in all three, and nothing copies it again."""
    content = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, content)
    plant_file = content / "plants" / "ilex-guayusa.yaml"
    plant_file.write_text(
        plant_file.read_text(encoding="utf-8").replace(
            "family: Aquifoliaceae", "family: Malvaceae"
        ),
        encoding="utf-8",
    )
    loader_publishes = []
    publish_alone = pages.publish_alone

    def counted(revision):
        loader_publishes.append(revision.pk)
        return publish_alone(revision)

    monkeypatch.setattr(pages, "publish_alone", counted)
    before = Revision.objects.count()
    report = load_content(content)
    assert not report.errors
    assert report.counts["updated"] == 1
    assert loader_publishes
    assert Revision.objects.count() - before == len(loader_publishes)
    assert set(
        PlantProfilePage.objects.filter(slug="ilex-guayusa").values_list(
            "family", flat=True
        )
    ) == {"Malvaceae"}
