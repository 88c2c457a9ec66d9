"""The ledger import page (KEY-LEDGER-4)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.web.pages import current_project, error_info
from core.xlsx import XLSX
from keys.services.ledger_import import import_ledger, template_bytes


@login_required
def import_page(request):
    project = current_project(request)
    context = {}
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            result = import_ledger(project=project, actor=request.user, data=upload.read() if upload else b"",
                                   only_good_rows=request.POST.get("only_good_rows") == "on")
        except DomainError as exc:
            context["error"] = error_info(exc)
            context["errors"] = exc.details.get("errors", [])
        else:
            messages.success(request, _("%(n)s key(s) imported.") % {"n": result.created})
            context["errors"] = result.errors
    return render(request, "paper/import.html", context, status=400 if context.get("error") else 200)


@login_required
def import_template(request):
    response = HttpResponse(template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="ledger-template.xlsx"'
    return response
