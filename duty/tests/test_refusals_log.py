"""The duty log refused, and nothing written: severity, the emergency report's receipt, rounds (DUTY-LOG-2, -3,
-6); the day's sign-off is the signer's own, never with a wrong password or a deactivated account (DUTY-LOG-4,
CORE-6); the manager's receipt of a written report is on the record (CORE-5)."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError
from core.testing.fixtures import PASSWORD
from duty.models import DaySignoff, DutyEntry, DutyRound, EmergencyReport
from duty.services import log_emergency, log_rounds, log_signoff
from duty.states import SignoffKind
from duty.tests.log_helpers import PNG, entry, major

NOW = clock.at_beijing(dt.date(2026, 4, 14), dt.time(9, 30))


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


def submitted(project, users):
    report = major(project, users["kefu1"]).emergency_report
    log_emergency.fill_emergency_form(report=report, filled_by=users["kefu1"], measures="切断电源，通知工程部")
    log_emergency.attach_emergency_photo(report=report, uploaded_by=users["kefu1"], name="a.png", data=PNG)
    return log_emergency.submit_written_report(report=report, submitted_by=users["kefu1"], text="书面报告")


def area_check(area):
    return {"area": area, "condition_ok": True, "hygiene_ok": True, "discipline_ok": True, "note": ""}


@pytest.mark.req("DUTY-LOG-2")
def test_an_unknown_severity_is_refused(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        entry(project, users["kefu1"], severity="catastrophic")
    assert refused.value.code == "invalid_severity" and refused.value.rule == "DUTY-LOG-2"
    assert not DutyEntry.objects.exists()


@pytest.mark.req("DUTY-LOG-3")
def test_a_report_not_yet_submitted_cannot_be_acknowledged(project, users, unchanged):
    report = major(project, users["kefu1"]).emergency_report
    with unchanged(report), pytest.raises(DomainError) as refused:
        log_emergency.acknowledge_report(report=report, received_by=users["jingli"])
    assert refused.value.code == "report_not_submitted"
    assert EmergencyReport.objects.get().report_received_at is None


@pytest.mark.req("DUTY-LOG-3", "CORE-5")
def test_a_report_is_acknowledged_once_and_the_receipt_is_on_the_record(project, users, travel, unchanged,
                                                                         audited):
    report = log_emergency.acknowledge_report(report=submitted(project, users), received_by=users["jingli"])
    event = audited("duty.emergency.report_received", report)
    assert event.actor_id == users["jingli"].pk
    travel(NOW + dt.timedelta(hours=2))
    with unchanged(report), pytest.raises(DomainError) as refused:
        log_emergency.acknowledge_report(report=report, received_by=users["jingli"])
    assert refused.value.code == "already_acknowledged"
    assert EmergencyReport.objects.get().report_received_at == NOW


@pytest.mark.req("DUTY-LOG-6")
def test_an_area_listed_twice_is_refused_and_the_round_stays_open(project, users, unchanged):
    duty_round = log_rounds.start_round(project=project, person=users["kefu1"])
    area = log_rounds.areas_for(project)[0]
    with unchanged(duty_round), pytest.raises(DomainError) as refused:
        log_rounds.finish_round(duty_round=duty_round, person=users["kefu1"], checks=[area_check(area)] * 2)
    assert refused.value.code == "duplicate_area"
    assert DutyRound.objects.get().finished_at is None


@pytest.mark.req("DUTY-LOG-6")
def test_a_finished_round_is_not_finished_again(project, users, unchanged):
    duty_round = log_rounds.start_round(project=project, person=users["kefu1"])
    areas = log_rounds.areas_for(project)
    done = log_rounds.finish_round(duty_round=duty_round, person=users["kefu1"], checks=[area_check(areas[0])])
    failed = {**area_check(areas[1]), "hygiene_ok": False}
    with unchanged(done), pytest.raises(DomainError) as refused:
        log_rounds.finish_round(duty_round=done, person=users["kefu1"], checks=[failed])
    assert refused.value.code == "round_finished"
    assert not DutyEntry.objects.exists()


# --- the day's sign-off is the signer's own (DUTY-LOG-4, CORE-6) -----------------------------------------

@pytest.mark.req("DUTY-LOG-4", "CORE-6")
def test_a_wrong_password_signs_no_day(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        log_signoff.sign_day(project=project, day=NOW.date(), kind=SignoffKind.MANAGER_SIGNOFF,
                             signer=users["jingli"], password="guess")
    assert refused.value.code == "bad_credentials" and refused.value.rule == "CORE-6"
    assert not DaySignoff.objects.exists()


@pytest.mark.req("DUTY-LOG-4", "CORE-6")
def test_a_deactivated_manager_cannot_sign_the_day_with_her_old_password(project, users, unchanged):
    users["jingli"].is_active = False
    users["jingli"].save(update_fields=["is_active"])
    with unchanged(), pytest.raises(DomainError) as refused:
        log_signoff.sign_day(project=project, day=NOW.date(), kind=SignoffKind.MANAGER_SIGNOFF,
                             signer=users["jingli"], password=PASSWORD)
    assert refused.value.code == "bad_credentials"
    assert not DaySignoff.objects.exists()


@pytest.mark.req("DUTY-LOG-4", "CORE-5", "CORE-6")
def test_the_signoff_is_signed_by_the_signer_and_audited(project, users, audited):
    signoff = log_signoff.sign_day(project=project, day=NOW.date(), kind=SignoffKind.MANAGER_SIGNOFF,
                                   signer=users["jingli"], password=PASSWORD)
    assert audited("duty.log.manager_signoff", signoff).actor_id == users["jingli"].pk
    assert signoff.signed_by == users["jingli"]
