from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteOfficeConfig(AppConfig):
    """The site office (管理处): fees and decoration. DESIGN names the room `site`; an app named `site` would shadow
    Python's standard `site` module, so the app is `siteoffice`."""

    name = "siteoffice"
    verbose_name = _("Site office")

    def ready(self) -> None:
        """Plug the site office into core's registries: policies, sweeps, demo records, hand-offs, the workspace."""
        from core import demo, sweeps
        from siteoffice import handoffs, labels, policies, workspace  # noqa: F401  (policies registers defaults)
        from siteoffice.demo import build_siteoffice
        from siteoffice.sweeps import sweep_all

        sweeps.register("siteoffice", sweep_all)
        demo.register("siteoffice", build_siteoffice, order=50)
        handoffs.provide()
        workspace.provide()
        labels.register()
        from siteoffice.services import decoration, receipts

        if decoration.check_refundable not in receipts.refund_checks:
            receipts.refund_checks.append(decoration.check_refundable)  # a decoration's deposit after acceptance
