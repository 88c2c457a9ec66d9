from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    """The residents' door (RES-1, RES-2) and satisfaction surveys (SURVEY-1, SURVEY-2)."""

    name = "residents"
    verbose_name = _("Residents")

    def ready(self) -> None:
        from core import demo, sweeps
        from residents import handoffs, labels, policies, workspace  # noqa: F401  (policies registers defaults)
        from residents.demo import build_residents
        from residents.sweeps import sweep_all

        sweeps.register("residents", sweep_all)
        demo.register("residents", build_residents, order=60)
        handoffs.provide()
        workspace.provide()
        labels.register()
