from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.urls import register_converter

        from core import audit_seal, channels, checks, labels, policy_defaults, sweeps  # noqa: F401  (registers checks, defaults)
        from core.web.converters import IdConverter

        register_converter(IdConverter, "id")  # before any URLconf is read: every page's <id:pk>

        labels.register_event_labels(labels.CORE_EVENT_LABELS)
        # Hourly with every other sweep (cron `run_sweeps` or Celery beat): a signed checkpoint of the audit head.
        sweeps.register("audit_checkpoint", audit_seal.sweep)
        # Jobs a dead process left queued or running are marked failed (also on the next submission or poll).
        from core import jobs

        sweeps.register("jobs", jobs.sweep)
