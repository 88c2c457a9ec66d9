"""Quarter-end analysis (VISIT-6) and filing by the 10th of the next quarter (VISIT-7)."""
import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Notification
from desk.kinds import MatterKind
from desk.models import ReturnVisit, VisitAnalysis, VisitFiling
from desk.selectors.visits_analysis import analysis_figures
from desk.selectors.visits_periods import filing_due, quarter_of, quarter_period
from desk.services import visits_quarter
from desk.services.visits_record import review_visit
from desk.tests.visits_helpers import closure, recorded

pytestmark = pytest.mark.django_db


def last_quarter():
    year, quarter = quarter_of(clock.today())
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def in_last_quarter(days=5):
    return clock.at_beijing(quarter_period(*last_quarter()).start + dt.timedelta(days=days), dt.time(10))


def test_the_filing_date_is_the_tenth_of_the_month_after_the_quarter():
    assert filing_due(2026, 4, 10) == dt.date(2027, 1, 10)
    assert filing_due(2026, 1, 10) == dt.date(2026, 4, 10)


@pytest.mark.req("VISIT-6")
def test_the_analysis_lists_unsatisfactory_visits_repeated_complaints_and_repeated_repairs(project, users):
    unit = project.units.order_by("pk")[1]
    for i in range(2):
        closure(project, users, unit=unit, subject="噪音扰民", closed_at=in_last_quarter(i))
    closure(project, users, subject="噪音扰民", closed_at=in_last_quarter(3))  # another unit: not a repeat
    for i in range(3):
        closure(project, users, kind=MatterKind.REPAIR, unit=unit, subject="水管漏水", closed_at=in_last_quarter(i))
    for i in range(2):
        closure(project, users, kind=MatterKind.REPAIR, unit=unit, subject="门锁", closed_at=in_last_quarter(i))
    bad = recorded(project, users, satisfaction="unsatisfied")
    ReturnVisit.objects.filter(pk=bad.pk).update(visited_at=in_last_quarter(10))
    figures = analysis_figures(project=project, year=last_quarter()[0], quarter=last_quarter()[1])
    assert [(r["subject"], r["times"]) for r in figures["repeat_complaints"]] == [("噪音扰民", 2)]
    assert [(r["subject"], r["times"]) for r in figures["repeat_repairs"]] == [("水管漏水", 3)]
    assert [u["number"] for u in figures["unsatisfactory"]] == [bad.number]


@pytest.mark.req("VISIT-6")
def test_the_analysis_is_saved_with_its_figures_and_concluded_by_the_supervisor(project, users):
    year, quarter = last_quarter()
    analysis = visits_quarter.save_analysis(project=project, year=year, quarter=quarter, prepared_by=users["kefu1"],
                                            report="本季度无异常")
    assert analysis.figures["year"] == year and analysis.retain_until.year == clock.today().year + 2
    assert Notification.objects.filter(recipient=users["kfzg"], kind="desk.visit.analysis").exists()
    with pytest.raises(Conflict):
        visits_quarter.save_analysis(project=project, year=year, quarter=quarter, prepared_by=users["kefu1"],
                                     report="again")
    with pytest.raises(NotAllowed):
        visits_quarter.conclude_analysis(analysis=analysis, supervisor=users["kefu1"], conclusions="x")
    done = visits_quarter.conclude_analysis(analysis=analysis, supervisor=users["kfzg"], conclusions="报经理")
    assert done.concluded_by == users["kfzg"] and done.conclusions == "报经理"
    assert Notification.objects.filter(recipient=users["jingli"], kind="desk.visit.analysis").exists()
    with pytest.raises(Conflict):
        visits_quarter.conclude_analysis(analysis=analysis, supervisor=users["kfzg"], conclusions="改")
    assert VisitAnalysis.objects.get().conclusions == "报经理"


@pytest.mark.req("VISIT-6")
def test_the_current_quarter_cannot_be_analysed_before_it_ends(project, users):
    year, quarter = quarter_of(clock.today())
    with pytest.raises(DomainError) as err:
        visits_quarter.save_analysis(project=project, year=year, quarter=quarter, prepared_by=users["kefu1"],
                                     report="x")
    assert err.value.code == "quarter_not_ended" and not VisitAnalysis.objects.exists()


@pytest.mark.req("VISIT-7")
def test_filing_after_the_tenth_is_flagged_late_and_files_the_quarters_records(project, users):
    year, quarter = last_quarter()
    visit = recorded(project, users)
    ReturnVisit.objects.filter(pk=visit.pk).update(visited_at=in_last_quarter())
    review_visit(visit=visit, reviewer=users["kfzg"], opinion="同意")
    filing = visits_quarter.file_quarter(project=project, year=year, quarter=quarter, actor=users["kfzg"])
    assert filing.records == 1 and filing.due_on == filing_due(year, quarter, 10)
    assert filing.late == (clock.today() > filing.due_on)
    assert ReturnVisit.objects.get(pk=visit.pk).filing == filing
    with pytest.raises(Conflict):
        visits_quarter.file_quarter(project=project, year=year, quarter=quarter, actor=users["kfzg"])
    with pytest.raises(Conflict):
        filing.delete()


@pytest.mark.req("VISIT-7")
def test_filing_waits_for_every_review_and_is_the_supervisors(project, users):
    year, quarter = last_quarter()
    visit = recorded(project, users)
    ReturnVisit.objects.filter(pk=visit.pk).update(visited_at=in_last_quarter())
    with pytest.raises(NotAllowed):
        visits_quarter.file_quarter(project=project, year=year, quarter=quarter, actor=users["kefu1"])
    with pytest.raises(DomainError) as err:
        visits_quarter.file_quarter(project=project, year=year, quarter=quarter, actor=users["kfzg"])
    assert err.value.code == "unreviewed" and not VisitFiling.objects.exists()
