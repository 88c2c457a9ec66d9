"""Fee reminders (FEE-1, FEE-2): the day's large fees reported to the manager from the policy's hour
(日收日报, 002 篇3 §4.8.4), a clerk's day with receipts and no close (日收日清), and each overdue fee to the clerks
every few days (003 篇9 三.3 相关费用催缴)."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, policies
from core.models import Project, User
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from siteoffice.selectors import fees as selectors


def report_large(project: Project) -> int:
    now = clock.beijing(clock.now())
    if now.time() < clock.parse_hhmm(str(policies.value("siteoffice.fees.report_at", project))):
        return 0
    day = now.date()
    rows = list(selectors.large_fees(project=project, day=day))
    if not rows:
        return 0
    total = sum((r.amount for r in rows), selectors.ZERO)
    title = _("Large fees of %(day)s: %(count)s receipt(s), %(total)s yuan") % {
        "day": day.isoformat(), "count": len(rows), "total": total}
    return notify_each(project=project, people=staff_in_policy_roles(project, "siteoffice.fees.report_roles"),
                       kind="siteoffice.large_fees", title=title,
                       link=reverse("siteoffice:daily-report") + f"?day={day.isoformat()}",
                       subject=f"siteoffice.large_fees:{project.pk}:{day.isoformat()}",
                       dedupe_key=f"siteoffice.large_fees:{project.pk}:{day.isoformat()}:{len(rows)}")


def remind_unclosed(project: Project) -> int:
    queued = 0
    receivers = staff_in_policy_roles(project, "siteoffice.fees.receiver_roles")
    for row in selectors.unclosed_days(project=project):
        clerk = User.objects.get(pk=row["clerk_id"])
        title = _("%(clerk)s's collection of %(day)s is not closed") % {"clerk": clerk.display_name,
                                                                         "day": row["day"].isoformat()}
        queued += notify_each(project=project, people=list(dict.fromkeys([clerk, *receivers])),
                              kind="siteoffice.day_unclosed", title=title, link=reverse("siteoffice:closes"),
                              subject=f"siteoffice.day:{project.pk}:{clerk.pk}:{row['day'].isoformat()}",
                              dedupe_key=f"siteoffice.day_unclosed:{project.pk}:{clerk.pk}:{row['day'].isoformat()}")
    return queued


def remind_overdue(project: Project) -> int:
    queued, today = 0, clock.today()
    every = max(1, int(policies.value("siteoffice.fees.remind_every_days", project)))
    clerks = staff_in_policy_roles(project, "siteoffice.fees.clerk_roles")
    for due in selectors.overdue(project=project, today=today):
        title = _("Fee overdue: %(unit)s %(item)s %(period)s, %(amount)s yuan due %(date)s") % {
            "unit": str(due.unit), "item": due.price.name, "period": due.period, "amount": due.amount,
            "date": due.due_date.isoformat()}
        round_ = (today - due.due_date).days // every
        queued += notify_each(project=project, people=clerks, kind="siteoffice.fee_overdue", title=title,
                              link=reverse("siteoffice:dues"), subject=f"siteoffice.due:{due.pk}",
                              dedupe_key=f"siteoffice.fee_overdue:{due.pk}:{round_}")
    return queued


def sweep_project(project: Project) -> int:
    return report_large(project) + remind_unclosed(project) + remind_overdue(project)
