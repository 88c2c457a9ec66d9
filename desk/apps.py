from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Front desk")

    def ready(self) -> None:
        """Plug the front desk into core's registries: policies, sweeps, demo records, hand-offs, the workspace."""
        from core import demo, sweeps
        from desk import handoffs, labels, policies, workspace  # noqa: F401  (policies registers its defaults on import)
        from desk.demo import build_desk
        from desk.sweeps import sweep_all

        sweeps.register("desk", sweep_all)
        demo.register("desk", build_desk, order=30)  # after the duty desk: quality checks inspect its handovers
        handoffs.provide()
        workspace.provide()
        labels.register()  # words for its audit events, signer roles and record references
