"""The safety registers in Excel (CORE-10): the month's fire equipment tests (消防设施测试记录, FIRE-2), the monthly
fire inspections (防火检查记录, FIRE-1) and a crew's pre-shift meeting ledger (班前会台账, CREW-1) — in words, never
codes, and a cell that begins with = written as text, never a formula."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from core.testing.fixtures import PASSWORD, login
from safety.models import EquipmentTest
from safety.services import crews, fire
from safety.states import DueStatus, EquipmentKind, MeetingStatus
from safety.tests.helpers import MORNING, OFFICER, SIGNATURE, at

pytestmark = pytest.mark.django_db
FORMULA = "=HYPERLINK(\"http://example.com\",\"点此\")"


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


def sheet(response) -> list[tuple]:
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    return ws, [tuple(cell.value for cell in row) for row in ws.iter_rows()]


def as_text(ws, value) -> None:
    """The cell holding `value` is a text cell (never a formula)."""
    cells = [c for row in ws.iter_rows() for c in row if c.value == value]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.req("FIRE-2")
def test_the_months_equipment_tests_export_in_words_with_formulas_kept_as_text(client, project, users):
    pump = fire.add_equipment(project=project, by=users[OFFICER], kind=EquipmentKind.PUMP, label="1号消防泵",
                              location="地下一层泵房", installed_on=dt.date(2026, 1, 10))
    fire.schedule_tests(project, dt.date(2026, 3, 31))
    test = EquipmentTest.objects.get(equipment=pump, due_on=dt.date(2026, 3, 10))
    fire.record_test(test=test, by=users[OFFICER], passed=False, result=FORMULA)
    login(client, users[OFFICER], project)
    assert "/safety/tests/export/" in client.get("/safety/tests/").content.decode()
    ws, rows = sheet(client.get("/safety/tests/export/?year=2026&month=3"))
    header, *body = rows
    assert len(header) == 9 and len(body) == 1
    row = body[0]
    assert row[0] == "1号消防泵" and row[1] == str(EquipmentKind.PUMP.label) and row[3] == "2026-03-10"
    assert row[4] == "2026-03-10 09:30" and row[5] == "否" and row[6] == FORMULA and row[7] == str(DueStatus.DONE.label)
    assert row[8] == users[OFFICER].display_name
    assert "pump" not in row and "done" not in row and "False" not in map(str, row)
    as_text(ws, FORMULA)
    # another month holds only its own tests
    _ws, rows = sheet(client.get("/safety/tests/export/?year=2026&month=2"))
    assert [r[3] for r in rows[1:]] == ["2026-02-10"]


@pytest.mark.req("FIRE-1")
def test_the_monthly_inspections_export_with_their_inspector(client, project, users):
    fire.record_inspection(project=project, by=users[OFFICER], password=PASSWORD, areas=FORMULA,
                           findings="-疏散指示灯不亮")
    login(client, users[OFFICER], project)
    assert "/safety/inspections/export/" in client.get("/safety/inspections/").content.decode()
    ws, rows = sheet(client.get("/safety/inspections/export/"))
    header, *body = rows
    assert len(header) == 6 and len(body) == 1
    assert body[0][1] == "2026-03" and body[0][3] == users[OFFICER].display_name and body[0][4] == FORMULA
    as_text(ws, FORMULA)
    as_text(ws, "-疏散指示灯不亮")


@pytest.mark.req("CREW-1")
def test_the_pre_shift_meeting_ledger_exports_a_row_per_member_with_when_they_signed(client, project, users):
    crew = crews.add_crew(project=project, by=users[OFFICER], name="保洁一班", contractor="洁美保洁", work="保洁")
    for name in ("刘阿姨", "张师傅"):
        crews.add_member(crew=crew, by=users[OFFICER], name=name,
                         protections=[("防滑鞋", MORNING.date() + dt.timedelta(days=30))])
    liu, zhang = crew.members.order_by("name")
    meeting = crews.hold_meeting(crew=crew, by=users["gongcheng1"], hazards=FORMULA, tasks="大堂保洁",
                                 notices_posted=True, members=[liu, zhang])
    crews.sign_meeting(meeting=meeting, member=liu, name=liu.name, image=SIGNATURE, witnessed_by=users["gongcheng1"])
    login(client, users[OFFICER], project)
    assert f"/safety/crews/{crew.pk}/ledger/export/" in client.get(f"/safety/crews/{crew.pk}/").content.decode()
    ws, rows = sheet(client.get(f"/safety/crews/{crew.pk}/ledger/export/?year=2026&month=3"))
    header, *body = rows
    assert len(header) == 10 and len(body) == 2
    signed = {r[7]: r[8] or "" for r in body}
    assert signed == {"刘阿姨": "2026-03-10 09:30", "张师傅": ""}
    first = body[0]
    assert first[0] == "2026-03-10" and first[1] == "保洁一班" and first[3] == users["gongcheng1"].display_name
    assert first[6] == "是" and first[9] == str(MeetingStatus.OPEN.label) and "open" not in first
    as_text(ws, FORMULA)
