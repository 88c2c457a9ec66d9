import pytest

from core.errors import Conflict, DomainError, NotAllowed
from keys.categories import Category
from keys.models import DailyReview
from keys.selectors.loans import keys_expected_on_hook
from keys.services import daily
from keys.tests.helpers import lend, make_key


@pytest.fixture
def out(project, users):
    vacant = lend(make_key(project, users, Category.VACANT, name="空房301"), users)
    gate = lend(make_key(project, users, Category.PUBLIC, name="东门"), users, applicant="baoan1")
    make_key(project, users, Category.OFFICE, name="财务室")
    return vacant, gate


@pytest.mark.req("KEY-DAILY-1")
def test_every_unreturned_key_is_listed_with_its_reason_and_the_hooks_counted(project, users, out):
    vacant, gate = out
    expected = keys_expected_on_hook(project=project)
    review = daily.record_daily_review(project=project, reviewed_by=users["kefu1"], counted_on_hook=expected,
                                       reasons={vacant.pk: "保洁明早完成", gate.pk: "夜间巡查使用"})
    assert {e.loan_id: e.reason for e in review.entries.all()} == {vacant.pk: "保洁明早完成", gate.pk: "夜间巡查使用"}
    assert vacant.follow_ups.get().note == "保洁明早完成"
    assert review.expected_on_hook == expected == 1


@pytest.mark.req("KEY-DAILY-1")
def test_the_review_is_refused_while_a_reason_is_missing(project, users, out):
    vacant, gate = out
    with pytest.raises(DomainError) as err:
        daily.record_daily_review(project=project, reviewed_by=users["kefu1"], counted_on_hook=1,
                                  reasons={vacant.pk: "x"})
    assert err.value.code == "reason_required" and err.value.details["missing"] == [gate.serial]
    assert not DailyReview.objects.exists()


@pytest.mark.req("KEY-DAILY-1")
def test_a_count_that_differs_from_the_ledger_must_be_explained(project, users, out):
    vacant, gate = out
    reasons = {vacant.pk: "a", gate.pk: "b"}
    with pytest.raises(DomainError) as err:
        daily.record_daily_review(project=project, reviewed_by=users["kefu1"], counted_on_hook=0, reasons=reasons)
    assert err.value.code == "count_mismatch_needs_note"
    review = daily.record_daily_review(project=project, reviewed_by=users["kefu1"], counted_on_hook=0,
                                       reasons=reasons, note="财务室钥匙不在钩上,已报主管")
    assert review.counted_on_hook == 0
    with pytest.raises(Conflict):
        daily.record_daily_review(project=project, reviewed_by=users["kefu1"], counted_on_hook=1, reasons=reasons)


@pytest.mark.req("KEY-DAILY-1")
def test_only_key_staff_record_the_daily_review(project, users, out):
    with pytest.raises(NotAllowed) as err:
        daily.record_daily_review(project=project, reviewed_by=users["gongcheng1"], counted_on_hook=1, reasons={})
    assert err.value.rule == "KEY-DAILY-1"
