from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoresConfig(AppConfig):
    """The store room (物资与工具): warehouses, stock documents, stocktakes, requisitions, tools, damaged parts."""

    name = "stores"
    verbose_name = _("Store room")

    def ready(self) -> None:
        from core import demo, sweeps
        from stores import handoffs, labels, policies, workspace  # noqa: F401  (policies registers defaults)
        from stores.demo import build_stores
        from stores.sweeps import sweep_all

        sweeps.register("stores", sweep_all)
        demo.register("stores", build_stores, order=60)
        handoffs.provide()
        workspace.provide()
        labels.register()
