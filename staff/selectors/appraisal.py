"""Appraisal cards read (STAFF-3)."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from core.models import Project
from staff.models import Appraisal
from staff.states import AppraisalStatus


def cards(*, project: Project, month: dt.date | None = None) -> QuerySet[Appraisal]:
    qs = Appraisal.objects.filter(project=project).select_related("person", "prepared_by")
    return qs.filter(month=month.replace(day=1)) if month else qs.order_by("-month", "person__full_name")


def awaiting_decision(*, project: Project) -> QuerySet[Appraisal]:
    return Appraisal.objects.filter(project=project, status=AppraisalStatus.SIGNED)
