"""A manager makes a join code on her phone, and a person joins with it;
then every membership screen, in Spanish, Kichwa and Shuar."""

import re

from playwright.sync_api import expect

from knowledge_portal.protocols import membership
from knowledge_portal.protocols.models import Community, Membership, Role
from tests.browser.phone import browser_test, in_spanish

pytestmark = browser_test

PASSWORD = "a-long-passphrase-9"
LANGUAGES = ("es", "qu", "jiv")


def community_with_manager(django_user_model):
    community = Community.objects.create(name="Tsatsayaku Prueba", slug="tsatsayaku-p")
    manager = django_user_model.objects.create_user("mama-rosa", password=PASSWORD)
    Membership.objects.create(community=community, user=manager, roles=[Role.MANAGER])
    return community, manager


def test_a_manager_makes_a_code_and_a_person_joins_with_it(phone, django_user_model):
    community, manager = community_with_manager(django_user_model)
    page = phone.page

    phone.open("/es/communities/mine/")
    phone.sign_in(manager.username, PASSWORD)
    expect(page).to_have_url(phone.url("/es/communities/mine/"))
    phone.check("mine")

    page.get_by_role("link", name=in_spanish("Manage the community")).click()
    expect(page).to_have_url(phone.url(f"/es/communities/{community.slug}/manage/"))
    expect(page.locator(".members")).to_contain_text(manager.username)
    phone.check("members")

    page.locator(".manage-nav").get_by_role(
        "link", name=in_spanish("Join codes")
    ).click()
    phone.check("codes-none")
    page.fill("#id_days", "7")
    page.get_by_role("button", name=in_spanish("Make a new code")).click()
    code_box = page.locator(".codes .join-code-big").first
    expect(code_box).to_have_text(re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}$"))
    phone.check("code-made")
    code = code_box.inner_text()
    assert community.invitations.get().code == code
    # Big enough to read out from the phone.
    assert (
        page.evaluate(
            "() => parseFloat(getComputedStyle("
            "document.querySelector('.join-code-big')).fontSize)"
        )
        >= 28
    )
    share = page.locator(".share-link").first.input_value()
    assert share.endswith(f"/es/communities/join/?code={code}")

    # She sends the link; someone without an account opens it.
    page.context.clear_cookies()
    phone.open(share.replace(phone.base_url, ""))
    expect(page.locator("#id_code")).to_have_value(code)
    phone.check("join-from-link")
    page.fill("#id_username", "Nantu")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator("#id_language").select_option("qu")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(phone.url("/qu/communities/mine/"))
    expect(page.locator(".communities")).to_contain_text(community.name)
    phone.check("joined-qu")
    newcomer = django_user_model.objects.get(username="Nantu")
    assert membership.membership_of(newcomer, community) is not None

    # The manager sees her, and makes her a chakramama.
    page.context.clear_cookies()
    # Signed out: the screen does not exist.
    phone.open_error(f"/es/communities/{community.slug}/manage/log/", 404)
    phone.check("manage-signed-out")
    phone.open(f"/es/accounts/login/?next=/es/communities/{community.slug}/manage/")
    phone.sign_in(manager.username, PASSWORD)
    expect(page).to_have_url(phone.url(f"/es/communities/{community.slug}/manage/"))
    phone.check("members-with-newcomer")
    page.get_by_role("link", name=re.compile("Nantu")).click()
    page.get_by_label(in_spanish("Chakramama (contributor)")).check()
    phone.check("member-roles")
    page.get_by_role("button", name=in_spanish("Save the roles")).click()
    expect(page).to_have_url(phone.url(f"/es/communities/{community.slug}/manage/"))
    phone.check("roles-saved")
    assert Membership.objects.get(user=newcomer).roles == [Role.CHAKRAMAMA]

    page.locator(".manage-nav").get_by_role("link", name=in_spanish("Log")).click()
    expect(page.locator(".log .card")).to_have_count(3)
    phone.check("log")


def test_every_membership_screen_in_each_language(phone, django_user_model):
    community, manager = community_with_manager(django_user_model)
    member = django_user_model.objects.create_user("sisa", password=PASSWORD)
    row = Membership.objects.create(
        community=community, user=member, roles=[Role.STEWARD, Role.REVIEWER_QU]
    )
    asking = django_user_model.objects.create_user("yampis", password=PASSWORD)
    membership.ask_to_join(asking, community, "Soy de Wasak'entsa.")
    membership.make_join_code(manager, community)
    revoked = membership.make_join_code(manager, community)
    membership.revoke_join_code(manager, revoked)
    slug = community.slug
    page = phone.page

    phone.open("/es/accounts/login/?next=/es/communities/mine/")
    phone.sign_in(manager.username, PASSWORD)
    for language in LANGUAGES:
        for label, path in [
            ("mine", "communities/mine/"),
            ("members", f"communities/{slug}/manage/"),
            ("member", f"communities/{slug}/manage/members/{row.pk}/"),
            ("member-remove", f"communities/{slug}/manage/members/{row.pk}/remove/"),
            ("codes", f"communities/{slug}/manage/codes/"),
            ("requests", f"communities/{slug}/manage/requests/"),
            ("log", f"communities/{slug}/manage/log/"),
            ("join-signed-in", "communities/join/"),
        ]:
            phone.open(f"/{language}/{path}")
            phone.check(f"{label}-{language}")
    # The last manager may not leave: the screen says why.
    phone.open(f"/jiv/communities/{slug}/leave/")
    phone.check("leave-jiv")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(phone.url("/jiv/communities/mine/"))
    expect(page.locator(".messages")).to_contain_text(
        in_spanish(str(membership.LAST_MANAGER))
    )
    phone.check("last-manager-refused-jiv")
    assert membership.manages(manager, community)

    page.context.clear_cookies()
    for language in LANGUAGES:
        phone.open(f"/{language}/communities/join/")
        phone.check(f"join-{language}")
    page.fill("#id_code", "zzzz zzzz")
    page.fill("#id_username", "Tsamaraint")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error")).to_contain_text(
        in_spanish(str(membership.UNKNOWN_CODE))
    )
    phone.check("wrong-code-jiv")
    assert not django_user_model.objects.filter(username="Tsamaraint").exists()

    phone.open(f"/es/accounts/login/?next=/es/communities/{slug}/ask/")
    phone.sign_in(asking.username, PASSWORD)
    for language in LANGUAGES:
        phone.open(f"/{language}/communities/{slug}/ask/")
        phone.check(f"ask-waiting-{language}")
    outsider = django_user_model.objects.create_user("nunkui", password=PASSWORD)
    page.context.clear_cookies()
    phone.open(f"/es/accounts/login/?next=/es/communities/{slug}/ask/")
    phone.sign_in(outsider.username, PASSWORD)
    for language in LANGUAGES:
        phone.open(f"/{language}/communities/{slug}/ask/")
        phone.check(f"ask-{language}")
    phone.open(f"/{language}/communities/mine/")
    phone.check("mine-none-jiv")
    page.context.clear_cookies()
    phone.open("/es/accounts/login/?next=/es/communities/mine/")
    phone.sign_in(member.username, PASSWORD)
    for language in LANGUAGES:
        phone.open(f"/{language}/communities/mine/")
        phone.check(f"mine-steward-{language}")
