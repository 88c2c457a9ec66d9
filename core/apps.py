from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from core import checks, labels, policy_defaults  # noqa: F401  (registers checks and defaults)

        labels.register_event_labels(labels.CORE_EVENT_LABELS)
