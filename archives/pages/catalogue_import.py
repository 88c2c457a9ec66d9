"""The catalogue import page (issue 15; ARCH-2): upload an .xlsx or .csv of volumes, see a report row by row, import
all rows or — asked for explicitly — exactly the good ones; the template with its Chinese headers. The file runs as a
background job (core.jobs, issue 22): a progress bar while it runs, the button disabled, the report at the end."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from archives.pages.common import err_status, refused
from archives.permissions import require_keeper
from archives.services import catalogue_import as svc
from core import jobs, uploads
from core.errors import DomainError
from core.jobs import pages as job_pages
from core.web.pages import checked_by, current_project, error_info
from core.xlsx import XLSX


@login_required
@checked_by(require_keeper, refused)
def import_page(request):
    project = current_project(request)
    context: dict = {"report": [], "err": None}
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            refusal = uploads.refused(request)
            if refusal is not None:
                raise refusal
            if upload is None:
                raise DomainError(_("Choose the file to import."), code="file_required", details={"field": "file"})
            job = jobs.submit(kind=svc.JOB_KIND, project=project, actor=request.user, data=upload.read(),
                              name=upload.name, options={"only_good_rows": request.POST.get("only_good_rows") == "on"})
        except DomainError as exc:
            context["err"] = error_info(exc)
            context.update(job_pages.refusal_context(exc))
        else:
            return redirect(job_pages.job_url(job))
    context.update(job_pages.context(request, svc.JOB_KIND, project))
    status = 409 if context["err"] and context["err"]["code"] in ("same_file", "job_running") else err_status(context["err"])
    return render(request, "archives/catalogue_import.html", context, status=status)


@login_required
@checked_by(require_keeper, refused)
def import_template(request):
    response = HttpResponse(svc.template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="archives-catalogue-template.xlsx"'
    return response


urlpatterns = [
    path("import/", import_page, name="catalogue-import"),
    path("import/template/", import_template, name="catalogue-import-template"),
]
