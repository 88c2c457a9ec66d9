"""The daily register of unreturned keys and the periodic inventory (KEY-DAILY-1, KEY-DAILY-2)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.parsing import is_int
from core.permissions import projects_for, restrict
from core.web.pages import attempt, current_project
from keys.models import InventoryCount, InventoryKind, InventoryLine
from keys.selectors import loans as selectors
from keys.services import daily, inventory
from keys.states import KeyStatus


@login_required
def daily_page(request):
    project = current_project(request)
    out = list(selectors.unreturned_loans(project=project).prefetch_related("follow_ups"))
    now = clock.now()
    for loan in out:
        loan.overdue = bool(loan.due_at and loan.due_at < now)
        last = sorted(loan.follow_ups.all(), key=lambda f: f.written_at)
        loan.last_note = last[-1].note if last else ""
    if request.method == "POST":
        reasons = {loan.pk: request.POST.get(f"reason-{loan.pk}", "") for loan in out}
        counted = request.POST.get("counted_on_hook", "")
        review, err = attempt(request, lambda: daily.record_daily_review(
            project=project, reviewed_by=request.user, counted_on_hook=int(counted) if is_int(counted) else -1,
            reasons=reasons, note=request.POST.get("note", "")), _("Today's review is recorded."))
        if review:
            return redirect("pages:daily")
    return render(request, "keys/daily.html", {
        "out": out, "expected": selectors.keys_expected_on_hook(project=project),
        "review": daily.review_of(project=project, day=clock.today()),
        "paperwork": selectors.emergency_paperwork_open(project=project),
        "incidents": selectors.open_incidents(project=project), "faults": selectors.open_faults(project=project),
    })


@login_required
def inventory_page(request):
    project = current_project(request)
    if request.method == "POST":
        count, err = attempt(request, lambda: inventory.start_inventory(
            project=project, kind=request.POST.get("kind", ""), started_by=request.user), _("Inventory started."))
        if count:
            return redirect("pages:inventory-count", pk=count.pk)
    counts = InventoryCount.objects.filter(project=project).select_related("started_by").order_by("-started_at")[:50]
    return render(request, "keys/inventory.html", {"counts": counts, "kinds": InventoryKind.choices})


def _my_count(request, pk):
    return get_object_or_404(restrict(InventoryCount.objects, request.user), pk=pk)


@login_required
def count_page(request, pk: int):
    count = _my_count(request, pk)
    lines = count.lines.select_related("key", "resolved_by").order_by("key__number")
    if request.method == "POST":
        counts = {}
        for line in lines:
            raw = request.POST.get(f"line-{line.pk}", "").strip()
            counts[line.pk] = int(raw) if is_int(raw) else None
        faulty = [int(raw) for raw in request.POST.getlist("faulty") if is_int(raw)]
        done, err = attempt(request, lambda: inventory.submit_inventory(count=count, counted_by=request.user,
                                                                        counts=counts, faulty=faulty),
                            _("Inventory submitted."))
        return redirect("pages:inventory-count", pk=pk)
    return render(request, "keys/count.html", {"count": count, "lines": lines,
                                               "statuses": [(KeyStatus.LOST, KeyStatus.LOST.label),
                                                            (KeyStatus.DAMAGED, KeyStatus.DAMAGED.label),
                                                            (KeyStatus.IN_STORE, KeyStatus.IN_STORE.label),
                                                            (KeyStatus.RETIRED, KeyStatus.RETIRED.label)]})


@login_required
@require_POST
def resolve_line(request, pk: int):
    line = get_object_or_404(InventoryLine.objects.filter(count__project__in=projects_for(request.user)), pk=pk)
    attempt(request, lambda: inventory.resolve_discrepancy(line=line, resolved_by=request.user,
                                                           resolution=request.POST.get("resolution", ""),
                                                           key_status=request.POST.get("key_status") or None),
            _("Discrepancy resolved."))
    return redirect("pages:inventory-count", pk=line.count_id)
