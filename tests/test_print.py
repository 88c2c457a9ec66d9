"""Every print view on A4 (CORE-10, issue 22): each view a demo user can open is rendered to PDF with WeasyPrint, as
the browser would print it; every page of every PDF is A4 wide (595 pt portrait or 842 pt landscape), nothing on a
page reaches past its right margin (the key-loan register's last column was cut off), and every signature label of
the form is in the PDF's text. Every template that extends paper/base.html must be reached by the crawl.

One demo build is shared by the crawl (one test); the print views are found in the URL conf as in
tests/test_words_not_codes.py and opened by the first role of the first project that may open them."""
from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver

from core import clock
from core.models import Membership, Project
from core.web import paper
from tests.test_authz_matrix import _walk
from tests.test_words_not_codes import _pages, visible_text

pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")

TEMPLATES = Path(django_settings.BASE_DIR) / "templates" / "paper"
A4_WIDTHS = (595.3, 841.9)  # points: portrait, landscape
SIGNATURE_BOXES = re.compile(r'<div class="signatures">(.*?)</div>\s*</div>', re.DOTALL)
BOX = re.compile(r"<div>(.*?)(?:</div>|$)", re.DOTALL)
SIGN_HEADER = re.compile(r"<th[^>]*>([^<]*签[^<]*)</th>")


def print_templates() -> set[str]:
    return {f"paper/{p.name}" for p in TEMPLATES.glob("*.html")
            if p.name != "base.html" and 'extends "paper/base.html"' in p.read_text()}


def signature_labels(html: str) -> list[str]:
    """The label of each signature box (the words before its colon) and each table header asking for a signature."""
    labels = []
    for block in SIGNATURE_BOXES.findall(html):
        for box in BOX.findall(block + "</div>"):
            label = re.split(r"[:：]", visible_text(box), maxsplit=1)[0].strip()
            if label:
                labels.append(label)
    labels += [visible_text(h).strip() for h in SIGN_HEADER.findall(html)]
    return labels


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def overflowing(document) -> list[str]:
    """Boxes of the page's content whose right edge lies past the page's right margin (beyond 2 pt). WeasyPrint lays
    out in CSS px; the margin boxes (the page number) are left out."""
    from weasyprint.formatting_structure.boxes import MarginBox

    found = []
    for number, page in enumerate(document.pages, 1):
        root = page._page_box
        limit = root.margin_width() - root.margin_right + 2
        content = [child for child in root.children if not isinstance(child, MarginBox)]
        for box in (b for child in content for b in child.descendants()):
            right = box.position_x + box.margin_width()
            if right > limit and box.width:
                text = getattr(box, "text", "") or ""
                found.append(f"page {number}: <{box.element_tag}> {text[:30]!r} ends at {right * 0.75:.0f}pt "
                             f"> {limit * 0.75:.0f}pt")
                break
    return found


@pytest.fixture
def demo(db, settings, travel):
    travel(clock.at_beijing(dt.date(2026, 12, 7), dt.time(9, 0)))
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "zh-hans"
    call_command("demo_data", stdout=io.StringIO())


def _print_views(first: Project) -> list[tuple[str, str]]:
    """(name, url) of the pages that may be print views: every view of a room's paper/ modules, and pages named
    like one (the few print views kept beside their room's pages)."""
    paper_names = {name for _path, name, pattern in _walk(get_resolver().url_patterns)
                   if ".paper." in getattr(pattern.callback, "__module__", "")}
    pages, more = _pages(first)
    candidates = [(n, u) for n, u in pages + more if n in paper_names or "print" in u or "codes" in u
                  or "compliance" in u]
    today = clock.today()
    quarter = (today.month - 1) // 3 + 1
    candidates += [("duty:attendance-report-print", f"/duty/attendance/reports/{today:%Y-%m}/print/"),
                   ("desk:visits-analysis-print", f"/desk/visits/analysis/{today.year}/{quarter}/print/")]
    return candidates


@pytest.mark.req("CORE-10")
def test_every_print_view_fits_a4_with_its_signatures(demo):
    first = Project.objects.order_by("pk").first()
    users = []
    for m in Membership.objects.filter(project=first).select_related("user").order_by("role", "user_id"):
        if m.user not in users:
            users.append(m.user)
    clients = []
    for user in users:
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans", raise_request_exception=False)
        client.force_login(user)
        clients.append(client)

    rendered: dict[str, tuple[str, str]] = {}  # template -> (url, html)
    done: set[str] = set()  # URL names whose print view was rendered (further objects add nothing)
    for name, url in _print_views(first):
        if name in done:
            continue
        for client in clients:
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            names = [t.name for t in response.templates if t.name]
            if "paper/base.html" not in names:
                break
            rendered.setdefault(names[0], (url, response.content.decode()))
            done.add(name)
            break
    dump = os.environ.get("PROPDESK_PRINT_DUMP")
    if dump:  # for working on the templates: the pages as rendered, to re-render without the crawl
        for template, (url, html) in rendered.items():
            Path(dump, template.replace("/", "_")).write_text(f"<!-- {url} -->\n{html}")
    missing = print_templates() - set(rendered)
    assert not missing, f"print views not reached by the crawl: {sorted(missing)}"

    import weasyprint

    failures = []
    for template, (url, html) in sorted(rendered.items()):
        document = weasyprint.HTML(string=html, base_url="http://testserver/",
                                   url_fetcher=paper._static_fetcher).render()
        pdf = pypdf.PdfReader(io.BytesIO(document.write_pdf()))
        widths = {round(float(p.mediabox.width), 1) for p in pdf.pages}
        if not all(any(abs(w - a4) <= 2 for a4 in A4_WIDTHS) for w in widths):
            failures.append(f"{template} ({url}): page widths {widths}")
        failures += [f"{template} ({url}): {o}" for o in overflowing(document)]
        text = squeeze(" ".join(p.extract_text() for p in pdf.pages))
        if "第1页/共" not in text:
            failures.append(f"{template} ({url}): no page number 第 N 页 / 共 M 页")
        for label in signature_labels(html):
            if squeeze(label) not in text:
                failures.append(f"{template} ({url}): signature label {label!r} not in the PDF")
    assert not failures, "\n".join(failures)
    assert len(rendered) >= 60
