"""Prices published by version and receipts charged at the published price, numbered per project (FEE-1)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import Conflict, DomainError, NotAllowed
from siteoffice.models import Price, Receipt
from siteoffice.services import prices, receipts
from siteoffice.states import FeeKind, PayMethod
from siteoffice.tests.helpers import MORNING, at, issue, price, unit


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


@pytest.mark.req("FEE-1")
def test_a_receipt_charges_quantity_times_the_published_price_to_the_fen(project, users, audited):
    p = price(project, users, unit_price="2.35")
    receipt = issue(project, users, p, quantity="33.333", unit=unit(project), period="2026-03")
    assert receipt.amount == Decimal("78.33")  # 33.333 × 2.35 = 78.33255, half up to the fen
    assert isinstance(receipt.amount, Decimal)
    assert (receipt.unit_price, receipt.price_id, receipt.kind) == (Decimal("2.35"), p.pk, FeeKind.SERVICE)
    assert receipt.number == "SJ00000001" and receipt.day == MORNING.date()
    assert audited("siteoffice.receipt.issued", receipt).data["amount"] == "78.33"


@pytest.mark.req("FEE-1")
def test_receipts_are_numbered_per_project_without_gaps_even_after_a_refusal(project, users, unchanged):
    p = price(project, users)
    first = issue(project, users, p)
    with unchanged(first), pytest.raises(DomainError):
        issue(project, users, p, quantity="0")
    second = issue(project, users, p)
    assert [first.seq, second.seq] == [1, 2]
    assert [first.number, second.number] == ["SJ00000001", "SJ00000002"]


@pytest.mark.req("FEE-1")
def test_another_projects_receipts_have_their_own_numbers(project, other_project, users, world):
    issue(project, users, price(project, users))
    bj = world.users
    p2 = prices.publish(project=other_project, by=bj["bj_kfzg"], kind=FeeKind.SERVICE, name="物业服务费",
                        unit_label="元/㎡·月", unit_price="3.00", effective_from=MORNING.date())
    r2 = receipts.issue(project=other_project, clerk=bj["bj_kefu1"], price=p2, quantity="1", payer="甲",
                        method=PayMethod.CASH)
    assert r2.number == "SJ00000001"


@pytest.mark.req("FEE-1")
@pytest.mark.parametrize("bad", [2.5, "abc", "-1", "0", "1.2345", "NaN", "Infinity", None, True])
def test_an_amount_that_is_not_an_exact_positive_decimal_is_refused_and_nothing_changes(project, users, unchanged,
                                                                                        bad):
    p = price(project, users)
    with unchanged(p), pytest.raises(DomainError) as refused:
        issue(project, users, p, quantity=bad)
    assert refused.value.code == "invalid_amount"


@pytest.mark.req("FEE-1")
def test_a_price_is_changed_by_a_new_version_and_receipts_follow_the_version_in_force(project, users, travel):
    old = price(project, users, unit_price="2.50")
    new = price(project, users, unit_price="2.80", effective_from=MORNING.date() + dt.timedelta(days=1))
    assert issue(project, users, old).unit_price == Decimal("2.50")
    with pytest.raises(Conflict) as refused:
        issue(project, users, new)  # not yet in force
    assert refused.value.code == "price_not_current"
    travel(at(MORNING.date() + dt.timedelta(days=1)))
    with pytest.raises(Conflict) as refused:
        issue(project, users, old)  # superseded
    assert refused.value.code == "price_not_current"
    assert issue(project, users, new).unit_price == Decimal("2.80")
    old.refresh_from_db()
    assert old.unit_price == Decimal("2.50")  # the version charged is never edited


@pytest.mark.req("FEE-1")
def test_a_price_cannot_be_published_backwards_nor_twice_for_one_day(project, users, unchanged):
    p = price(project, users)
    with unchanged(p), pytest.raises(DomainError) as refused:
        price(project, users, unit_price="9.99", effective_from=MORNING.date() - dt.timedelta(days=1))
    assert refused.value.code == "invalid_date"
    with unchanged(p), pytest.raises(Conflict) as refused:
        price(project, users, unit_price="9.99")
    assert refused.value.code == "duplicate_price"
    assert Price.objects.filter(project=project).count() == 1


@pytest.mark.req("FEE-1")
def test_only_the_supervisor_or_manager_publishes_prices(project, users, unchanged):
    with unchanged(), pytest.raises(NotAllowed) as refused:
        prices.publish(project=project, by=users["kefu1"], kind=FeeKind.SERVICE, name="物业服务费",
                       unit_label="元", unit_price="1.00", effective_from=MORNING.date())
    assert refused.value.code == "role_not_allowed"


@pytest.mark.req("FEE-1")
def test_only_a_fee_clerk_issues_receipts(project, users, unchanged):
    p = price(project, users)
    with unchanged(p), pytest.raises(NotAllowed) as refused:
        issue(project, users, p, clerk="baoan1")
    assert refused.value.code == "role_not_allowed"


@pytest.mark.req("FEE-1")
@pytest.mark.parametrize("field,kw,code", [
    ("method", {"method": "cheque"}, "invalid_choice"),
    ("payer", {"payer": " "}, "required"),
    ("payer", {"payer": "甲" * 101}, "too_long"),
])
def test_a_receipt_with_bad_fields_is_refused_and_nothing_changes(project, users, unchanged, field, kw, code):
    p = price(project, users)
    with unchanged(p), pytest.raises(DomainError) as refused:
        issue(project, users, p, **kw)
    assert refused.value.code == code


@pytest.mark.req("FEE-1")
def test_a_unit_or_price_of_another_project_is_refused(project, other_project, users, unchanged):
    p = price(project, users)
    with unchanged(p), pytest.raises(DomainError) as refused:
        issue(project, users, p, unit=unit(other_project))
    assert refused.value.code == "invalid_choice"
    p2 = prices.publish(project=other_project, by=users["bj_kfzg"], kind=FeeKind.SERVICE, name="物业服务费",
                        unit_label="元", unit_price="1.00", effective_from=MORNING.date())
    with unchanged(p), pytest.raises(DomainError) as refused:
        issue(project, users, p2)
    assert refused.value.code == "invalid_choice"
    assert not Receipt.objects.exists()


@pytest.mark.req("FEE-1")
def test_the_database_refuses_a_charge_with_a_negative_amount(project, users):
    from django.db import IntegrityError, transaction

    receipt = issue(project, users, price(project, users))
    with pytest.raises(IntegrityError), transaction.atomic():
        Receipt.objects.filter(pk=receipt.pk).update(amount=Decimal("-1.00"))
