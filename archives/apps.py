from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchivesConfig(AppConfig):
    name = "archives"
    verbose_name = _("Archive room")

    def ready(self) -> None:
        """Plug the archive room into core's registries: policies, sweeps, demo records, hand-offs, the workspace."""
        from archives import handoffs, labels, policies, workspace  # noqa: F401  (policies registers its defaults)
        from archives.demo import build_archives
        from archives.sweeps import sweep_all
        from core import demo, sweeps

        sweeps.register("archives", sweep_all)
        demo.register("archives", build_archives, order=40)
        handoffs.provide()
        workspace.provide()
        labels.register()  # words for its audit events, signer roles and record references
        from archives.services.documents import guard_scan
        from core import attachments

        attachments.guard_reading("archives.document", guard_scan)  # a secret document's file (DOC-3)
        from archives import permissions
        from archives.services import catalogue_import
        from core import jobs

        # The catalogue import runs as a background job with a progress bar (issue 22): the archivists, as before.
        jobs.register(catalogue_import.JOB_KIND, label=_("Import of the catalogue"), run=catalogue_import.run_job,
                      may_use=permissions.keep_archives, page="archives:catalogue-import", rule="ARCH-2")
