"""Archive loans as queries: the register, what is out, what is overdue, what a person holds (ARCH-5, ARCH-7)."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from archives.models import ArchiveLoan
from core.lending import selectors as lending
from core.models import Project


def register(*, project: Project) -> QuerySet[ArchiveLoan]:
    return (ArchiveLoan.objects.filter(project=project)
            .select_related("volume", "holder", "issued_by", "received_by").order_by("-applied_at", "-pk"))


def out(*, project: Project) -> QuerySet[ArchiveLoan]:
    return (lending.out(ArchiveLoan.objects.filter(project=project)).select_related("volume", "holder")
            .order_by("due_at", "pk"))


def overdue(*, project: Project, at: dt.datetime | None = None) -> QuerySet[ArchiveLoan]:
    return (lending.overdue(ArchiveLoan.objects.filter(project=project), at).select_related("volume", "holder")
            .order_by("due_at", "pk"))  # the longest overdue first


def awaiting(*, project: Project) -> QuerySet[ArchiveLoan]:
    return (ArchiveLoan.objects.filter(project=project, status="pending").select_related("volume", "applicant")
            .order_by("applied_at", "pk"))


def held_by(person) -> QuerySet[ArchiveLoan]:
    return lending.held_by(ArchiveLoan.objects.all(), person).select_related("volume", "project")
