"""Safety sweeps (run by `manage.py run_sweeps`): rounds closed with their missed and late points reported,
tomorrow's rounds scheduled, equipment tests due and missed, hazards and authority replies past their day,
exercises overdue, meetings' sampling rate."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock
from core.models import Membership, Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from safety.selectors import fire as selectors
from safety.services import fire, patrols


def sweep_project(project: Project) -> int:
    today = clock.today()
    patrols.schedule_day(project, today)
    patrols.schedule_day(project, today + dt.timedelta(days=1))
    queued = patrols.close_due_rounds(project)
    fire.schedule_tests(project, today + dt.timedelta(days=31))
    fire.flag_missed(project)
    officers = staff_in_policy_roles(project, "safety.fire.officer_roles")
    day = today.isoformat()
    for test in selectors.tests_missed(project=project):
        queued += notify_each(project=project, people=officers, kind="safety.test_missed",
                              title=_("Fire equipment test missed: %(what)s due %(day)s") % {
                                  "what": test.equipment.label, "day": test.due_on.isoformat()},
                              link=reverse("safety:tests"), subject=f"safety.test:{test.pk}",
                              dedupe_key=f"safety.test_missed:{test.pk}")
    for hazard in selectors.hazards_overdue(project=project):
        queued += notify_each(project=project, people=officers, kind="safety.hazard_overdue",
                              title=_("Fire hazard %(number)s not rectified by %(day)s") % {
                                  "number": hazard.number, "day": hazard.deadline.isoformat()},
                              link=reverse("safety:hazard", args=[hazard.pk]), subject=f"safety.hazard:{hazard.pk}",
                              dedupe_key=f"safety.hazard_overdue:{hazard.pk}:{day}")
    for hazard in selectors.replies_overdue(project=project):
        queued += notify_each(project=project, people=officers, kind="safety.reply_overdue",
                              title=_("Written reply on %(number)s to the fire authority due %(day)s") % {
                                  "number": hazard.number, "day": hazard.reply_due.isoformat()},
                              link=reverse("safety:hazard", args=[hazard.pk]), subject=f"safety.hazard:{hazard.pk}",
                              dedupe_key=f"safety.reply_overdue:{hazard.pk}:{day}")
    for kind in fire.exercises_overdue(project):
        queued += notify_each(project=project, people=officers, kind="safety.exercise_overdue",
                              title=_("Fire exercise overdue: %(kind)s") % {"kind": selectors.exercise_word(kind)},
                              link=reverse("safety:exercises"), subject=f"safety.exercise:{kind}",
                              dedupe_key=f"safety.exercise_overdue:{kind}:{today:%Y-%m}")
    return queued


def sweep_all() -> int:
    return sum(sweep_project(project) for project in Project.objects.filter(
        pk__in=Membership.objects.values("project")))
