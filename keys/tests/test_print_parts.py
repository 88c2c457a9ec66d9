"""Key registers longer than a print view holds (issue 22): never cut silently — the page says how many of how
many it shows and how to get the rest; the user prints a part (a period, a building) or downloads the PDF of the
whole; the key-loan register prints on A4 landscape with its last column on the page; a server without WeasyPrint
answers a clear page, not a 500 (CORE-10, KEY-REPORT-1)."""
from __future__ import annotations

import io

import pytest

from core.models import Building
from core.web import paper
from keys.categories import Category
from keys.paper import forms
from keys.tests.helpers import lend, make_key
from tests.test_print import signature_labels, squeeze

pypdf = pytest.importorskip("pypdf")


@pytest.fixture
def clerk(client, users):
    client.force_login(users["kefu1"])
    return client


@pytest.fixture
def five_keys(project, users):
    first, second = Building.objects.filter(project=project).order_by("pk")[:2]
    return ([make_key(project, users, Category.PUBLIC, name=f"1栋设备间{i}", building=first) for i in range(3)]
            + [make_key(project, users, Category.PUBLIC, name=f"2栋设备间{i}", building=second) for i in range(2)])


def pdf_text(response) -> tuple[list[float], str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response.status_code
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return [float(p.mediabox.width) for p in reader.pages], "".join(p.extract_text() for p in reader.pages)


@pytest.mark.req("CORE-10")
def test_a_ledger_longer_than_the_print_says_so_and_offers_parts_and_the_pdf(clerk, five_keys, monkeypatch):
    monkeypatch.setattr(forms, "LEDGER_LIMIT", 3)
    html = clerk.get("/keys/print/ledger/").content.decode()
    shown = [k for k in five_keys if k.number in html]
    assert len(shown) == 3
    assert ("This print holds the first 3 of 5 rows" in html or "只含全部 5 行中的前 3 行" in html), html[:3000]
    assert 'name="building"' in html and "format=pdf" in html  # a part, or the whole as a PDF

    building = five_keys[-1].building
    part = clerk.get("/keys/print/ledger/", {"building": building.pk}).content.decode()
    assert all(k.number in part for k in five_keys[3:]) and not any(k.number in part for k in five_keys[:3])
    assert "first 3 of" not in part and "前 3 行" not in part

    widths, text = pdf_text(clerk.get("/keys/print/ledger/", {"format": "pdf"}))
    assert all(k.number in text for k in five_keys)  # the PDF holds the whole ledger
    assert all(abs(w - 595.3) <= 2 for w in widths) and "第 1 页 / 共" in text


@pytest.mark.req("CORE-10")
def test_tags_beyond_the_sheet_are_named_not_dropped(clerk, five_keys, monkeypatch):
    monkeypatch.setattr(forms, "TAGS_LIMIT", 2)
    html = clerk.get("/keys/print/tags/").content.decode()
    assert "This print holds the first 2 of 5 rows" in html or "只含全部 5 行中的前 2 行" in html


@pytest.mark.req("KEY-REPORT-1")
def test_the_loan_register_is_landscape_with_its_last_column_on_the_page(client, users, public_key):
    lend(public_key, users)
    client.force_login(users["xingzheng"])
    page = client.get("/keys/print/register/", {"form": "public"}).content.decode()
    assert "paper-landscape.css" in page and "<thead>" in page
    widths, text = pdf_text(client.get("/keys/print/register/", {"form": "public", "format": "pdf"}))
    assert all(abs(w - 841.9) <= 2 for w in widths)
    assert public_key.number in text
    labels = signature_labels(page)
    assert len(labels) >= 4, labels  # the two signature columns and the custodian's and checker's boxes
    assert all(squeeze(label) in squeeze(text) for label in labels), (labels, text[-800:])


@pytest.mark.req("CORE-10")
def test_without_weasyprint_the_pdf_link_says_so_instead_of_failing(clerk, five_keys, monkeypatch):
    def missing(html, base_url):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(paper, "html_to_pdf", missing)
    response = clerk.get("/keys/print/ledger/", {"format": "pdf"})
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
    assert "WeasyPrint" in response.content.decode()
    assert clerk.get("/keys/print/ledger/").status_code == 200  # the page itself still prints from the browser
