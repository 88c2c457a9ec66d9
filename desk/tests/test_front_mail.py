"""Residents' mail, parcels and periodicals (FRONT-2): registered on arrival with their sealed state, a damaged
one with a photo; the resident told through the outbox; signed for at pickup against identification; never
opened; uncollected items chased after the policy's days; subscriptions and their daily arrivals."""
import datetime as dt

import pytest

from core import attachments
from core.errors import DomainError
from core.models import Notification, Resident
from desk.models import MailItem, MailStatus, SealState, Subscription
from desk.services import mail
from desk.sweeps import registers as sweep
from desk.tests.front_helpers import ID_CARD, PHOTO, SIGNATURE, morning, parcel


@pytest.mark.req("FRONT-2")
def test_an_item_is_registered_the_desk_is_asked_to_tell_the_resident_and_it_is_signed_for(
        project, users, travel, audited):
    moment = morning(travel)
    item = parcel(project, users["kefu1"])
    assert item.status == MailStatus.HELD and item.received_at == moment and item.seal_state == SealState.INTACT
    note = Notification.objects.get(kind="desk.mail.arrived")
    assert note.recipient == users["kefu1"] and note.subject == f"desk.mail:{item.pk}" and note.resolved_at is None
    item = mail.record_notice(item=item, notified_by=users["kefu1"], method="sms")
    assert item.notified_at == moment and Notification.objects.get(kind="desk.mail.arrived").resolved_at == moment
    item = mail.collect_mail(item=item, handed_by=users["kefu2"], collector="authorised", collector_name="业主的保姆",
                             id_type="resident_card", id_number=ID_CARD, signature=SIGNATURE)
    assert item.status == MailStatus.COLLECTED and item.collector_name == "业主的保姆"
    assert item.collector_id_hint == ID_CARD[-4:] and ID_CARD not in item.collector_id_cipher
    assert audited("desk.mail.collected", item).data["id_hint"] == ID_CARD[-4:]


@pytest.mark.req("FRONT-2")
def test_an_item_is_never_opened(project, users, travel):
    morning(travel)
    assert "opened" not in SealState.values and "opened" not in MailStatus.values
    assert not any(hasattr(mail, name) for name in ("open_mail", "open_item", "open_parcel"))


@pytest.mark.req("FRONT-2", "CORE-9")
def test_a_damaged_item_is_registered_as_damaged_with_its_photo(project, users, travel, unchanged):
    morning(travel)
    with unchanged(), pytest.raises(DomainError) as refused:
        parcel(project, users["kefu1"], seal_state="damaged", damage_note="外箱破损")
    assert refused.value.code == "damage_photo_required"
    with unchanged(), pytest.raises(DomainError) as refused:
        parcel(project, users["kefu1"], seal_state="damaged", photo=PHOTO)
    assert refused.value.code == "required"
    item = parcel(project, users["kefu1"], seal_state="damaged", damage_note="外箱破损", photo=PHOTO)
    assert item.seal_state == SealState.DAMAGED and attachments.attachments_of(item).count() == 1


@pytest.mark.req("FRONT-2", "CORE-6")
@pytest.mark.parametrize("overrides, code", [
    ({"id_number": "1"}, "invalid_id_number"),
    ({"signature": "x"}, "signature_required"),
    ({"collector": "anyone"}, "invalid_collector"),
    ({"collector": "authorised", "collector_name": ""}, "required"),
])
def test_a_pickup_needs_identification_a_signature_and_a_named_collector(project, users, travel, unchanged,
                                                                         overrides, code):
    morning(travel)
    item = parcel(project, users["kefu1"])
    spec = {"collector": "resident", "id_type": "resident_card", "id_number": ID_CARD, "signature": SIGNATURE}
    spec.update(overrides)
    with unchanged(item), pytest.raises(DomainError) as refused:
        mail.collect_mail(item=item, handed_by=users["kefu1"], **spec)
    assert refused.value.code == code and MailItem.objects.get().status == MailStatus.HELD


@pytest.mark.req("FRONT-2")
def test_a_collected_item_is_not_handed_out_or_notified_again(project, users, travel, unchanged):
    morning(travel)
    item = mail.collect_mail(item=parcel(project, users["kefu1"]), handed_by=users["kefu1"], collector="resident",
                             id_type="resident_card", id_number=ID_CARD, signature=SIGNATURE)
    with unchanged(item), pytest.raises(DomainError) as refused:
        mail.collect_mail(item=item, handed_by=users["kefu1"], collector="resident", id_type="resident_card",
                          id_number=ID_CARD, signature=SIGNATURE)
    assert refused.value.code == "illegal_transition"
    with unchanged(item), pytest.raises(DomainError) as refused:
        mail.record_notice(item=item, notified_by=users["kefu1"], method="phone")
    assert refused.value.code == "not_held"


@pytest.mark.req("FRONT-2", "CORE-1")
@pytest.mark.parametrize("overrides, code", [
    ({"kind": "pigeon"}, "invalid_kind"), ({"seal_state": "opened"}, "invalid_seal_state"),
    ({"unit": None}, "addressee_required"), ({"copies": 0}, "invalid_copies"),
])
def test_a_registration_with_bad_data_is_refused(project, users, travel, unchanged, overrides, code):
    morning(travel)
    with unchanged(), pytest.raises(DomainError) as refused:
        parcel(project, users["kefu1"], **overrides)
    assert refused.value.code == code


@pytest.mark.req("FRONT-2")
def test_uncollected_items_are_chased_after_the_policys_days_once_a_day(project, users, travel):
    morning(travel)
    item = parcel(project, users["kefu1"])
    assert sweep.sweep_project(project) == 0
    morning(travel, dt.date(2026, 11, 13))  # three days: not yet past
    assert sweep.sweep_project(project) == 0
    morning(travel, dt.date(2026, 11, 14))
    sent = sweep.sweep_project(project)
    assert sent >= 1 and sweep.sweep_project(project) == 0
    assert set(Notification.objects.filter(kind="desk.mail.uncollected").values_list("subject", flat=True)) == {
        f"desk.mail:{item.pk}"}


@pytest.mark.req("FRONT-2")
def test_a_subscription_brings_one_arrival_a_day_within_its_period(project, users, travel, unchanged):
    morning(travel)
    resident = Resident.objects.filter(project=project).first()
    sub = mail.add_subscription(project=project, created_by=users["kefu1"], resident=resident, title="人民日报",
                                period="daily", copies=2, starts_on=dt.date(2026, 11, 1),
                                ends_on=dt.date(2026, 12, 31))
    item = mail.record_arrival(subscription=sub, received_by=users["kefu1"])
    assert item.kind == "newspaper" and item.copies == 2 and item.subscription == sub
    with unchanged(sub), pytest.raises(DomainError) as refused:
        mail.record_arrival(subscription=sub, received_by=users["kefu1"])
    assert refused.value.code == "already_arrived"
    morning(travel, dt.date(2027, 1, 2))
    with unchanged(sub), pytest.raises(DomainError) as refused:
        mail.record_arrival(subscription=sub, received_by=users["kefu1"])
    assert refused.value.code == "subscription_not_current"
    with unchanged(), pytest.raises(DomainError) as refused:
        mail.add_subscription(project=project, created_by=users["kefu1"], resident=resident, title="读者",
                              period="monthly", starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 1, 1))
    assert refused.value.code == "invalid_dates" and Subscription.objects.count() == 1


@pytest.mark.req("FRONT-2", "CORE-1")
def test_the_remaining_refusals_of_the_mail_register_change_nothing(project, other_project, users, travel,
                                                                    unchanged):
    morning(travel)
    item = parcel(project, users["kefu1"])
    with unchanged(item), pytest.raises(DomainError) as refused:
        mail.record_notice(item=item, notified_by=users["kefu1"], method="carrier_pigeon")
    assert refused.value.code == "invalid_notice_method"
    theirs = Resident.objects.filter(project=other_project).first()
    with unchanged(), pytest.raises(DomainError) as refused:
        parcel(project, users["kefu1"], unit=None, resident=theirs)
    assert refused.value.code == "resident_not_in_project"
    mine = Resident.objects.filter(project=project).first()
    for resident, period, code in ((None, "daily", "resident_required"), (mine, "hourly", "invalid_period"),
                                   (theirs, "daily", "resident_not_in_project")):
        with unchanged(), pytest.raises(DomainError) as refused:
            mail.add_subscription(project=project, created_by=users["kefu1"], resident=resident, title="晚报",
                                  period=period, starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 11, 30))
        assert refused.value.code == code
