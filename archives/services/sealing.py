"""Sealing (ARCH-9; 002 篇1 §1.4.4, §1.3.8): a year after its year, a volume goes into its archive bag and takes no
more records. The yearly sweep seals the past years' volumes; the archivist may seal one earlier."""
from __future__ import annotations


from archives.models import Volume
from archives.services.access import require_keeper
from archives.states import VOLUME_FLOW, VolumeStatus
from core import audit, clock, policies
from core.models import Project, User


def last_year_to_seal(project: Project) -> int:
    """Volumes of this year and before are due to be sealed: with the default, last year's."""
    return clock.today().year - int(policies.value("archives.seal.after_years", project))


def _seal(volume: Volume, by: User | None, reason: str) -> None:
    VOLUME_FLOW.check(volume.status, VolumeStatus.SEALED)
    volume.status, volume.sealed_at = VolumeStatus.SEALED, clock.now()
    volume.save(update_fields=["status", "sealed_at"])
    audit.record(actor=by, action="archives.volume.sealed", target=volume, project=volume.project_id,
                 data={"number": volume.number, "year": volume.year, "reason": reason})


@audit.atomic()
def seal_volume(*, volume: Volume, by: User) -> Volume:
    volume = Volume.objects.select_for_update().get(pk=volume.pk)
    require_keeper(by, volume.project)
    _seal(volume, by, "by_hand")
    return volume


@audit.atomic()
def seal_due(*, project: Project) -> int:
    """Seal every open volume of the project whose year is due (run by the sweep; idempotent)."""
    due = list(Volume.objects.select_for_update().filter(project=project, status=VolumeStatus.OPEN,
                                                         year__lte=last_year_to_seal(project)).order_by("pk"))
    for volume in due:
        _seal(volume, None, "yearly")
    return len(due)
