"""What the staff room contributes to core's hand-offs (registered in staff/apps.py): its own measures for the
monthly appraisal — daily checks found wanting and training tests failed (STAFF-3)."""
from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from core import clock, handoffs


def appraisal_measures(project, person, start, end) -> list[handoffs.Measure]:
    from staff.models import Attendance, DailyCheck

    first, last = clock.beijing(start).date(), clock.beijing(end).date()
    faults = DailyCheck.objects.filter(project=project, person=person, day__gte=first, day__lt=last).filter(
        Q(dress_ok=False) | Q(appearance_ok=False) | Q(work_ok=False))
    failed = Attendance.objects.filter(session__project=project, person=person, passed=False,
                                       session__held_on__gte=first, session__held_on__lt=last)
    return [handoffs.Measure("staff.check_faults", _("Daily checks found wanting"), faults.count(),
                             tuple(str(d) for d in faults.values_list("day", flat=True)[:50])),
            handoffs.Measure("staff.training_failed", _("Training tests failed"), failed.count(),
                             tuple(failed.values_list("session__serial", flat=True)[:50]))]


def provide() -> None:
    handoffs.appraisal_measures.register("staff", appraisal_measures)
