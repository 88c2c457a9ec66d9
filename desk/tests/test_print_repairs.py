"""The 《工作任务单》 on paper: the resident's drawn signature sits in the resident's box, not under 签发人 (issue 22),
and the repair register 《住户报修记录表》 prints by period on A4 landscape, or as a PDF (CORE-10, REPAIR-4)."""
from __future__ import annotations

import base64
import datetime as dt
import io
import random

import pytest

from core import clock
from core.web import paper
from desk.services import repairs_sign
from desk.tests.test_repairs_factories import completed

weasyprint = pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")


def drawn_signature() -> str:
    """A real PNG, as the signature pad sends it."""
    from PIL import Image

    rng = random.Random(7)
    image = Image.new("L", (120, 40), 255)
    image.putdata([rng.choice((0, 255)) for _ in range(120 * 40)])
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def boxes(document):
    for page in document.pages:
        yield from page._page_box.descendants()


def _classes(box) -> str:
    element = getattr(box, "element", None)
    return element.get("class", "") if element is not None else ""


@pytest.fixture
def signed_repair(project, users, travel):
    travel(clock.at_beijing(dt.date(2026, 12, 7), dt.time(9, 0)))
    repair = completed(project, users)
    return repairs_sign.sign_by_household(repair=repair, witnessed_by=users["gongcheng1"], name="业主1-201",
                                          image=drawn_signature(), is_adult=True)


@pytest.mark.req("REPAIR-4")
def test_the_residents_drawn_signature_is_printed_in_the_residents_box(client, users, signed_repair):
    client.force_login(users["kefu1"])
    html = client.get(f"/desk/repairs/{signed_repair.pk}/print/").content.decode()
    document = weasyprint.HTML(string=html, base_url="http://testserver/", url_fetcher=paper._static_fetcher).render()
    found = list(boxes(document))
    resident = [b for b in found if "sig-resident" in _classes(b) and type(b).__name__ == "BlockBox"]
    images = [b for b in found if getattr(b, "element_tag", "") == "img"]
    # three copies of the slip, one resident's box and one drawn signature in each
    assert len({id(b.element) for b in resident}) == 3 and len(images) == 3
    for image in images:
        assert any(box.position_x <= image.position_x and image.position_x + image.margin_width()
                   <= box.position_x + box.margin_width() + 1 and box.position_y <= image.position_y
                   <= box.position_y + box.margin_height() for box in resident), "drawn signature outside its box"


@pytest.mark.req("CORE-10")
def test_the_repair_register_prints_landscape_and_downloads_as_pdf(client, users, signed_repair):
    client.force_login(users["kefu1"])
    page = client.get("/desk/repairs/register/print/")
    html = page.content.decode()
    assert page.status_code == 200 and signed_repair.serial in html and "paper-landscape.css" in html
    assert "format=pdf" in html
    pdf = client.get("/desk/repairs/register/print/", {"format": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    assert all(abs(float(p.mediabox.width) - 841.9) <= 2 for p in reader.pages)
    text = "".join(p.extract_text() for p in reader.pages)
    assert signed_repair.serial in text and "第 1 页 / 共" in text
