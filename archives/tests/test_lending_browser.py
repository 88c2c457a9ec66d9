"""In a real browser at phone width: the archivist lends a volume — items counted together, the borrower types
their own password — and takes it back the same way (ARCH-5)."""
import pytest

from archives.models import ArchiveLoan, LoanKind
from archives.services import lending as svc
from archives.tests.helpers import file, shelve, volume
from core.demo import build_world
from core.lending.states import LoanStatus
from core.testing.browser import sign_in
from core.testing.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(live_server):
    world = build_world(password=PASSWORD)
    users, project = world.users, world.projects[0]
    vol = volume(project, users, "QJ")
    file(vol, users)
    shelve(vol, users, 1)
    vol.refresh_from_db()
    loan = svc.apply(volume=vol, applicant=users["gongcheng1"], registered_by=users["dangan"],
                     kind=LoanKind.BORROW, purpose="核对保洁检查记录")
    svc.approve(loan=loan, approver=users["jingli"])  # the manager approves on her own phone (tested elsewhere)
    return {"users": users, "loan": loan, "base": live_server.url}


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"


@pytest.mark.req("ARCH-5")
def test_an_archive_is_lent_and_taken_back_on_a_phone(phone_page, scene):
    page, base, loan = phone_page, scene["base"], scene["loan"]
    sign_in(page, base, "dangan")
    page.goto(f"{base}/archives/loans/{loan.pk}/")
    _fits(page)
    page.fill("#counted", "1")  # miscounted: refused, nothing lent
    page.fill("#password", PASSWORD)
    page.click("form:has(input[value=lend]) button[type=submit]")
    page.wait_for_selector(".msg.error")
    assert ArchiveLoan.objects.get(pk=loan.pk).status == LoanStatus.APPROVED
    page.fill("#counted", "2")
    page.fill("#password", PASSWORD)
    page.click("form:has(input[value=lend]) button[type=submit]")
    page.wait_for_selector(".msg.success")
    assert ArchiveLoan.objects.get(pk=loan.pk).status == LoanStatus.LENT
    _fits(page)

    page.fill("#counted", "2")
    page.fill("#password", PASSWORD)
    page.click("form:has(input[value=return]) button[type=submit]")
    page.wait_for_selector(".msg.success")
    done = ArchiveLoan.objects.get(pk=loan.pk)
    assert done.status == LoanStatus.RETURNED and done.items_in == 2
    page.goto(f"{base}/archives/loans/?view=all")
    assert loan.serial in page.inner_text("main") and "returned" not in page.inner_text("main")
