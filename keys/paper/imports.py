"""The ledger import page (KEY-LEDGER-4): the file is submitted as a background job (core.jobs, issue 22) and the
page follows it — a progress bar while it runs, the import button disabled, then a report per row."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core import jobs, uploads
from core.errors import DomainError
from core.jobs import pages as job_pages
from core.web.pages import current_project, error_info
from core.xlsx import XLSX
from keys.services.ledger_import import JOB_KIND, template_bytes


@login_required
def import_page(request):
    project = current_project(request)
    context = {}
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            refusal = uploads.refused(request)
            if refusal is not None:
                raise refusal
            if upload is None:
                raise DomainError(_("Choose the file to import."), code="file_required", details={"field": "file"})
            job = jobs.submit(kind=JOB_KIND, project=project, actor=request.user, data=upload.read(),
                              name=upload.name, options={"only_good_rows": request.POST.get("only_good_rows") == "on"})
        except DomainError as exc:
            context["error"] = error_info(exc)
            context.update(job_pages.refusal_context(exc))
        else:
            return redirect(job_pages.job_url(job))
    context.update(job_pages.context(request, JOB_KIND, project))
    status = exc_status(context.get("error"))
    return render(request, "paper/import.html", context, status=status)


def exc_status(err: dict | None) -> int:
    if not err:
        return 200
    return 409 if err["code"] in ("same_file", "job_running") else 400


@login_required
def import_template(request):
    response = HttpResponse(template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="ledger-template.xlsx"'
    return response
