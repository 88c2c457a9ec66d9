"""The incoming and outgoing registers as spreadsheets (DOC-1, DOC-2; issue 15 "Excel export"): the same lines as
the printed 《收文登记簿》/《发文登记簿》, with who signed, and a title that begins with "=" stays text."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from archives.services import documents_outgoing as out
from archives.tests.test_documents import drafted, incoming
from core.clock import at_beijing
from core.testing.fixtures import PASSWORD, login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def monday(travel):
    return travel(at_beijing(dt.date(2026, 6, 8), dt.time(10, 0)))


def _sheet(answer):
    assert answer.status_code == 200, answer.content[:300]
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))


@pytest.mark.req("DOC-1")
def test_the_incoming_register_exports_every_numbered_document_with_its_clerk(client, project, users):
    first = incoming(project, users)
    formula = incoming(project, users, title="=HYPERLINK(\"http://x\",\"点此\")", secret=True)
    login(client, users["dangan"], project)
    rows = _sheet(client.get("/archives/documents/register/export/?direction=incoming&year=2026"))
    lines = {row[0]: row for row in rows[1:] if row[0]}
    assert set(lines) >= {first.serial, formula.serial}
    assert lines[first.serial][2] == "区住建局" and lines[first.serial][8] == users["dangan"].display_name
    assert lines[formula.serial][4] == formula.title  # written as text, never as a live formula
    # Another year's register holds none of them.
    later = _sheet(client.get("/archives/documents/register/export/?direction=incoming&year=2025"))
    assert not {row[0] for row in later[1:]} & set(lines)


@pytest.mark.req("DOC-2")
def test_the_outgoing_register_exports_the_gms_signature_and_the_clerk(client, project, users):
    doc = out.register(document=out.sign(document=drafted(project, users), signer=users["zongjingli"],
                                         password=PASSWORD), clerk=users["dangan"])
    login(client, users["dangan"], project)
    rows = _sheet(client.get("/archives/documents/register/export/?direction=outgoing&year=2026"))
    line = next(row for row in rows if row[0] == doc.serial)
    assert line[2] == "市自来水公司" and line[7] == users["zongjingli"].display_name
    assert line[10] == users["dangan"].display_name and line[8] == "2026-06-08"


@pytest.mark.req("DOC-1")
def test_someone_of_another_project_gets_no_register(client, project, users, world):
    incoming(project, users)
    login(client, users["bj_dangan"], world.projects[1])
    rows = _sheet(client.get("/archives/documents/register/export/?direction=incoming&year=2026"))
    assert len(rows) == 1 or all(row[0] is None for row in rows[1:])  # the other project's register: headers only
