from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    """Fire safety, patrol rounds by checkpoint and outsourced crews (消防、巡查、外包队伍)."""

    name = "safety"
    verbose_name = _("Safety")

    def ready(self) -> None:
        """Plug the safety room into core's registries: policies, sweeps, demo records, uploads, the workspace."""
        from core import attachments, demo, sweeps
        from safety import handoffs, labels, policies, workspace  # noqa: F401  (policies registers defaults)
        from safety.demo import build_safety
        from safety.sweeps import sweep_all

        sweeps.register("safety", sweep_all)
        demo.register("safety", build_safety, order=60)
        attachments.accept_uploads("safety.hazard")
        handoffs.provide()
        workspace.provide()
        labels.register()
