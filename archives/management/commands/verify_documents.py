"""Recompute the SHA-256 digest of every signed or registered document's stored file and compare it with the
digest kept on the document (DOC-3; 002 篇4 §1.9 文件一经领导签发，任何人不得擅自更改); exit 1 naming each
document whose file differs or is missing."""
from django.core.management.base import BaseCommand, CommandError

from archives.models import Document
from archives.services.documents import verify
from core.errors import DomainError


class Command(BaseCommand):
    help = "Verify the stored file of every document against its kept SHA-256 digest; exit 1 naming the altered."

    def add_arguments(self, parser):
        parser.add_argument("--document", type=int, help="only this document (its id)")

    def handle(self, *args, **options):
        qs = Document.objects.exclude(sha256="").select_related("scan").order_by("pk")
        if options.get("document"):
            qs = qs.filter(pk=options["document"])
        bad, checked = [], 0
        for document in qs.iterator(chunk_size=500):
            checked += 1
            try:
                report = verify(document)
            except DomainError as exc:
                bad.append(f"#{document.pk} {document.serial or ''} {document.title}: {exc.code}")
                continue
            if not report["intact"]:
                bad.append(f"#{document.pk} {document.serial or ''} {document.title}: kept {report['kept']}, "
                           f"found {report['found']}")
        if bad:
            raise CommandError("DOCUMENTS ALTERED:\n" + "\n".join(bad))
        self.stdout.write(f"{checked} document(s) verified: every stored file matches its digest.")
