"""What a household does in the portal (RES-1, SURVEY-2): report with photos → a desk contact "online"; follow it;
confirm the completed repair with a drawn signature; rate it — and never see or touch another household's."""
from __future__ import annotations

import datetime as dt

import pytest

from core import handoffs
from core.attachments import attachments_of
from core.errors import DomainError
from desk.models import Contact, ContactChannel, Repair, RepairStatus
from desk.services import intake_convert, repairs
from residents.models import MatterRating
from residents.services import portal
from residents.tests.helpers import NOON, PNG, SIGNATURE, sign_in

pytestmark = pytest.mark.django_db


def completed_repair(session, users) -> Repair:
    number = portal.report(session, kind="repair", content="厨房水管漏水", photos=[("leak.png", PNG)])
    contact = Contact.objects.get(project=session.project, serial=number)
    repair = intake_convert.contact_to_repair(contact=contact, actor=users["kefu1"], category="水电")
    repair = repairs.dispatch_repair(repair=repair, dispatched_by=users["kefu1"], technician=users["gongcheng1"])
    repair = repairs.set_out(repair=repair, technician=users["gongcheng1"])
    return repairs.complete_repair(repair=repair, completed_by=users["gongcheng1"], work_done="更换水管接头")


@pytest.mark.req("RES-1")
def test_a_report_with_photos_reaches_the_desk_as_an_online_contact(project, users, sms_file, travel):
    travel(NOON)
    session = sign_in(project, sms_file)
    number = portal.report(session, kind="repair", content="卫生间漏水", photos=[("a.png", PNG), ("b.png", PNG)])
    contact = Contact.objects.get(project=project, serial=number)
    assert contact.channel == ContactChannel.ONLINE and contact.unit == session.unit
    assert contact.resident == session.resident and contact.received_at == NOON
    assert attachments_of(contact).count() == 2
    assert [m.number for m in portal.matters(session)] == [number]


@pytest.mark.req("RES-1")
def test_a_report_is_refused_with_a_code_and_nothing_written(project, users, sms_file, travel, unchanged):
    travel(NOON)
    session = sign_in(project, sms_file)
    for kind, content, code in (("bribe", "x", "invalid_kind"), ("repair", "  ", "required")):
        with unchanged(), pytest.raises(DomainError) as refused:
            portal.report(session, kind=kind, content=content)
        assert refused.value.code == code


@pytest.mark.req("RES-1")
def test_another_households_matters_are_never_shown_nor_touched(project, users, sms_file, travel, unchanged):
    travel(NOON)
    mine = sign_in(project, sms_file, "1", "101")
    theirs = sign_in(project, sms_file, "2", "201")
    repair = completed_repair(theirs, users)
    assert portal.matters(mine) == []
    assert [m.ref for m in portal.matters(theirs)] == [repair.ref]
    with unchanged(repair), pytest.raises(DomainError) as refused:
        portal.confirm(mine, ref=repair.ref, name="冒名", image=SIGNATURE, is_adult=True)
    assert refused.value.code == "not_found"
    with unchanged(repair), pytest.raises(DomainError) as refused:  # even straight through the desk's slot
        handoffs.confirm_resident_repair(project, mine.unit, repair.ref, "冒名", SIGNATURE, True)
    assert refused.value.code == "not_found"
    with unchanged(), pytest.raises(DomainError) as refused:
        portal.rate(mine, ref=repair.ref, score=1)
    assert refused.value.code == "not_found"


@pytest.mark.req("RES-1")
def test_an_adult_of_the_household_confirms_the_completed_repair_with_a_drawn_signature(project, users, sms_file,
                                                                                        travel, unchanged):
    travel(NOON)
    session = sign_in(project, sms_file)
    repair = completed_repair(session, users)
    (matter,) = portal.matters(session)
    assert matter.can_confirm and not matter.closed
    with unchanged(repair), pytest.raises(DomainError) as refused:  # REPAIR-3's rule stands
        portal.confirm(session, ref=repair.ref, name="小孩", image=SIGNATURE, is_adult=False)
    assert refused.value.code == "signer_not_adult"
    with unchanged(repair), pytest.raises(DomainError) as refused:
        portal.confirm(session, ref=repair.ref, name="业主", image="data:image/png;base64,xx", is_adult=True)
    assert refused.value.code == "signature_required"
    portal.confirm(session, ref=repair.ref, name=session.resident.name, image=SIGNATURE, is_adult=True)
    repair.refresh_from_db()
    assert repair.status == RepairStatus.SIGNED and repair.sign_method == "household"
    assert Contact.objects.get(matter_ref=repair.ref).status == "closed"
    assert portal.matters(session)[0].closed


@pytest.mark.req("SURVEY-2")
def test_the_household_rates_its_closed_matter_once_and_it_feeds_the_visit_analysis(project, users, sms_file,
                                                                                   travel, unchanged):
    travel(NOON)
    session = sign_in(project, sms_file)
    repair = completed_repair(session, users)
    with unchanged(), pytest.raises(DomainError) as refused:
        portal.rate(session, ref=repair.ref, score=5)
    assert refused.value.code == "not_closed"
    portal.confirm(session, ref=repair.ref, name=session.resident.name, image=SIGNATURE, is_adult=True)
    with unchanged(), pytest.raises(DomainError) as refused:
        portal.rate(session, ref=repair.ref, score=9)
    assert refused.value.code == "invalid_score"
    rating = portal.rate(session, ref=repair.ref, score=4, comment="师傅很准时")
    assert rating.number == repair.slip_number and rating.service
    with unchanged(), pytest.raises(DomainError) as refused:
        portal.rate(session, ref=repair.ref, score=1)
    assert refused.value.code == "already_rated"
    assert MatterRating.objects.get().score == 4
    fed = handoffs.resident_ratings(project, NOON - dt.timedelta(days=1), NOON + dt.timedelta(days=1))
    assert [(r.matter_ref, r.score, r.satisfied) for r in fed] == [(repair.ref, 4, True)]
    # The desk's quarterly analysis shows it beside the visits, and no visit is counted for it (VISIT-6).
    from desk.selectors.visits_analysis import analysis_figures
    from desk.selectors.visits_periods import quarter_of

    figures = analysis_figures(project=project, year=quarter_of(NOON.date())[0], quarter=quarter_of(NOON.date())[1])
    assert figures["resident_ratings"]["count"] == 1 and figures["resident_ratings"]["satisfied"] == 1
    assert figures["visits_made"] == 0
