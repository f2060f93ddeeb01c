"""The language reviewers' screen: who may open it, what it lists, and
writing, reviewing and confirming a string through it."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from knowledge_portal.core.catalog_overlay import message_key
from knowledge_portal.core.text_status import TextStatus
from knowledge_portal.interface.catalog import language_catalog
from knowledge_portal.interface.models import Confirmation, InterfaceString

from . import factories

SCREEN = "/qu/workbench/interface/"
JOIN = "Join a class"
PLURAL = "%(counter)s plant"


def anchor(msgid, language="qu", context=""):
    return language_catalog(language).get(message_key(context, msgid)).anchor


def post(client, msgid, *texts, action="save", credit=None, url=SCREEN, language="qu"):
    prefix = anchor(msgid, language)
    data = {"string": prefix, f"{prefix}-action": action}
    for index, text in enumerate(texts):
        data[f"{prefix}-text_{index}"] = text
    if credit is not None:
        data[f"{prefix}-credit"] = credit
    return client.post(url, data)


def credits(client, msgid, url=SCREEN):
    html = BeautifulSoup(client.get(url, {"q": msgid}).content, "html.parser")
    field = html.select_one(f"#{anchor(msgid)} [name$=-credit]")
    if field.name == "input":
        return {field["value"]: None}
    return {o["value"]: o.get_text() for o in field.select("option")}


def card(response, msgid, language="qu"):
    html = BeautifulSoup(response.content, "html.parser")
    return html.select_one(f"#{anchor(msgid, language)}")


# Who may open it


@pytest.mark.parametrize("url", [SCREEN, "/jiv/workbench/interface/"])
def test_nobody_but_reviewers_finds_it(client, seeded, outsider, url):
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get("/es/workbench/interface/").status_code == 404


def test_a_shuar_reviewer_cannot_open_or_change_kichwa(client, seeded, nantu):
    client.force_login(nantu)
    assert client.get("/jiv/workbench/interface/").status_code == 200
    assert client.get(SCREEN).status_code == 404
    assert client.get("/es/workbench/interface/?language=qu").status_code == 404
    assert post(client, JOIN, "XQ sneaked", credit="name").status_code == 404
    response = post(
        client, JOIN, "XQ sneaked", url="/es/workbench/interface/?language=qu"
    )
    assert response.status_code == 404
    assert not InterfaceString.objects.exists()


def test_kichwa_reviewers_and_superusers_open_it_in_every_language(
    client, seeded, rosa
):
    client.force_login(rosa)
    for url in (SCREEN, "/es/workbench/interface/", "/jiv/workbench/interface/"):
        expected = 404 if url.startswith("/jiv/") else 200
        assert client.get(url).status_code == expected, url
    admin = get_user_model().objects.create_superuser("sitio", password="x-long-9a")
    client.force_login(admin)
    assert client.get("/jiv/workbench/interface/").status_code == 200


# What it lists


def test_it_lists_what_awaits_with_the_spanish_and_the_english(client, seeded, rosa):
    client.force_login(rosa)
    response = client.get(SCREEN)
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "qu"
    first = html.select(".interface-string")[0]
    # Strings of every page come first.
    every_page = {
        message.msgid
        for message in language_catalog("qu").messages
        if message.where == 0
    }
    assert first.select_one('[lang="en"]').get_text() in every_page
    join = card(client.get(SCREEN, {"q": "join a"}), JOIN)
    assert join.select_one('dd[lang="es"]').get_text() == "Unirse a una clase"
    assert join.select_one('span[lang="en"]').get_text() == JOIN
    assert join.select_one("textarea")["lang"] == "qu"
    # Reviewed strings are not in the list of what awaits.
    assert "Ari" not in {t.get_text() for t in html.select("textarea")}


def test_search_and_pages(client, seeded, rosa):
    client.force_login(rosa)
    found = BeautifulSoup(
        client.get(SCREEN, {"q": "SIGN"}).content, "html.parser"
    ).select(".interface-string span[lang=en]")
    assert {"Sign in", "Sign out"} <= {item.get_text() for item in found}
    assert all("sign" in item.get_text().casefold() for item in found)
    # Spanish finds it too.
    assert card(client.get(SCREEN, {"q": "unirse a una"}), JOIN) is not None
    second = BeautifulSoup(client.get(SCREEN, {"page": 2}).content, "html.parser")
    assert len(second.select(".interface-string")) == 20
    assert second.select_one(".pagination")


def test_placeholders_are_shown(client, seeded, rosa):
    client.force_login(rosa)
    shown = card(client.get(SCREEN, {"q": "plant"}), PLURAL)
    assert [code.get_text() for code in shown.select("code")] == ["%(counter)s"]


# Writing


def test_she_saves_a_string_with_her_credit(client, seeded, rosa, kallari):
    client.force_login(rosa)
    choices = credits(client, JOIN)
    assert choices == {
        f"name-{kallari.pk}": "Rosa (Kallari Prueba)",
        f"community-{kallari.pk}": "Kallari Prueba",
    }
    response = post(client, JOIN, "XQ join", credit=f"community-{kallari.pk}")
    assert response.status_code == 302
    assert response["Location"].endswith("#" + anchor(JOIN))
    row = InterfaceString.objects.get(language="qu", msgid=JOIN)
    assert row.texts == ["XQ join"]
    assert row.status == TextStatus.AWAITING_REVIEW
    assert (row.author, row.credit, row.community) == (rosa, "Kallari Prueba", kallari)
    shown = card(client.get(response["Location"], {"state": "awaiting-review"}), JOIN)
    assert "Kallari Prueba" in shown.get_text()


def test_she_cannot_credit_anyone_else(client, seeded, rosa, ana, wasak):
    client.force_login(rosa)
    for credit in (f"community-{wasak.pk}", "name", f"name-{wasak.pk}", "ana"):
        response = post(client, JOIN, "XQ join", credit=credit)
        assert response.status_code == 200
        # Her text comes back, with the reason.
        shown = card(response, JOIN)
        assert shown.select_one("textarea").get_text().strip() == "XQ join"
        assert shown.select(".error")
    assert not InterfaceString.objects.exists()


@pytest.mark.parametrize(
    ("msgid", "texts", "error"),
    [
        (JOIN, [""], "Escriba el texto en Kichwa"),
        (JOIN, ["x" * 301], "Como máximo 100"),
        (JOIN, ["XQ <b>join</b>"], "Sin marcas"),
        (JOIN, ["XQ &amp; join"], "Sin marcas"),
        (JOIN, ["XQ join | class"], "en una línea"),
        (JOIN, ["Unirse a una clase"], "Este es el texto en español"),
        (JOIN, ["join a class"], "Este es el texto en inglés"),
        (PLURAL, ["XQ yura"], "%(counter)s"),
        (PLURAL, ["XQ %(count)s yura"], "%(counter)s"),
        (PLURAL, ["XQ %(counter)s %(query)s"], "no están en el original"),
        (PLURAL, ["XQ %(counter)s yura 5%"], "signo de porcentaje"),
        (PLURAL, ["XQ %(counter)d yura"], "signo de porcentaje"),
    ],
)
def test_bad_text_is_refused_in_her_language_and_kept(
    client, seeded, rosa, kallari, msgid, texts, error
):
    client.force_login(rosa)
    response = post(
        client,
        msgid,
        *texts,
        credit=f"name-{kallari.pk}",
        url="/es/workbench/interface/?language=qu",
    )
    assert response.status_code == 200
    shown = card(response, msgid)
    assert error in shown.select_one(".error").get_text()
    assert shown.select_one("textarea").get_text().strip() == texts[0]
    assert not InterfaceString.objects.exists()


def test_a_length_limit_follows_the_original(seeded):
    from knowledge_portal.interface.validation import length_limit

    message = language_catalog("qu").get(JOIN)
    assert length_limit(message) == 100


def test_shuar_plural_needs_both_forms(client, seeded, nantu, wasak):
    client.force_login(nantu)
    url = "/jiv/workbench/interface/"
    credit = f"name-{wasak.pk}"
    response = post(client, PLURAL, "XS %(counter)s", "", credit=credit, url=url)
    assert response.status_code == 200
    labels = [
        label.get_text() for label in card(response, PLURAL, "jiv").select("label")
    ]
    assert labels[:2] == ["Para 1", "Para 0, 2, 3, 4, …"]
    assert not InterfaceString.objects.exists()
    # The form for 1 keeps the number too: the English singular shows it.
    response = post(client, PLURAL, "XS one", "XS %(counter)s", credit=credit, url=url)
    assert (
        "%(counter)s" in card(response, PLURAL, "jiv").select_one(".error").get_text()
    )
    response = post(
        client, PLURAL, "XS %(counter)s one", "XS %(counter)s", credit=credit, url=url
    )
    assert response.status_code == 302
    assert InterfaceString.objects.get().texts == [
        "XS %(counter)s one",
        "XS %(counter)s",
    ]


# Reviewing and confirming


def test_another_reviewer_reviews_and_a_third_confirms(
    client, seeded, rosa, ana, killa, kallari
):
    client.force_login(rosa)
    post(client, JOIN, "XQ join", credit=f"name-{kallari.pk}")
    # She cannot review her own words.
    response = post(
        client, JOIN, "XQ join", action="review", credit=f"name-{kallari.pk}"
    )
    assert response.status_code == 200
    assert InterfaceString.objects.get().status == TextStatus.AWAITING_REVIEW

    client.force_login(ana)
    shown = card(client.get(SCREEN, {"q": "join a"}), JOIN)
    assert shown.select_one("button[value=review]")
    response = post(
        client, JOIN, "XQ join", action="review", credit=f"name-{kallari.pk}"
    )
    assert response.status_code == 302
    row = InterfaceString.objects.get()
    assert row.status == TextStatus.COMMUNITY_REVIEWED
    assert (row.reviewer, row.reviewer_credit) == (ana, "Ana (Kallari Prueba)")
    # Neither she nor the writer confirms; a third reviewer does, once.
    assert (
        post(
            client, JOIN, "XQ join", action="confirm", credit=f"name-{kallari.pk}"
        ).status_code
        == 200
    )
    client.force_login(killa)
    shown = card(
        client.get(SCREEN, {"q": "join a", "state": "community-reviewed"}), JOIN
    )
    assert shown.select_one("button[value=confirm]")
    assert (
        post(
            client, JOIN, "XQ join", action="confirm", credit=f"community-{kallari.pk}"
        ).status_code
        == 302
    )
    assert (
        post(
            client, JOIN, "XQ join", action="confirm", credit=f"community-{kallari.pk}"
        ).status_code
        == 200
    )
    assert list(Confirmation.objects.values_list("user__username", "credit")) == [
        ("killa", "Kallari Prueba")
    ]


def test_changing_a_reviewed_text_starts_over(client, seeded, rosa, ana, kallari):
    client.force_login(rosa)
    post(client, JOIN, "XQ join", credit=f"name-{kallari.pk}")
    client.force_login(ana)
    post(client, JOIN, "XQ join", action="review", credit=f"name-{kallari.pk}")
    # Marking reviewed with a changed text is refused: save it first.
    response = post(
        client, JOIN, "XQ other", action="review", credit=f"name-{kallari.pk}"
    )
    assert response.status_code == 200
    assert card(response, JOIN).select_one("textarea").get_text().strip() == "XQ other"
    response = post(client, JOIN, "XQ other", credit=f"name-{kallari.pk}")
    row = InterfaceString.objects.get()
    assert (row.texts, row.status, row.author, row.reviewer) == (
        ["XQ other"],
        TextStatus.AWAITING_REVIEW,
        ana,
        None,
    )


def test_a_proposal_from_the_files_is_reviewed_with_its_source(
    client, seeded, ana, kallari
):
    client.force_login(ana)
    shown = card(client.get(SCREEN, {"q": "search"}), "Search")
    assert "K2" in shown.select_one("dd[lang=en]").get_text()
    assert shown.select_one("textarea").get_text().strip() == "Maskana"
    response = post(
        client, "Search", "Maskana", action="review", credit=f"name-{kallari.pk}"
    )
    assert response.status_code == 302
    row = InterfaceString.objects.get()
    assert row.texts == ["Maskana"]
    assert row.author is None
    assert re.match(r"K2 `search`", row.source)
    assert row.status == TextStatus.COMMUNITY_REVIEWED


def test_an_unknown_string_is_not_found(client, seeded, rosa):
    client.force_login(rosa)
    response = client.post(
        SCREEN, {"string": "s-0000000000", "s-0000000000-action": "save"}
    )
    assert response.status_code == 404


def test_the_screen_counts_people_not_in_a_language_they_review(seeded, rosa):
    assert factories.PASSWORD
