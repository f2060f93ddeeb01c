"""Restricted knowledge stays out of the Wagtail admin of editors outside its
community, even a Moderator with rights over the whole page tree.

The sweep asks every admin screen about every restricted page, revision and
image by id, crawls every admin link reachable from the dashboard, searches
pages, images, the admin API and the page chooser for the canary, then tries
the doors that change things (unpublish a page, rename an image). The same
sweep as a Moderator of the keepers finds everything, so it can fail.
"""

import re

import pytest
from django.urls import Resolver404, resolve
from wagtail.models import Page, ReferenceIndex

from .conftest import CANARY
from .crawler import body_of, walk

pytestmark = pytest.mark.django_db

# Searches ask in capitals: the admin repeats the query, but a result shows the
# canary as it is written.
QUERY = CANARY.upper()
REFUSED = (302, 403, 404, 405)
SKIP = re.compile(
    r"/logout/|/(enable|disable)/|^/admin/(editing-sessions|dismissibles)/"
)
# One screen (a view and its query keys) is crawled at most this many times;
# every restricted object is asked for by id anyway.
PER_SCREEN = 4


def restricted_pages():
    return list(Page.objects.filter(title__contains=CANARY).order_by("pk"))


def page_urls(page):
    urls = [
        f"/admin/pages/{page.pk}/{screen}"
        for screen in (
            "",
            "edit/",
            "edit/preview/",
            "view_draft/",
            "add_subpage/",
            "usage/",
            "history/",
            "history/results/",
            "revisions/",
            "revisions/compare/earliest...latest/",
            "revisions/compare/live...latest/",
            "move/",
            "copy/",
            "delete/",
            "unpublish/",
            "convert_alias/",
            "privacy/",
            "workflow_history/",
        )
    ]
    for revision in page.revisions.all():
        urls += [
            f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/",
            f"/admin/pages/{page.pk}/revisions/{revision.pk}/revert/",
            f"/admin/pages/{page.pk}/revisions/compare/earliest...{revision.pk}/",
        ]
    state = page.current_workflow_state
    if state:
        task_state = state.current_task_state
        urls += [
            f"/admin/pages/workflow/preview/{page.pk}/{task_state.task_id}/",
            f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
            f"/admin/pages/workflow/confirm_cancellation/{page.pk}/",
            f"/admin/pages/{page.pk}/workflow_history/detail/{state.pk}/",
        ]
    urls += [
        f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}"
        for action in ("delete", "move", "publish", "unpublish")
    ]
    urls += [f"/admin/api/main/pages/{page.pk}/", f"/admin/choose-page/{page.pk}/"]
    return urls


def image_urls(image):
    return [
        f"/admin/images/{image.pk}/",
        f"/admin/images/{image.pk}/delete/",
        f"/admin/images/{image.pk}/generate_url/",
        f"/admin/images/{image.pk}/generate_url/output/?filter_method=original",
        f"/admin/images/{image.pk}/preview/original/",
        f"/admin/images/{image.pk}/preview/fill-100x100/",
        f"/admin/images/usage/{image.pk}/",
        f"/admin/images/chooser/chosen/{image.pk}/",
        f"/admin/images/chooser/{image.pk}/select_format/",
        f"/admin/api/main/images/{image.pk}/",
        f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}",
    ]


RECORDINGS = "/admin/snippets/protocols/recording/"
CONTRIBUTIONS = "/admin/snippets/contributions/contribution/"


def snippet_urls(recordings, contributions):
    """Each screen of the admin's recordings and contributions about the
    restricted ones."""
    urls = []
    for base, items in ((RECORDINGS, recordings), (CONTRIBUTIONS, contributions)):
        for item in items:
            urls += [
                f"{base}{screen}/{item.pk}/"
                for screen in ("edit", "delete", "usage", "history", "inspect")
            ]
    urls += [
        f"/admin/snippets/choose/protocols/recording/chosen/{item.pk}/"
        for item in recordings
    ]
    return urls


def restricted_contributions(pages):
    from knowledge_portal.contributions.models import Contribution

    return list(Contribution.objects.filter(page__in=pages))


SEARCHES = [
    f"/admin/pages/search/?q={QUERY}",
    f"/admin/pages/search/results/?q={QUERY}",
    f"/admin/images/?q={QUERY}",
    f"/admin/images/results/?q={QUERY}",
    f"/admin/api/main/pages/?search={QUERY}",
    f"/admin/api/main/images/?search={QUERY}",
    f"/admin/choose-page/search/?q={QUERY}",
    f"/admin/images/chooser/results/?q={QUERY}",
    f"/admin/snippets/protocols/recording/?q={QUERY}",
    f"/admin/snippets/choose/protocols/recording/?q={QUERY}",
    f"/admin/reports/site-history/?q={QUERY}",
]


def referrer_forms(pages, image, recording):
    """The edit forms and comparisons of the pages that refer to restricted
    items (a public plant's companions, gallery, recordings; a lesson's
    plants), as Wagtail's reference index knows them."""
    referrers = set()
    for target in [*pages, image, recording]:
        for reference in ReferenceIndex.get_references_to(target):
            if reference.base_content_type.model_class() is Page:
                referrers.add(int(reference.object_id))
    urls = []
    for pk in sorted(referrers - {page.pk for page in pages}):
        urls += [
            f"/admin/pages/{pk}/edit/",
            f"/admin/pages/{pk}/revisions/compare/earliest...latest/",
        ]
    return urls


def admin_start(pages, image, recording):
    """The dashboard, the reports, the explorer around each restricted page and
    the forms of the pages that refer to restricted items."""
    parents = {page.get_parent().pk for page in pages}
    return [
        "/admin/",
        "/admin/reports/page-types-usage/",
        *referrer_forms(pages, image, recording),
        "/admin/pages/",
        "/admin/images/",
        "/admin/images/?layout=list",
        "/admin/images/results/",
        RECORDINGS,
        f"{RECORDINGS}results/",
        CONTRIBUTIONS,
        f"{CONTRIBUTIONS}results/",
        "/admin/snippets/protocols/community/",
        "/admin/snippets/choose/protocols/recording/",
        "/admin/reports/site-history/",
        "/admin/reports/site-history/?export=csv",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/api/main/pages/?limit=500",
        "/admin/choose-page/",
        "/admin/images/chooser/",
        *(f"/admin/pages/{pk}/" for pk in sorted(parents)),
        *(f"/admin/choose-page/{pk}/" for pk in sorted(parents)),
        *SEARCHES,
    ]


def admin_links(body):
    """Admin URLs written inside scripts, JSON and data attributes (the
    sidebar menu, for one)."""
    return [
        url.replace("\\u0026", "&").replace("&amp;", "&")
        for url in re.findall(r"""(/admin/[^"'\s<>\\]*)""", body)
    ]


def one_sample_per_screen():
    counts = {}

    def wanted(parsed):
        try:
            match = resolve(parsed.path)
        except Resolver404:
            return False
        keys = tuple(sorted(part.split("=")[0] for part in parsed.query.split("&")))
        screen = (match.view_name, keys)
        counts[screen] = counts.get(screen, 0) + 1
        return counts[screen] <= PER_SCREEN

    return wanted


def restricted_recordings():
    from knowledge_portal.protocols.models import Recording

    return list(Recording.objects.filter(title__contains=CANARY))


def shown_in(url, body, pages, image):
    """What of the restricted knowledge a response shows."""
    found = []
    if CANARY in url + body:
        found.append("canary")
    if "canary-photo" in body or image.file.url in body:
        found.append("restricted image file")
    links = [f"/admin/pages/{page.pk}/" for page in pages]
    links += [f"/admin/images/{image.pk}/", f"/admin/images/usage/{image.pk}/"]
    links += [
        url
        for url in snippet_urls(
            restricted_recordings(), restricted_contributions(pages)
        )
        if "/edit/" in url
    ]
    if any(link in body for link in links):
        found.append("link to a restricted object")
    return found


def admin_leaks(client, site):
    """Every place the admin shows this client restricted knowledge, and every
    change it let them make to it."""
    return list(find_admin_leaks(client, site))


def find_admin_leaks(client, site):
    """Yield each place the admin shows this client restricted knowledge, and
    each change it let them make to it, quickest doors first."""
    yield from find_admin_screen_leaks(client, site)
    yield from doors_left_open(client, restricted_pages(), site["image"])


def find_admin_screen_leaks(client, site):
    """Yield each place the admin shows this client restricted knowledge."""
    pages = restricted_pages()
    image = site["image"]
    # A screen that fails (a note has no template to preview) is a finding,
    # not the end of the sweep.
    client.raise_request_exception = False
    for url in [
        *(url for page in pages for url in page_urls(page)),
        *image_urls(image),
        *snippet_urls(restricted_recordings(), restricted_contributions(pages)),
    ]:
        response = client.get(url)
        if response.status_code not in REFUSED:
            yield ("admin screen", url, response.status_code)
        body = body_of(response)
        yield from ((what, url) for what in shown_in(url, body, pages, image))
    for url, _status, body in walk(
        client,
        start=admin_start(pages, image, site["recording"]),
        skip=SKIP,
        wanted=one_sample_per_screen(),
        more_links=admin_links,
    ):
        yield from ((what, url) for what in shown_in(url, body, pages, image))


def doors_left_open(client, pages, image):
    """Unpublish a restricted page, rename the restricted image."""
    found = []
    page = next(page for page in pages if page.live)
    client.post(f"/admin/pages/{page.pk}/unpublish/", {})
    if not Page.objects.get(pk=page.pk).live:
        found.append(("unpublished", page.pk))
    client.post(
        f"/admin/images/{image.pk}/",
        {"title": "Renamed", "collection": image.collection_id, "tags": ""},
    )
    image.refresh_from_db()
    if image.title == "Renamed":
        found.append(("renamed", image.pk))
    return found


def test_nothing_leaks_to_a_moderator_of_another_community(client, admin_site):
    client.force_login(admin_site["outside_moderator"])
    found = admin_leaks(client, admin_site)
    assert found == [], "\n".join(map(str, found))


def test_a_moderator_of_the_keepers_finds_everything(client, admin_site):
    client.force_login(admin_site["keeper_moderator"])
    search = f"/admin/pages/search/results/?q={QUERY}"
    expected = {
        "admin screen",
        "canary",
        "restricted image file",
        "link to a restricted object",
    }
    found = []
    # The sweep that must find nothing for an outsider stops here once it has
    # found every kind: the control only shows that each is findable.
    for entry in find_admin_screen_leaks(client, admin_site):
        found.append(entry)
        if expected <= {item[0] for item in found} and search in {
            item[1] for item in found
        }:
            break
    found += doors_left_open(client, restricted_pages(), admin_site["image"])
    kinds = {entry[0] for entry in found}
    assert expected | {"unpublished", "renamed"} <= kinds
    assert search in {entry[1] for entry in found}
