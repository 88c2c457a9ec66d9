from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeysConfig(AppConfig):
    name = "keys"
    verbose_name = _("Key room")

    def ready(self) -> None:
        from core import sweeps
        from keys import policies  # noqa: F401  (registers defaults)
        from keys.sweeps import sweep_all

        sweeps.register("keys", sweep_all)
