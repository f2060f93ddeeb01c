from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from knowledge_portal.packs.building import Audience, build_pack
from knowledge_portal.packs.selection import PackError
from knowledge_portal.protocols.access import EveryoneOf


class Command(BaseCommand):
    help = (
        "Write an offline pack (a ZIP of static pages) of lessons, guides and "
        "plant profiles, with the plants they link to, as a visitor would see "
        "them."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="The ZIP file to write.")
        parser.add_argument(
            "--language",
            action="append",
            required=True,
            dest="languages",
            help="A language of the pack (es, qu, jiv); repeat for more.",
        )
        parser.add_argument(
            "--page",
            action="append",
            required=True,
            type=int,
            dest="pages",
            help="The id of a lesson, guide or plant profile; repeat for more.",
        )
        parser.add_argument(
            "--as",
            dest="username",
            help="Build it as this user would see it (without it: as an "
            "anonymous visitor).",
        )

    def handle(self, *args, output, languages, pages, username=None, **options):
        audience = self.audience(username)
        try:
            manifest = build_pack(output, pages, languages, audience)
        except PackError as error:
            raise CommandError(str(error)) from error
        counts = {}
        for item in manifest["items"]:
            counts[item["kind"]] = counts.get(item["kind"], 0) + 1
        size = sum(entry["size"] for entry in manifest["files"].values())
        summary = ", ".join(f"{kind}s: {count}" for kind, count in counts.items())
        self.stdout.write(
            f"{output}: {summary} in {', '.join(manifest['languages'])}; "
            f"{len(manifest['files']) + 1} files, {size / 1e6:.1f} MB uncompressed"
            + (
                f"; valid until {manifest['valid_until']}"
                if manifest["valid_until"]
                else ""
            )
        )

    def audience(self, username):
        if username is None:
            return Audience(EveryoneOf([]), _("an anonymous visitor"))
        users = get_user_model().objects.filter(username__iexact=username)
        user = users.filter(username=username).first() or users.first()
        if user is None:
            raise CommandError(_("No user is named %(name)s.") % {"name": username})
        return Audience(EveryoneOf([user]), user.get_username())
