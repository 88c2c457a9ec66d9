from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeysConfig(AppConfig):
    name = "keys"
    verbose_name = _("Key room")

    def ready(self) -> None:
        """Plug the key room into core's registries: policies, sweeps, demo records, hand-offs, the workspace."""
        from core import demo, sweeps
        from keys import handoffs, labels, permissions, policies, workspace  # noqa: F401  (policies registers its defaults on import)
        from keys.demo import build_keys
        from keys.sweeps import sweep_all, sweep_all_custody

        sweeps.register("keys", sweep_all)
        sweeps.register("keys.custody", sweep_all_custody)
        demo.register("keys", build_keys, order=10)
        handoffs.provide()
        workspace.provide()
        labels.register()  # words for its audit events, signer roles and record references
        from core import jobs
        from keys.services import ledger_import

        # The ledger import runs as a background job with a progress bar (issue 22); any member may import, as before.
        jobs.register(ledger_import.JOB_KIND, label=_("Import of the key ledger"), run=ledger_import.run_job,
                      may_use=permissions.apply_for_keys, page="printing:import", rule="KEY-LEDGER-4")
        from core import attachments

        for label, lookup in (("keys.keyloan", "project"), ("keys.keyset", "project"),
                              ("keys.keyfault", "key__project"), ("keys.loanincident", "loan__project")):
            attachments.accept_uploads(label, lookup)  # photos of a key, a fault, a loan's incident
