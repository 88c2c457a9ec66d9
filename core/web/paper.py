"""What every print view shares (templates/paper/): a limit that is never applied silently, and the same page as a
PDF of the whole register (WeasyPrint with the Noto CJK fonts; issue 22).

WeasyPrint is imported only when a PDF is asked for: without it, or without the system libraries it needs (Pango),
the print views still work and the PDF link answers a page that says what is missing, never a 500."""
from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

# A PDF holds the whole register up to this many rows; beyond it the PDF says so like the page does.
PDF_LIMIT = 20_000


@dataclass
class Cut:
    """Rows of a register as printed: `rows` are at most `limit` of `total`; `cut` says that some were left out."""
    rows: list
    total: int
    limit: int

    @property
    def cut(self) -> bool:
        return self.total > len(self.rows)

    @property
    def shown(self) -> int:
        return len(self.rows)


def wants_pdf(request: HttpRequest) -> bool:
    return request.GET.get("format", "") == "pdf"


def cut(queryset, limit: int, request: HttpRequest | None = None) -> Cut:
    """The first `limit` rows (PDF_LIMIT when the request asks for a PDF) and how many there are in all."""
    if request is not None and wants_pdf(request):
        limit = max(limit, PDF_LIMIT)
    rows = list(queryset[:limit + 1])
    if len(rows) <= limit:
        return Cut(rows=rows, total=len(rows), limit=limit)
    return Cut(rows=rows[:limit], total=queryset.count(), limit=limit)


def chosen_building(request: HttpRequest, project):
    """The building the user chose on a print page (?building=<id>), one of the project's, or None."""
    from core.models import Building
    from core.parsing import is_int

    raw = request.GET.get("building", "").strip()
    if not is_int(raw):
        return None
    return Building.objects.filter(project=project, pk=int(raw)).first()


def choices(request: HttpRequest, project, *, dates: tuple | None = None, buildings: bool = False) -> dict:
    """Context for paper/_choose.html: the part of a register the user prints (a period, a building)."""
    from core.models import Building

    keep = [(k, v) for k, v in request.GET.items() if k not in ("from", "to", "building", "format")]
    context = {"choose": True, "keep": keep}
    if dates:
        context.update(choose_from=dates[0], choose_to=dates[1])
    if buildings:
        chosen = chosen_building(request, project)
        context.update(buildings=list(Building.objects.filter(project=project).order_by("code", "pk")),
                       chosen_building=chosen)
    return context


def _static_fetcher(url: str, *args, **kwargs):
    """Static files (the print stylesheets) are read from disk; nothing else is fetched over the network."""
    from weasyprint import default_url_fetcher

    path = urlparse(url).path
    prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    if path.startswith(prefix):
        found = finders.find(path[len(prefix):])
        if found:
            return {"string": Path(found).read_bytes(), "mime_type": mimetypes.guess_type(found)[0] or "text/css",
                    "redirected_url": url}
    raise ValueError(f"not fetched for a PDF: {url}")


def html_to_pdf(html: str, base_url: str) -> bytes:
    """The PDF of a rendered print view. Raises ImportError or OSError when WeasyPrint cannot run here."""
    import weasyprint  # lazy: its system libraries may be missing where only the pages are served

    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_static_fetcher).write_pdf()


def pdf_response(request: HttpRequest, template: str, context: dict, filename: str) -> HttpResponse:
    """The print view `template` as a PDF download; a clear page (503) when this server cannot make PDFs."""
    html = render_to_string(template, {**context, "as_pdf": True}, request=request)
    try:
        pdf = html_to_pdf(html, request.build_absolute_uri("/"))
    except (ImportError, OSError) as exc:
        log.warning("PDF not available: %s", exc)
        return render(request, "paper/pdf_unavailable.html", {
            "reason": _("This server cannot make PDF files: the WeasyPrint library or its system libraries "
                        "(Pango, the Noto CJK fonts) are not installed. Print the page from the browser instead, "
                        "or ask IT to install them (see README).")}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def paper(request: HttpRequest, template: str, context: dict, *, pdf_name: str = "") -> HttpResponse:
    """A print view: the page, or with ?format=pdf (where the view offers it: `pdf_name`) its PDF."""
    if pdf_name and wants_pdf(request):
        return pdf_response(request, template, context, pdf_name)
    query = request.GET.copy()
    query["format"] = "pdf"
    return render(request, template, {**context, "pdf_url": "?" + query.urlencode() if pdf_name else ""})
