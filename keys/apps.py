from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeysConfig(AppConfig):
    name = "keys"
    verbose_name = _("Key room")

    def ready(self) -> None:
        from core import sweeps
        from keys import policies, policies_custody_checks, policies_deposit, policies_loss  # noqa: F401  (defaults)
        from keys.sweeps import sweep_all, sweep_all_custody

        sweeps.register("keys", sweep_all)
        sweeps.register("keys.custody", sweep_all_custody)

        from keys import labels

        labels.register()  # words for its audit events, signer roles and record references
