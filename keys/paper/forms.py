"""Print views of the registers named in the regulations (KEY-REPORT-1 part, CORE-10)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core import clock, signatures
from core.parsing import is_int, safe_date
from core.web import paper
from core.web.pages import current_project
from keys.categories import UNIT_BOUND, Category, FormKind
from keys.models import KeyLoan
from keys.pages.common import my_loan
from keys.selectors import loans as selectors
from keys.services import ledger

APPLICATION_TITLES = {
    FormKind.UNIT: _("Resident unit key loan application (客户房屋钥匙借用申请表)"),
    FormKind.PUBLIC: _("Public-area key loan application (公共区域钥匙借用申请表)"),
    FormKind.OFFICE: _("Office key loan application (办公区域钥匙借用申请表)"),
}
REGISTER_LIMIT = 2000  # rows of a printed loan register; beyond it the page says so and offers parts or the PDF
LEDGER_LIMIT = 5000
TAGS_LIMIT = 500
REGISTER_TITLES = {
    FormKind.UNIT: _("Resident unit key loan register (客户房屋钥匙借用登记表)"),
    FormKind.PUBLIC: _("Public-area key loan register (公共区域钥匙借用登记表)"),
    FormKind.OFFICE: _("Office key loan register (办公区域钥匙借用登记表)"),
}


def _period(request) -> tuple[dt.date, dt.date]:
    today = clock.today()
    start = safe_date(request.GET.get("from", "") or "") or today.replace(day=1)
    end = safe_date(request.GET.get("to", "") or "") or today
    return start, end


@login_required
def application(request, pk: int):
    loan = my_loan(request, pk)
    decided = {a.step_index: a for a in loan.approvals.select_related("approver") if not a.is_emergency_release}
    boxes = [{"label": step["label"], "approval": decided.get(i)} for i, step in enumerate(loan.chain)]
    return render(request, "paper/application.html", {
        "loan": loan, "title": APPLICATION_TITLES[FormKind(loan.form_kind)], "boxes": boxes,
        "release": loan.approvals.filter(is_emergency_release=True).select_related("approver").first(),
    })


@login_required
def register(request):
    project = current_project(request)
    form = request.GET.get("form", FormKind.UNIT)
    form = form if form in FormKind.values else FormKind.UNIT
    start, end = _period(request)
    lo, _ignored = clock.day_bounds(start)
    _ignored, hi = clock.day_bounds(end)
    qs = (KeyLoan.objects.filter(project=project, form_kind=form, checked_out_at__gte=lo, checked_out_at__lt=hi)
          .select_related("key", "holder", "issued_by", "received_by").order_by("checked_out_at", "pk"))
    building = paper.chosen_building(request, project)
    if building:
        qs = qs.filter(Q(key__building=building) | Q(key__unit__building=building))
    rows = paper.cut(qs, REGISTER_LIMIT, request)
    for loan in rows.rows:
        loan.signed = {s.capacity: s.signer_name for s in signatures.signatures_of(loan)}
    return paper.paper(request, "paper/register.html", {
        "loans": rows.rows, "cut": rows, "title": REGISTER_TITLES[FormKind(form)], "start": start, "end": end,
        "form": form, **paper.choices(request, project, dates=(start, end), buildings=True)},
        pdf_name=f"key-loans-{form}-{start:%Y%m%d}-{end:%Y%m%d}.pdf")


def _ledger(request, project):
    keys = selectors.search_ledger(project=project, text=request.GET.get("q", ""),
                                   category=request.GET.get("category", ""), status=request.GET.get("status", ""))
    building = paper.chosen_building(request, project)
    if building:
        keys = keys.filter(Q(building=building) | Q(unit__building=building))
    return keys


@login_required
def key_list(request):
    """《客服钥匙明细登记表》: the ledger as a signed list, by building when it is longer than a print holds."""
    project = current_project(request)
    rows = paper.cut(_ledger(request, project), LEDGER_LIMIT, request)
    return paper.paper(request, "paper/key_list.html", {
        "keys": rows.rows, "cut": rows, **paper.choices(request, project, buildings=True)}, pdf_name="key-ledger.pdf")


@login_required
def tags(request):
    """Key tags (钥匙挂放牌) with a scannable code; a resident's key never shows its unit (KEY-LEDGER-2)."""
    project = current_project(request)
    keys = _ledger(request, project)
    ids = [int(i) for i in request.GET.get("ids", "").split(",") if is_int(i.strip())]
    if ids:
        keys = keys.filter(pk__in=ids)
    rows = paper.cut(keys, TAGS_LIMIT)
    cards = [{"key": key, "svg": mark_safe(ledger.tag_svg(key, scale=3)),
              "label": Category(key.category).label if key.category in UNIT_BOUND else key.name}
             for key in rows.rows]
    return paper.paper(request, "paper/tags.html", {"cards": cards, "cut": rows,
                                                    **paper.choices(request, project, buildings=True)})
