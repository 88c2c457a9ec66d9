"""Chasing documents (DOC-1; 002 篇4 §2.1⑸ 送达文件办理部门，并催促办理; §1.10 分发传递必须及时): once a day,
the handler of a document past its date (and the clerks), and each reader who has not read it in time."""
from __future__ import annotations

from django.utils.translation import gettext as _

from archives.selectors.documents import circulation_unread, handling_overdue
from core import clock
from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles


def sweep_project(project: Project) -> int:
    queued = 0
    day = clock.today().isoformat()
    clerks = staff_in_policy_roles(project, "archives.documents.clerk_roles")
    for doc in handling_overdue(project=project):
        title = _("Document %(serial)s was to be handled by %(date)s: %(title)s") % {
            "serial": doc.serial, "date": doc.handle_by.isoformat(), "title": doc.title}
        queued += notify_each(project=project, people=list(dict.fromkeys([doc.handler, *clerks])),
                              kind="archives.document_overdue", title=title, link=f"/archives/documents/{doc.pk}/",
                              subject=f"archives.document:{doc.pk}:handler",
                              dedupe_key=f"archives.document_overdue:{doc.pk}:{day}")
    for row in circulation_unread(project=project):
        doc = row.document
        title = _("Document %(serial)s is waiting for you to read it: %(title)s") % {
            "serial": doc.serial, "title": doc.title}
        queued += notify_each(project=project, people=[row.reader], kind="archives.document_unread", title=title,
                              link=f"/archives/documents/{doc.pk}/",
                              subject=f"archives.document:{doc.pk}:reader:{row.reader_id}",
                              dedupe_key=f"archives.document_unread:{doc.pk}:{day}")
    return queued
