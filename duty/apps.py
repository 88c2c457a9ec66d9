from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "duty"
    verbose_name = _("Duty desk")

    def ready(self) -> None:
        """Plug the duty desk into core's registries: policies, sweeps, demo records, hand-offs, the workspace."""
        from core import demo, sweeps
        from duty import handoffs, labels, policies, workspace  # noqa: F401  (policies registers its defaults on import)
        from duty.demo import build_duty
        from duty.sweeps import sweep_all

        sweeps.register("duty", sweep_all)
        demo.register("duty", build_duty, order=20)  # after the key room: the log mentions its keys
        handoffs.provide()
        workspace.provide()
        labels.register()  # words for its audit events, signer roles and record references
