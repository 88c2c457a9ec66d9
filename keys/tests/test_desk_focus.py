"""The key desk (前台借还): once a scan finds a loan, the cursor waits in its piece-count field so the clerk
types the count and Enter; with nothing to count it stays in the scan box (KEY-LOAN-5, KEY-LOAN-10)."""
import datetime as dt

import pytest

from core import clock
from core.testing.fixtures import PASSWORD
from duty.tests.form_html import autofocused
from keys.tests.helpers import apply, approve_all, lend, make_key

MORNING = clock.at_beijing(dt.date(2026, 3, 10), dt.time(10, 0))  # a Tuesday, office hours


@pytest.fixture
def desk_clerk(client, users, travel):
    travel(MORNING)
    client.force_login(users["xingzheng"])
    return client


def focus_of(response) -> list[str]:
    return autofocused(response.content.decode())


@pytest.mark.req("KEY-LOAN-5")
def test_a_scan_finding_an_approved_loan_puts_the_cursor_in_its_count(desk_clerk, project, users):
    key = make_key(project, users, name="1栋12层消防通道门", key_name="消防通道门")
    loan = approve_all(apply(key, users), users)
    response = desk_clerk.get("/keys/desk/", {"scan": key.tag_token})
    assert response.status_code == 200 and focus_of(response) == [f"pieces-{loan.pk}"]


@pytest.mark.req("KEY-LOAN-10")
def test_a_scan_finding_a_lent_key_puts_the_cursor_in_the_pieces_handed_back(desk_clerk, project, users):
    key = make_key(project, users, name="2栋配电房", key_name="配电房")
    lend(key, users)
    response = desk_clerk.get("/keys/desk/", {"scan": key.number})
    assert focus_of(response) == ["pieces_returned"]


@pytest.mark.req("KEY-LEDGER-2")
def test_with_nothing_found_or_nothing_to_count_the_scan_box_keeps_the_cursor(desk_clerk, project, users):
    assert focus_of(desk_clerk.get("/keys/desk/")) == ["scan"]
    assert focus_of(desk_clerk.get("/keys/desk/", {"scan": "KNOPE"})) == ["scan"]
    idle = make_key(project, users, name="3栋水表箱", key_name="水表箱")
    assert focus_of(desk_clerk.get("/keys/desk/", {"scan": idle.number})) == ["scan"]


@pytest.mark.req("KEY-LOAN-5", "KEY-LOAN-10")
def test_after_a_refused_count_the_cursor_is_back_in_the_same_count(desk_clerk, project, users):
    key = make_key(project, users, name="1栋电梯机房", key_name="电梯机房")
    loan = approve_all(apply(key, users), users)
    refused = desk_clerk.post(f"/keys/desk/lend/{loan.pk}/", {"scanned": key.number, "pieces_counted": 1,
                                                              "borrower_password": PASSWORD})
    assert refused.status_code == 400 and focus_of(refused) == [f"pieces-{loan.pk}"]
    lent = lend(make_key(project, users, name="2栋电梯机房", key_name="电梯机房"), users)
    mismatch = desk_clerk.post(f"/keys/desk/return/{lent.pk}/", {"scanned": lent.key.number, "pieces_returned": 1,
                                                                 "intact": "on"})
    assert mismatch.status_code == 409 and focus_of(mismatch) == ["pieces_returned"]
