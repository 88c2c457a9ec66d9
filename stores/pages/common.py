"""What the store room's pages share: the refusal page, the status of a refused form, the pickers of a form."""
from __future__ import annotations

from django.utils.translation import gettext_lazy

from django.utils.translation import gettext as _

from core.errors import DomainError
from core.models import User
from core.parsing import safe_int
from core.web.pages import pick, refusal_page, refusal_status
from stores.models import Item, Warehouse

refused = refusal_page(gettext_lazy("Store room"))

FORBIDDEN = {"role_not_allowed", "self_approval", "same_approver_twice", "approver_not_allowed", "self_audit",
             "forbidden", "self_issue", "bad_credentials", "account_locked"}
CONFLICT = {"illegal_transition", "audited_locked", "warehouse_fixed", "insufficient_stock", "expired_stock",
            "not_pending", "not_approved", "outside_plan", "already_shipped", "not_out_for_repair", "report_late",
            "already_reconciled", "plan_exists"}


def err_status(err: dict | None) -> int:
    not_found = (err["code"],) if err and err["code"].endswith("not_found") else ()
    return refusal_status(err, forbidden=FORBIDDEN, conflict=CONFLICT, not_found=not_found)


def warehouses_of(project):
    return Warehouse.objects.filter(project=project).order_by("level", "code")


def chosen_warehouse(project, value) -> Warehouse:
    """The project's warehouse the form names; refused in words when it names none."""
    warehouse = pick(Warehouse, project, value)
    if warehouse is None:
        raise DomainError(_("Choose a warehouse."), code="warehouse_not_found")
    return warehouse


def items_of(project, *, tools: bool | None = None):
    found = Item.objects.filter(company_id=project.company_id).order_by("code")
    return found if tools is None else found.filter(is_tool=tools)


def item_of(project, value) -> Item | None:
    return items_of(project).filter(pk=safe_int(value, 0)).first()


def staff_of(project):
    return User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("pk")


def form_lines(form, *, fields=("item", "quantity"), rows: int = 5) -> list[dict]:
    """The numbered rows of a form (item_1, quantity_1 …); a row with no item chosen is left out."""
    out = []
    for n in range(1, rows + 1):
        if not form.get(f"item_{n}"):
            continue
        out.append({name: form.get(f"{name}_{n}", "") for name in fields})
    return out
