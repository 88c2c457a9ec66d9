from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff: training records, the supervisor's daily checks, the monthly appraisal (issue 21)."""

    name = "staff"
    verbose_name = _("Staff")

    def ready(self) -> None:
        """Plug the staff room into core's registries: policies, sweeps, demo records, hand-offs, the workspace."""
        from core import demo, sweeps
        from staff import handoffs, labels, policies, workspace  # noqa: F401  (policies registers defaults)
        from staff.demo import build_staff
        from staff.sweeps import sweep_all

        sweeps.register("staff", sweep_all)
        demo.register("staff", build_staff, order=60)
        handoffs.provide()
        workspace.provide()
        labels.register()
