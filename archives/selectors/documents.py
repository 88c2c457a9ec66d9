"""Reading documents (DOC-1..3): registers, what is late, what awaits whom."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from archives.models import Circulation, DocDirection, DocStatus, Document, DocumentLoan
from core import clock, policies
from core.models import Project


def documents(*, project: Project, direction: str | None = None) -> QuerySet[Document]:
    qs = Document.objects.filter(project=project).select_related("created_by", "signed_by", "handler",
                                                                 "instructed_by", "department", "scan")
    if direction:
        qs = qs.filter(direction=direction)
    return qs.order_by("-created_at", "-pk")


def register(*, project: Project, direction: str, year: int) -> list[Document]:
    """收文登记簿 / 发文登记簿: the year's numbered documents in number order."""
    qs = documents(project=project, direction=direction).filter(serial__isnull=False)
    if direction == DocDirection.INTERNAL:
        qs = qs.filter(signed_at__year=year)
    else:
        qs = qs.filter(registered_at__year=year)
    return sorted(qs, key=lambda d: d.serial)


def handling_overdue(*, project: Project) -> QuerySet[Document]:
    return (Document.objects.filter(project=project, status=DocStatus.INSTRUCTED, handler__isnull=False,
                                    result="", handle_by__lt=clock.today())
            .select_related("handler").order_by("handle_by", "pk"))


def circulation_unread(*, project: Project) -> QuerySet[Circulation]:
    days = int(policies.value("archives.documents.circulation_days", project))
    since = clock.now() - dt.timedelta(days=days)
    return (Circulation.objects.filter(document__project=project, document__status=DocStatus.INSTRUCTED,
                                       read_at__isnull=True, document__instructed_at__lt=since)
            .select_related("document", "reader").order_by("document_id", "position"))


def loans_of(document: Document) -> QuerySet[DocumentLoan]:
    return document.loans.select_related("holder", "registered_by", "issued_by", "received_by").order_by("-pk")
