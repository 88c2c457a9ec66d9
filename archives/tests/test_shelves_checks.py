"""Shelving by category and volume order; the monthly check that the records match the shelves, its findings
followed to closure and its reminder (ARCH-4); personal files checked twice a year and a full check each year
(ARCH-11)."""
import datetime as dt

import pytest

from archives.models import Finding
from archives.selectors import catalogue as selectors
from archives.services import checks
from archives.states import CheckKind
from archives.sweeps import sweep_project
from archives.tests.helpers import shelve, volume
from core import clock
from core.errors import DomainError
from core.models import Notification

NOW = clock.at_beijing(dt.date(2026, 5, 12), dt.time(10, 0))


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


@pytest.fixture
def shelved(project, users):
    vols = [volume(project, users, "YH", title="业户"), volume(project, users, "QJ", title="清洁一"),
            volume(project, users, "QJ", title="清洁二")]
    for position, vol in enumerate(vols, start=1):
        shelve(vol, users, position)
    return vols


@pytest.mark.req("ARCH-4")
def test_one_volume_per_place(project, users, shelved, unchanged):
    extra = volume(project, users, "ZB", title="值班")
    with unchanged(extra), pytest.raises(DomainError) as refused:
        shelve(extra, users, 2)
    assert refused.value.code == "place_taken"


@pytest.mark.req("ARCH-4")
def test_the_shelves_flag_a_volume_out_of_category_and_volume_order(project, users, shelved):
    assert selectors.out_of_order(project=project) == []
    before_all = volume(project, users, "YH", title="业户二")  # YH comes before QJ: it must not stand after them
    shelve(before_all, users, 4)
    assert selectors.out_of_order(project=project) == [before_all]
    assert [v.number for v in selectors.shelving_order(project=project)][:2] == ["DA-2026-YH-0001",
                                                                                "DA-2026-YH-0002"]


@pytest.mark.req("ARCH-4")
def test_the_monthly_check_lists_the_shelves_and_a_missing_volume_is_followed_to_closure(project, users, shelved):
    volume(project, users, "ZB", title="未上架")  # not on a shelf: not expected
    check = checks.start_check(project=project, by=users["dangan"], kind=CheckKind.MONTHLY)
    assert (check.period_start, check.period_end) == (dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert check.lines.count() == 3
    checks.record_results(check=check, by=users["dangan"], results={shelved[0].pk: ("found", ""),
                                                                    shelved[1].pk: ("missing", "未见")})
    with pytest.raises(DomainError) as refused:
        checks.complete_check(check=check, by=users["dangan"])
    assert refused.value.code == "results_incomplete" and refused.value.details["pending"] == 1
    checks.record_results(check=check, by=users["dangan"], results={shelved[2].pk: ("misplaced", "放错层")})
    check = checks.complete_check(check=check, by=users["dangan"])
    assert (check.found, check.missing, check.misplaced) == (1, 1, 1)
    finding = Finding.objects.get()
    assert finding.volume == shelved[1] and finding.status == "open"
    closed = checks.close_finding(finding=finding, by=users["dangan"], note="在借阅室找到，已归位")
    assert closed.status == "closed" and closed.closed_by == users["dangan"]


@pytest.mark.req("ARCH-4")
def test_a_check_refuses_what_is_not_right_and_changes_nothing(project, users, shelved, unchanged):
    check = checks.start_check(project=project, by=users["dangan"], kind=CheckKind.MONTHLY)
    other = volume(project, users, "ZB", title="未上架")
    with unchanged(check), pytest.raises(DomainError) as refused:
        checks.record_results(check=check, by=users["dangan"], results={other.pk: ("found", "")})
    assert refused.value.code == "unexpected_volume"
    with unchanged(check), pytest.raises(DomainError) as refused:
        checks.record_results(check=check, by=users["dangan"], results={shelved[0].pk: ("lost", "")})
    assert refused.value.code == "invalid_result"
    with unchanged(check), pytest.raises(DomainError) as refused:
        checks.start_check(project=project, by=users["dangan"], kind=CheckKind.MONTHLY)
    assert refused.value.code == "already_checked"
    with unchanged(check), pytest.raises(DomainError) as refused:
        checks.record_results(check=check, by=users["kefu1"], results={shelved[0].pk: ("found", "")})
    assert refused.value.code == "role_not_allowed"


@pytest.mark.req("ARCH-4")
def test_a_completed_check_and_a_closed_finding_stay_as_they_are(project, users, shelved, unchanged):
    check = checks.start_check(project=project, by=users["dangan"], kind=CheckKind.MONTHLY)
    checks.record_results(check=check, by=users["dangan"], results={v.pk: ("missing", "") for v in shelved[:1]}
                          | {v.pk: ("found", "") for v in shelved[1:]})
    checks.complete_check(check=check, by=users["dangan"])
    with unchanged(check), pytest.raises(DomainError) as refused:
        checks.record_results(check=check, by=users["dangan"], results={shelved[0].pk: ("found", "")})
    assert refused.value.code == "check_completed"
    finding = checks.close_finding(finding=Finding.objects.get(), by=users["dangan"], note="找到")
    with unchanged(finding), pytest.raises(DomainError) as refused:
        checks.close_finding(finding=finding, by=users["dangan"], note="再次")
    assert refused.value.code == "illegal_transition"


def _notes(kind):
    return Notification.objects.filter(kind=kind)


@pytest.mark.req("ARCH-4")
def test_the_archivist_is_reminded_from_the_25th_until_the_months_check_is_done(project, users, shelved, travel):
    sweep_project(project)
    assert not _notes("archives.check_due").exists()
    travel(clock.at_beijing(dt.date(2026, 5, 25), dt.time(9, 0)))
    sweep_project(project)
    sweep_project(project)
    assert list(_notes("archives.check_due").values_list("recipient__username", flat=True)) == ["dangan"]
    check = checks.start_check(project=project, by=users["dangan"], kind=CheckKind.MONTHLY)
    checks.record_results(check=check, by=users["dangan"], results={v.pk: ("found", "") for v in shelved})
    checks.complete_check(check=check, by=users["dangan"])
    assert _notes("archives.check_due").get().resolved_at is not None
    travel(clock.at_beijing(dt.date(2026, 6, 2), dt.time(9, 0)))
    sweep_project(project)
    assert not _notes("archives.check_overdue").filter(title__contains="2026-05").exists()


@pytest.mark.req("ARCH-4")
def test_a_month_without_its_check_is_overdue_to_the_archivist_and_the_manager(project, users, shelved, travel):
    travel(clock.at_beijing(dt.date(2026, 6, 2), dt.time(9, 0)))
    sweep_project(project)
    people = set(_notes("archives.check_overdue").filter(subject__contains=":monthly:2026-05-01")
                 .values_list("recipient__username", flat=True))
    assert {"dangan", "jingli"} <= people


@pytest.mark.req("ARCH-11")
def test_the_personal_files_check_covers_only_confidential_volumes_twice_a_year(project, users, shelved, travel):
    staff = volume(project, users, "RS", title="员工个人档案")
    shelve(staff, users, 1, cabinet="B")
    check = checks.start_check(project=project, by=users["dangan"], kind=CheckKind.CONFIDENTIAL)
    assert [line.volume_id for line in check.lines.all()] == [staff.pk]
    assert (check.period_start, check.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    checks.record_results(check=check, by=users["dangan"], results={staff.pk: ("found", "")})
    checks.complete_check(check=check, by=users["dangan"])
    travel(clock.at_beijing(dt.date(2026, 12, 1), dt.time(9, 0)))
    sweep_project(project)
    assert _notes("archives.check_due").filter(subject__contains=":confidential:2026-07-01").exists()
    assert not _notes("archives.check_overdue").filter(subject__contains=":confidential:2026-01-01").exists()


@pytest.mark.req("ARCH-11")
def test_a_half_year_without_the_personal_files_check_is_overdue(project, users, travel):
    shelve(volume(project, users, "RS", title="员工个人档案"), users, 1, cabinet="B")
    travel(clock.at_beijing(dt.date(2026, 7, 3), dt.time(9, 0)))
    sweep_project(project)
    assert {"dangan", "jingli"} <= set(_notes("archives.check_overdue").filter(
        subject__contains=":confidential:2026-01-01").values_list("recipient__username", flat=True))


@pytest.mark.req("ARCH-11")
def test_the_full_check_of_last_year_is_due_from_january_and_overdue_after_it(project, users, shelved, travel):
    travel(clock.at_beijing(dt.date(2027, 1, 4), dt.time(9, 0)))
    sweep_project(project)
    assert _notes("archives.check_due").filter(subject__contains=":full:2026-01-01").exists()
    travel(clock.at_beijing(dt.date(2027, 2, 1), dt.time(9, 0)))
    sweep_project(project)
    assert _notes("archives.check_overdue").filter(subject__contains=":full:2026-01-01",
                                                   recipient=users["jingli"]).exists()
    check = checks.start_check(project=project, by=users["dangan"], kind=CheckKind.FULL)
    assert (check.period_start, check.lines.count()) == (dt.date(2026, 1, 1), 3)


@pytest.mark.req("ARCH-4")
def test_the_check_pages_record_and_complete_a_check(client, project, users, shelved):
    client.force_login(users["dangan"])
    assert client.get("/archives/checks/").status_code == 200
    response = client.post("/archives/checks/", {"kind": "monthly"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and shelved[0].number in page.content.decode()
    results = {f"r_{v.pk}": "found" for v in shelved} | {f"r_{shelved[2].pk}": "missing"}
    assert client.post(response["Location"], results).status_code == 302
    assert client.post(response["Location"], {"action": "complete"}).status_code == 302
    finding = Finding.objects.get()
    assert client.get(f"/archives/findings/{finding.pk}/").status_code == 200
    assert client.post(f"/archives/findings/{finding.pk}/", {"note": ""}).status_code == 400
    assert client.post(f"/archives/findings/{finding.pk}/", {"note": "已找到"}).status_code == 302
    assert client.post("/archives/checks/", {"kind": "monthly"}).status_code == 409
