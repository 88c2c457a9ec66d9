"""Pages of loss: report a lost/damaged key and settle it (KEY-LOSS-1..3), repair-period key pickups and
developer confirmations (KEY-REPAIR-1), vacant-unit key duplicates (KEY-VACANT-1). Phone-friendly forms."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.views.decorators.http import require_POST

from core import clock, signatures
from core.models import AttachmentKind
from core.parsing import is_int, safe_date
from core.permissions import restrict
from core.web.pages import attempt, current_project
from keys.models import DuplicationRequest, LossKind, LossReport, MeasureKind, PickupIdKind, PickupRelation
from keys.selectors import loss as selectors_loss
from keys.services import ledger, loss, loss_vacant, repair_keys
from keys.services import loss_settlement as settle


def _my_report(request, pk) -> LossReport:
    return get_object_or_404(restrict(LossReport.objects, request.user)
                             .select_related("key", "project", "reporter", "reported_by"), pk=pk)


def _key(project, scanned: str):
    return ledger.find_by_scan(project=project, scanned=scanned)


@login_required
def loss_list(request):
    """All loss and damage reports of the project, open ones first, and the form to report one (KEY-LOSS-1)."""
    project = current_project(request)
    err = None
    if request.method == "POST":
        post = request.POST
        report, err = attempt(request, lambda: loss.report_loss(
            key=_key(project, post.get("key", "")), reported_by=request.user, kind=post.get("kind", ""),
            place=post.get("place", ""), occurred_when=post.get("occurred_when", ""),
            circumstances=post.get("circumstances", ""), whereabouts=post.get("whereabouts", "")),
            _("The report is recorded and written to the duty log."))
        if report:
            return redirect("pages:loss-report", pk=report.pk)
    status = request.GET.get("status", "")
    return render(request, "keys/loss/list.html", {
        "reports": selectors_loss.loss_reports(project=project, status=status)[:200],
        "overdue": set(selectors_loss.unhandled_past_deadline(project=project).values_list("pk", flat=True)),
        "kinds": LossKind.choices, "err": err, "post": request.POST,
    })


@login_required
def loss_report(request, pk: int):
    report = _my_report(request, pk)
    return render(request, "keys/loss/report.html", {
        "r": report, "measures": report.measures.select_related("recorded_by"),
        "measure_kinds": MeasureKind.choices, "missing": loss.missing_for_close(report),
        "overdue": report.handled_at is None and report.handle_by < clock.now() and report.status != "closed",
        "suggested": settle.suggest_compensation(report), "signatures": signatures.signatures_of(report),
        "err": request.session.pop("loss_err", None),
    })


def _statement(request, report):
    author = report.reporter or report.reported_by
    password = None if author.pk == request.user.pk else request.POST.get("password", "")
    return loss.write_statement(report=report, author=author, text=request.POST.get("text", ""), password=password)


ACTIONS = {
    "statement": (_statement, N_("The statement is signed.")),
    "measure": (lambda rq, r: loss.record_measure(report=r, recorded_by=rq.user, kind=rq.POST.get("kind", ""),
                                                  description=rq.POST.get("description", "")),
                N_("The measure is recorded.")),
    "lock-change": (lambda rq, r: loss.request_lock_change(report=r, requested_by=rq.user,
                                                           description=rq.POST.get("description", "")),
                    N_("The lock change is recorded and written to the duty log.")),
    "assess": (lambda rq, r: settle.assess_damage(report=r, assessed_by=rq.user,
                                                  repairable=rq.POST.get("repairable") == "1",
                                                  note=rq.POST.get("note", "")), N_("The assessment is recorded.")),
    "send-repair": (lambda rq, r: settle.send_for_repair(report=r, sent_by=rq.user), N_("Sent for repair.")),
    "complete-repair": (lambda rq, r: settle.complete_repair(report=r, repaired_by=rq.user,
                                                             note=rq.POST.get("note", "")),
                        N_("The repaired key is back in store.")),
    "compensation": (lambda rq, r: settle.set_compensation(report=r, set_by=rq.user, amount=rq.POST.get("amount"),
                                                           basis=rq.POST.get("basis", "")),
                     N_("The compensation is set.")),
    "payment": (lambda rq, r: settle.record_payment(report=r, received_by=rq.user, amount=rq.POST.get("amount", ""),
                                                    receipt_number=rq.POST.get("receipt_number", "")),
                N_("The payment is recorded.")),
    "reassess": (lambda rq, r: settle.record_reassessment(report=r, recorded_by=rq.user, note=rq.POST.get("note", ""),
                                                          patrols_increased=bool(rq.POST.get("patrols")),
                                                          lock_changed=bool(rq.POST.get("lock_changed"))),
                 N_("The security reassessment is recorded.")),
    "close": (lambda rq, r: loss.close_report(report=r, closed_by=rq.user), N_("The report is closed.")),
}


@login_required
@require_POST
def loss_action(request, pk: int, action: str):
    report = _my_report(request, pk)
    if action not in ACTIONS:
        raise Http404
    call, success = ACTIONS[action]
    _result, err = attempt(request, lambda: call(request, report), _(success))
    if err:
        request.session["loss_err"] = err
    return redirect("pages:loss-report", pk=report.pk)


@login_required
def repair_page(request):
    """《返修钥匙领取登记表》 and the developer's confirmations for contractors (KEY-REPAIR-1)."""
    project = current_project(request)
    err = None
    if request.method == "POST":
        post = request.POST
        if post.get("form") == "confirmation":
            upload = request.FILES.get("attachment")
            _done, err = attempt(request, lambda: repair_keys.record_developer_confirmation(
                key=_key(project, post.get("key", "")), recorded_by=request.user,
                contractor_company=post.get("contractor_company", ""), developer_company=post.get("developer_company", ""),
                developer_contact=post.get("developer_contact", ""), reference=post.get("reference", ""),
                valid_until=safe_date(post.get("valid_until", "") or ""),
                attachment_name=upload.name if upload else "", attachment_data=upload.read() if upload else b""),
                _("The developer's confirmation is recorded."))
        else:
            _done, err = attempt(request, lambda: repair_keys.record_pickup(
                key=_key(project, post.get("key", "")), registered_by=request.user,
                picker_name=post.get("picker_name", ""), relation=post.get("relation", ""),
                id_kind=post.get("id_kind", ""), id_number=post.get("id_number", ""),
                certificate_number=post.get("certificate_number", ""), owner_consent=bool(post.get("owner_consent")),
                note=post.get("note", "")), _("The pickup is recorded."))
        if not err:
            return redirect("pages:loss-repair")
    today = clock.today()
    return render(request, "keys/loss/repair.html", {
        "pickups": selectors_loss.repair_pickups(project=project, start=today.replace(day=1), end=today),
        "confirmations": selectors_loss.confirmations(project=project)[:100],
        "relations": PickupRelation.choices, "id_kinds": PickupIdKind.choices, "err": err, "post": request.POST,
        "scan_kind": AttachmentKind.SCAN,
    })


@login_required
def duplicates_page(request):
    """Requests to cut duplicates of vacant-unit keys, approved by the custodian head (KEY-VACANT-1)."""
    project = current_project(request)
    err = None
    if request.method == "POST":
        post = request.POST
        count = post.get("count", "")
        _done, err = attempt(request, lambda: loss_vacant.request_duplication(
            key=_key(project, post.get("key", "")), requested_by=request.user, reason=post.get("reason", ""),
            count=int(count) if is_int(count) else 0), _("The request is recorded."))
        if not err:
            return redirect("pages:loss-duplicates")
    return render(request, "keys/loss/duplicates.html", {
        "requests": selectors_loss.duplication_requests(project=project)[:200], "err": err, "post": request.POST,
        "err_action": request.session.pop("loss_err", None),
    })


@login_required
@require_POST
def duplicate_action(request, pk: int, action: str):
    dup = get_object_or_404(restrict(DuplicationRequest.objects, request.user), pk=pk)
    calls = {
        "approve": (lambda: loss_vacant.decide_duplication(request=dup, decided_by=request.user, approve=True,
                                                           note=request.POST.get("note", "")), _("Approved.")),
        "reject": (lambda: loss_vacant.decide_duplication(request=dup, decided_by=request.user, approve=False,
                                                          note=request.POST.get("note", "")), _("Rejected.")),
        "cut": (lambda: loss_vacant.record_duplicates_cut(request=dup, recorded_by=request.user),
                _("The new pieces are recorded in the ledger.")),
    }
    if action not in calls:
        raise Http404
    call, success = calls[action]
    _done, err = attempt(request, call, success)
    if err:
        request.session["loss_err"] = err
    return redirect("pages:loss-duplicates")


urlpatterns = [
    path("loss/", loss_list, name="loss-list"),
    path("loss/<id:pk>/", loss_report, name="loss-report"),
    path("loss/<id:pk>/<str:action>/", loss_action, name="loss-action"),
    path("loss/repair-keys/", repair_page, name="loss-repair"),
    path("loss/duplicates/", duplicates_page, name="loss-duplicates"),
    path("loss/duplicates/<id:pk>/<str:action>/", duplicate_action, name="loss-duplicate-action"),
]
