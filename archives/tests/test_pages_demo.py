"""The archive room's pages and print views as the archivist, the manager and a clerk; the demo gives the
archivist everything to try at once (ARCH-1..4, ARCH-9, ARCH-11)."""
import datetime as dt
import io

import pytest
from django.core.management import call_command

from archives.models import (
    ArchiveIncident,
    Category,
    DestructionList,
    Finding,
    OutsiderReading,
    ShelfCheck,
    Transfer,
    Volume,
)
from archives.models.incidents import IncidentStatus, OutsiderStatus
from archives.selectors.destruction import expired
from archives.states import DestructionStatus, VolumeStatus
from core import clock
from core.models import User

NOW = clock.at_beijing(dt.date(2026, 5, 12), dt.time(10, 0))
PAGES = ["/archives/", "/archives/shelves/", "/archives/categories/", "/archives/transfers/", "/archives/checks/",
         "/archives/volumes/new/", "/archives/print/", "/archives/export.xlsx", "/archives/destructions/",
         "/archives/destructions/export/", "/archives/import/", "/archives/import/template/"]


@pytest.fixture
def demo(db, settings, travel):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    travel(NOW)
    call_command("demo_data", stdout=io.StringIO())


@pytest.mark.req("ARCH-2", "ARCH-3", "ARCH-4", "ARCH-9", "ARCH-10", "ARCH-11")
def test_the_demo_gives_the_archivist_every_workflow_to_try(demo):
    project = User.objects.get(username="dangan").memberships.first().project
    volumes = Volume.objects.filter(project=project)
    assert volumes.count() == 11 and volumes.filter(shelf__isnull=False).count() == 7
    # Destruction (ARCH-10): one list carried out, one awaiting the manager, one approved awaiting the shredder,
    # one volume still to be listed.
    assert list(DestructionList.objects.filter(project=project).order_by("pk").values_list("status", flat=True)) == [
        DestructionStatus.DESTROYED, DestructionStatus.PENDING, DestructionStatus.APPROVED]
    assert volumes.filter(status=VolumeStatus.DESTROYED).count() == 1
    assert expired(project=project).count() == 1
    assert volumes.filter(status=VolumeStatus.SEALED).count() == 1
    assert Transfer.objects.filter(project=project).count() == 5
    assert ShelfCheck.objects.filter(project=project, checked_at__isnull=False).count() == 1
    assert Finding.objects.filter(project=project, status="open").count() == 1
    assert Category.objects.filter(confidential=True).count() == 1
    # A damaged volume reported, awaiting the manager's decision (ARCH-6); an outsider registered with the
    # introduction letter scanned, awaiting approval (ARCH-8) — in both demo projects.
    for each in (project, User.objects.get(username="bj_dangan").memberships.first().project):
        assert list(ArchiveIncident.objects.filter(project=each).values_list("status", flat=True)) == [
            IncidentStatus.OPEN]
        assert list(OutsiderReading.objects.filter(project=each).values_list("status", flat=True)) == [
            OutsiderStatus.PENDING]


@pytest.mark.req("ARCH-2", "ARCH-4")
def test_every_page_opens_for_the_archivist_and_the_catalogue_for_the_manager(demo, client):
    client.force_login(User.objects.get(username="dangan"))
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    volume = Volume.objects.filter(project__code="cuihu").first()
    transfer = Transfer.objects.filter(project__code="cuihu").first()
    check = ShelfCheck.objects.filter(project__code="cuihu").first()
    finding = Finding.objects.filter(project__code="cuihu").first()
    for url in (f"/archives/volumes/{volume.pk}/", f"/archives/volumes/{volume.pk}/print/",
                f"/archives/volumes/{volume.pk}/file/", f"/archives/transfers/{transfer.pk}/",
                f"/archives/transfers/{transfer.pk}/print/", f"/archives/checks/{check.pk}/",
                f"/archives/findings/{finding.pk}/"):
        assert client.get(url).status_code == 200, url
    printed = client.get(f"/archives/transfers/{transfer.pk}/print/").content.decode()
    assert "档案移交清单" in printed or "Archive transfer record" in printed
    client.force_login(User.objects.get(username="jingli"))
    assert client.get("/archives/").status_code == 200
    assert client.get("/archives/permissions/").status_code == 200


@pytest.mark.req("ARCH-2")
def test_a_clerk_is_refused_the_archive_room(demo, client):
    client.force_login(User.objects.get(username="baoan1"))
    for url in ("/archives/", "/archives/checks/", "/archives/transfers/"):
        assert client.get(url).status_code == 403, url
