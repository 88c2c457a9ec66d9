from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Front desk")

    def ready(self) -> None:
        from core import sweeps
        from desk import policies  # noqa: F401  (registers defaults)
        from desk.sweeps import sweep_all

        sweeps.register("desk", sweep_all)

        from desk import labels

        labels.register()  # words for its audit events, signer roles and record references
