from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "duty"
    verbose_name = _("Duty desk")

    def ready(self) -> None:
        from core import sweeps
        from duty import policies  # noqa: F401  (registers defaults)
        from duty.sweeps import sweep_all

        sweeps.register("duty", sweep_all)

        from duty import labels

        labels.register()  # words for its audit events, signer roles and record references
