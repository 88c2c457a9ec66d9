"""Filing (ARCH-3; 002 篇1 §1.1.2 ⑵③⑥⑦, §1.1.5): records go into a volume only through a transfer record —
the person handing over and the archivist receiving both sign, the items are counted face to face, only
originals are taken, and a record filed later than the policy allows after its date is recorded as late."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from archives.models import Item, Transfer, Volume
from archives.services.access import require_confidential, require_keeper
from archives.states import VolumeStatus
from core import audit, clock, limits, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.permissions import is_member
from core.retention import retain_until

RULE = "ARCH-3"
HANDED_BY, RECEIVED_BY = "archives_handed_by", "archives_received_by"


def _bad(message, code: str, field: str = "", **kw) -> DomainError:
    return DomainError(message, code=code, rule=RULE, details={"field": field} if field else None, **kw)


def _clean_item(project: Project, volume: Volume, raw: dict, today: dt.date, copies: list[str]) -> dict:
    title = limits.fit(Item, "title", raw.get("title"), required=True, rule=RULE)
    doc_number = limits.fit(Item, "doc_number", raw.get("doc_number"), rule=RULE)
    doc_date = raw.get("doc_date")
    if not isinstance(doc_date, dt.date) or isinstance(doc_date, dt.datetime) or doc_date > today:
        raise _bad(_("Give the record's date, not later than today."), "invalid_date", "doc_date")
    pages = raw.get("pages")
    if isinstance(pages, bool) or not isinstance(pages, int) or not 1 <= pages <= 100000:
        raise _bad(_("Give the number of pages."), "invalid_pages", "pages")
    original = raw.get("original", True)
    if not isinstance(original, bool):
        raise _bad(_("Say whether it is the original."), "invalid", "original")
    if not original and volume.category.code not in copies:
        raise _bad(_("Only originals are filed: “%(title)s” is a copy.") % {"title": title}, "copy_not_accepted",
                   "original", clause=policies.resolve("archives.filing.copy_categories", project).clause)
    confidential = bool(raw.get("confidential", False)) or volume.category.confidential
    return {"title": title, "doc_number": doc_number, "doc_date": doc_date, "pages": pages, "original": original,
            "confidential": confidential}


def _next_number(project: Project) -> str:
    """The next YJ-YYYYMMDD-NNN of the project and Beijing day; the caller holds the volume lock of the project."""
    Project.objects.select_for_update().get(pk=project.pk)
    stem = f"YJ-{clock.beijing(clock.now()):%Y%m%d}-"
    return f"{stem}{Transfer.objects.filter(project=project, number__startswith=stem).count() + 1:03d}"


@audit.atomic()
def file_items(*, volume: Volume, received_by: User, handed_by: User, handed_by_password: str, counted,
               items: list[dict], note: str = "") -> Transfer:
    """The transfer record (档案移交清单): `handed_by` hands over `items` of one volume, the archivist at the
    keyboard receives them; both have counted them together (`counted`), `handed_by` signs with their own
    password, the archivist with the session. Refused, nothing written: a sealed volume (ARCH-9), a copy, a
    count that does not match, the same person on both sides."""
    volume = Volume.objects.select_for_update().select_related("category", "project").get(pk=volume.pk)
    project = volume.project
    require_keeper(received_by, project)
    if volume.category.confidential:
        require_confidential(received_by, project)
    require_open(volume)
    if not isinstance(handed_by, User) or not handed_by.is_active or not is_member(handed_by, project):
        raise _bad(_("Name the member of staff who hands the records over."), "invalid_person", "handed_by")
    if handed_by.pk == received_by.pk:
        raise NotAllowed(_("The person handing records over cannot also receive them: the archivist receives."),
                         code="same_person", rule=RULE, clause="002 篇1 §1.1.2 ⑵⑥ 文件资料的归档必须办理移交手续")
    if not items:
        raise _bad(_("List the records handed over."), "required", "items")
    limits.count(items, field="items")
    today = clock.today()
    copies = list(policies.value("archives.filing.copy_categories", project))
    rows = [_clean_item(project, volume, raw if isinstance(raw, dict) else {}, today, copies) for raw in items]
    if isinstance(counted, bool) or not isinstance(counted, int) or counted != len(rows):
        raise DomainError(_("Counted together: %(counted)s, listed: %(listed)s. Count again before signing.")
                          % {"counted": counted, "listed": len(rows)}, code="count_mismatch", rule=RULE,
                          clause="002 篇1 §1.1.5 档案的接收、转移、外借必须履行登记手续",
                          details={"field": "counted", "listed": len(rows)})
    note = limits.fit(Transfer, "note", note, rule=RULE)
    days = int(policies.value("archives.filing.days_after_event", project))
    now = clock.now()
    keep = max(volume.retain_until, retain_until(int(policies.value("archives.filing.retention_years", project))))
    transfer = Transfer.objects.create(project=project, number=_next_number(project), volume=volume,
                                       handed_by=handed_by, received_by=received_by, handed_at=now,
                                       counted=counted, note=note, retain_until=keep)
    signatures.sign_with_credentials(target=transfer, project=project, capacity=HANDED_BY, person=handed_by,
                                     password=handed_by_password)
    signatures.sign_as_session_user(target=transfer, project=project, capacity=RECEIVED_BY, person=received_by)
    made, late = [], 0
    for seq, row in enumerate(rows, start=volume.item_count + 1):
        file_by = row["doc_date"] + dt.timedelta(days=days)
        is_late = today > file_by
        late += is_late
        made.append(Item(project=project, volume=volume, seq=seq, transfer=transfer, filed_at=now, file_by=file_by,
                         late=is_late, **row))
    Item.objects.bulk_create(made)
    volume.item_count += len(made)
    volume.save(update_fields=["item_count"])
    transfer.late_items = late
    transfer.save(update_fields=["late_items"])
    audit.record(actor=received_by, action="archives.transfer.filed", target=transfer, project=project,
                 data={"number": transfer.number, "volume": volume.number, "handed_by": handed_by.pk,
                       "items": len(made), "counted": counted, "late": late})
    return transfer


def require_open(volume: Volume) -> None:
    if volume.status == VolumeStatus.DESTROYED:
        raise Conflict(_("Volume %(number)s has been destroyed.") % {"number": volume.number},
                       code="volume_destroyed", rule="ARCH-10")
    if volume.status != VolumeStatus.OPEN:
        raise Conflict(_("The volume is sealed and takes no more records."), code="volume_sealed", rule="ARCH-9",
                       clause="002 篇1 §1.4.4 相关档案存放一年后，应统一放进档案袋封存")
