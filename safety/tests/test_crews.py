"""Outsourced crews: the pre-shift meeting ledger signed by every member, spot checks and the sampling rate,
protective equipment, notices, accidents within 24 h closed by 四不放过, performance by the policy's bands
(CREW-1, CREW-2, CREW-3)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core import signatures
from core.errors import DomainError
from core.models import Notification, Policy
from safety.models import Meeting
from safety.services import crews
from safety.states import AccidentStatus, MeetingStatus
from safety.tests.helpers import MORNING, OFFICER, SIGNATURE, at

DAY = dt.timedelta(days=1)
LEAD, CHECKER = "gongcheng1", "kfzg"


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


@pytest.fixture
def crew(project, users):
    c = crews.add_crew(project=project, by=users[OFFICER], name="保洁一班", contractor="洁美保洁", work="公共区域保洁")
    for name in ("刘阿姨", "张师傅"):
        crews.add_member(crew=c, by=users[OFFICER], name=name, protections=[("防滑鞋", MORNING.date() + 30 * DAY)])
    return c


def meeting(crew, users, **kw):
    fields = {"hazards": "大堂地面湿滑，放警示牌", "tasks": "大堂、楼梯保洁", "notices_posted": True,
              "members": list(crew.members.all()), **kw}
    return crews.hold_meeting(crew=crew, by=users[LEAD], **fields)


@pytest.mark.req("CREW-1")
def test_the_meeting_is_complete_when_every_member_present_has_signed_on_screen(crew, users, other_project,
                                                                                unchanged):
    m = meeting(crew, users)
    a, b = crew.members.all()
    crews.sign_meeting(meeting=m, member=a, name=a.name, image=SIGNATURE, witnessed_by=users[LEAD])
    assert Meeting.objects.get(pk=m.pk).status == MeetingStatus.OPEN
    with unchanged(m), pytest.raises(DomainError) as refused:
        crews.sign_meeting(meeting=m, member=b, name=b.name, image="", witnessed_by=users[LEAD])
    assert refused.value.code == "signature_required"
    with unchanged(m), pytest.raises(DomainError) as refused:
        crews.sign_meeting(meeting=m, member=a, name=a.name, image=SIGNATURE, witnessed_by=users[LEAD])
    assert refused.value.code == "already_signed"
    crews.sign_meeting(meeting=m, member=b, name=b.name, image=SIGNATURE, witnessed_by=users[LEAD])
    assert Meeting.objects.get(pk=m.pk).status == MeetingStatus.SIGNED
    assert signatures.signatures_of(m).count() == 2
    with unchanged(m), pytest.raises(DomainError) as refused:
        meeting(crew, users)
    assert refused.value.code == "duplicate"


@pytest.mark.req("CREW-1")
def test_a_meeting_names_members_of_its_crew_and_is_signed_on_its_day(crew, users, project, travel, unchanged):
    other = crews.add_crew(project=project, by=users[OFFICER], name="绿化班", contractor="绿源", work="绿化")
    stranger = crews.add_member(crew=other, by=users[OFFICER], name="外人",
                                protections=[("手套", MORNING.date() + DAY)])
    with unchanged(), pytest.raises(DomainError) as refused:
        meeting(crew, users, members=[stranger])
    assert refused.value.code == "invalid_choice"
    with unchanged(), pytest.raises(DomainError) as refused:
        meeting(crew, users, members=[])
    assert refused.value.code == "members_required"
    m = meeting(crew, users, members=[crew.members.first()])
    with unchanged(m), pytest.raises(DomainError) as refused:
        crews.sign_meeting(meeting=m, member=crew.members.last(), name="x", image=SIGNATURE, witnessed_by=users[LEAD])
    assert refused.value.code == "not_present"
    travel(at(MORNING.date() + DAY))
    with unchanged(m), pytest.raises(DomainError) as refused:
        crews.sign_meeting(meeting=m, member=crew.members.first(), name="x", image=SIGNATURE,
                           witnessed_by=users[LEAD])
    assert refused.value.code == "meeting_closed"


@pytest.mark.req("CREW-1")
def test_meetings_are_spot_checked_by_someone_else_at_the_policys_rate(crew, users, project, two_roles, travel,
                                                                       unchanged):
    both = two_roles(users[LEAD], "cs_supervisor")  # holds the meeting and may also spot-check
    m = crews.hold_meeting(crew=crew, by=both, hazards="高处作业", tasks="外墙清洗", notices_posted=True,
                           members=list(crew.members.all()))
    with unchanged(m), pytest.raises(DomainError) as refused:
        crews.spot_check(meeting=m, by=both, passed=True)
    assert refused.value.code == "own_meeting"
    with unchanged(m), pytest.raises(DomainError) as refused:
        crews.spot_check(meeting=m, by=users[CHECKER], passed=False, note="")
    assert refused.value.code == "required"
    for offset in range(1, 5):  # four more meetings this month, none checked
        travel(at(MORNING.date() + offset * DAY))
        crews.hold_meeting(crew=crew, by=users[LEAD], hazards="湿滑", tasks="保洁", notices_posted=True,
                           members=list(crew.members.all()))
    assert crews.sampling(project, MORNING.date())["met"] is False
    crews.spot_check(meeting=m, by=users[CHECKER], passed=False, note="两人未签字")
    rate = crews.sampling(project, MORNING.date())
    assert (rate["meetings"], rate["checked"], rate["rate"], rate["met"]) == (5, 1, Decimal("20.0"), True)


@pytest.mark.req("CREW-2")
def test_no_work_without_valid_protective_equipment_a_hazard_briefing_and_notices(crew, users, travel, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        meeting(crew, users, hazards="")
    assert refused.value.code == "required"
    with unchanged(), pytest.raises(DomainError) as refused:
        meeting(crew, users, notices_posted=False)
    assert refused.value.code == "notices_not_posted"
    bare = crews.add_member(crew=crew, by=users[OFFICER], name="新人")
    with unchanged(), pytest.raises(DomainError) as refused:
        meeting(crew, users)
    assert refused.value.code == "protection_invalid" and refused.value.details["members"] == ["新人"]
    crews.set_protection(member=bare, by=users[OFFICER], item="防滑鞋", valid_until=MORNING.date() + 60 * DAY)
    travel(at(MORNING.date() + 31 * DAY))  # the first two members' shoes ran out yesterday
    with unchanged(), pytest.raises(DomainError) as refused:
        meeting(crew, users)
    assert refused.value.code == "protection_invalid" and "新人" not in refused.value.details["members"]
    assert meeting(crew, users, members=[bare]).status == MeetingStatus.OPEN


@pytest.mark.req("CREW-2")
def test_an_accident_is_reported_within_24_hours_and_closed_by_the_four_not_let_go(crew, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        crews.report_accident(crew=crew, by=users[LEAD], occurred_at=at(MORNING) + DAY, description="滑倒")
    assert refused.value.code == "invalid_date"
    on_time = crews.report_accident(crew=crew, by=users[LEAD], occurred_at=at(MORNING) - dt.timedelta(hours=23),
                                    description="保洁员滑倒擦伤")
    late = crews.report_accident(crew=crew, by=users[LEAD], occurred_at=at(MORNING) - dt.timedelta(hours=25),
                                 description="梯子倾倒")
    assert (on_time.reported_late, late.reported_late) == (False, True)
    assert Notification.objects.filter(kind="safety.accident", recipient=users[CHECKER]).count() == 2
    four = {"cause": "地面未放警示牌", "responsibility": "班长扣款", "measures": "配发防滑鞋", "education": "全班学习"}
    with unchanged(on_time), pytest.raises(DomainError) as refused:
        crews.close_accident(accident=on_time, by=users[CHECKER], **{**four, "education": ""})
    assert refused.value.code == "four_not_done" and refused.value.details["missing"] == ["education"]
    with unchanged(on_time), pytest.raises(DomainError) as refused:
        crews.close_accident(accident=on_time, by=users[LEAD], **four)
    assert refused.value.code == "role_not_allowed"
    closed = crews.close_accident(accident=on_time, by=users[CHECKER], **four)
    assert closed.status == AccidentStatus.CLOSED
    with unchanged(closed), pytest.raises(DomainError) as refused:
        crews.close_accident(accident=closed, by=users[CHECKER], **four)
    assert refused.value.code == "already_closed"


@pytest.mark.req("CREW-3")
def test_performance_turns_daily_results_into_bands_overruns_and_sampling_as_policy(crew, users, project,
                                                                                      unchanged):
    first = MORNING.date().replace(day=1)
    with unchanged(), pytest.raises(DomainError) as refused:
        crews.record_result(crew=crew, by=users[LEAD], day=first, tasks=10, succeeded=11)
    assert refused.value.code == "invalid_number"
    crews.record_result(crew=crew, by=users[LEAD], day=first, tasks=50, succeeded=49, overrun_minutes=70,
                        samples=10, samples_passed=10)
    crews.record_result(crew=crew, by=users[LEAD], day=first + DAY, tasks=50, succeeded=47, overrun_minutes=60,
                        samples=10, samples_passed=7)
    with unchanged(), pytest.raises(DomainError) as refused:
        crews.record_result(crew=crew, by=users[LEAD], day=first, tasks=1, succeeded=1)
    assert refused.value.code == "duplicate"
    result = crews.performance(crew, MORNING.date())
    # 96/100 succeeded: the 95% band (0); 130 minutes over: two blocks of 60 (−100); samples 17/20 = 85% < 90 (−200)
    assert result["rate"] == Decimal("96.0") and result["band_amount"] == 0
    assert result["overrun_amount"] == Decimal("-100") and result["sample_amount"] == Decimal("-200")
    assert result["total"] == Decimal("-300")
    Policy.objects.create(project=project, key="safety.crew.bands", clause="本项目规定",
                                  value=[{"min": 96, "amount": 300}, {"min": 0, "amount": -500}])
    assert crews.performance(crew, MORNING.date())["band_amount"] == Decimal("300")
