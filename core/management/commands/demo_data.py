"""Build the demo company (idempotent) and print the logins."""
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.demo import build_everything, build_world, refuse_in_production
from core.errors import NotAllowed
from core.models import Membership

DEFAULT_ADDRESS = "127.0.0.1:8000"


def served_url(address: str) -> str:
    """The address to open for `runserver ADDRESS`: a bare port is served on 127.0.0.1, 0.0.0.0 on every interface
    (this machine answers on 127.0.0.1 too)."""
    address = (address or DEFAULT_ADDRESS).strip()
    host, sep, port = address.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", address
    if host in {"", "0.0.0.0", "0", "[::]"}:
        host = "127.0.0.1"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = "Create demo data: a company with two projects, staff of every role, and every room's records."

    def add_arguments(self, parser):
        parser.add_argument("--address", default=os.environ.get("HOST_PORT") or DEFAULT_ADDRESS,
                            help="the address the server will listen on (`make run` passes HOST_PORT), printed as "
                                 "the one to open; default 127.0.0.1:8000")

    def handle(self, *args, **options):
        try:
            refuse_in_production()
        except NotAllowed as refused:
            raise CommandError(str(refused.message)) from None
        world = build_world()
        build_everything(world)  # each installed room's records, in the order the rooms registered
        password = settings.PROPDESK_DEMO_PASSWORD
        self.stdout.write(self.style.SUCCESS(f"PropDesk demo ready — {served_url(options['address'])}"))
        self.stdout.write(f"Password for every demo login: {password}")
        project = world.projects[0]
        for name, user in world.users.items():
            if name.startswith("bj_"):
                continue
            roles = ", ".join(str(m.get_role_display()) for m in Membership.objects.filter(user=user, project=project))
            dept = user.department.name if user.department else ""
            self.stdout.write(f"  {name:<12} {user.display_name:<8} {dept:<6} {roles or '超级管理员'}")
        self.stdout.write("Second project (滨江大厦管理处): the same logins prefixed bj_ (e.g. bj_kefu1).")
