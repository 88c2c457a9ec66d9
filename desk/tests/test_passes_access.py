"""Access passes (PASS-1): issued to a contractor's or temporary worker with the ID encrypted and only its last four
shown, a company, where they work and a period the policy allows; handed back or revoked once; expired passes not
handed back are listed and swept (the sweep only notifies). Refusals change nothing."""
import datetime as dt

import pytest

from core import crypto
from core.errors import DomainError
from core.masking import mask_id_number
from core.models import Attachment, Notification
from desk.models import AccessPass, AccessStatus
from desk.selectors.passes import expired_access
from desk.services import passes_access
from desk.sweeps import passes as sweep
from desk.tests.passes_helpers import DAY, ID_NUMBER, MORNING, access_pass

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def morning(travel):
    travel(MORNING)


@pytest.mark.req("PASS-1", "CORE-3")
def test_the_id_number_is_kept_encrypted_and_shown_masked(project, users, audited):
    card = access_pass(project, users, photo=("face.png", PNG))
    assert card.serial == "CR-20261126-001" and card.issued_at == MORNING
    assert ID_NUMBER not in card.id_number_cipher and crypto.decrypt_text(card.id_number_cipher) == ID_NUMBER
    assert card.id_number_hint == "123X" and mask_id_number(card.id_number_hint).endswith("123X")
    assert ID_NUMBER not in str(audited("desk.access_pass.issued", card).data)
    assert Attachment.objects.get(object_id=str(card.pk)).kind == "photo"


@pytest.mark.req("PASS-1")
@pytest.mark.parametrize("overrides, code", [
    ({"id_number": "12345"}, "invalid_id_number"),
    ({"company_name": ""}, "required"),
    ({"purpose": ""}, "required"),
    ({"unit": None, "area": ""}, "required"),
    ({"valid_from": DAY - dt.timedelta(days=1)}, "invalid_period"),
    ({"valid_until": DAY - dt.timedelta(days=1)}, "invalid_period"),
    ({"valid_until": DAY + dt.timedelta(days=92)}, "period_too_long"),
    ({"valid_until": "tomorrow"}, "invalid_date"),
])
def test_an_access_pass_without_what_the_gate_needs_is_refused(project, users, unchanged, overrides, code):
    with unchanged(), pytest.raises(DomainError) as refused:
        access_pass(project, users, **overrides)
    assert refused.value.code == code


@pytest.mark.req("PASS-1")
def test_an_access_pass_is_handed_back_or_revoked_once(project, users, unchanged, audited):
    card = access_pass(project, users)
    with unchanged(card), pytest.raises(DomainError) as refused:
        passes_access.close(access_pass=card, closed_by=users["kefu1"], revoke=True, reason="")
    assert refused.value.code == "required"
    card = passes_access.close(access_pass=card, closed_by=users["kefu2"], revoke=False)
    assert card.status == AccessStatus.RETURNED and card.closed_by == users["kefu2"] and card.closed_at == MORNING
    assert audited("desk.access_pass.returned", card)
    with unchanged(card), pytest.raises(DomainError) as refused:
        passes_access.close(access_pass=card, closed_by=users["kefu1"], revoke=True, reason="丢失")
    assert refused.value.code == "illegal_transition"


@pytest.mark.req("PASS-1")
def test_a_guard_does_not_issue_access_passes(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        passes_access.issue(project=project, issued_by=users["baoan1"], holder_name="刘师傅", id_number=ID_NUMBER,
                            company_name="鸿基", area="1栋", purpose="装修", valid_from=DAY, valid_until=DAY)
    assert refused.value.code == "role_not_allowed"


@pytest.mark.req("PASS-1")
def test_expired_passes_not_handed_back_are_listed_and_swept_once(project, users, travel):
    short = access_pass(project, users, days=1)
    access_pass(project, users, days=10)
    returned = passes_access.close(access_pass=access_pass(project, users, days=1), closed_by=users["kefu1"],
                                   revoke=False)
    assert not expired_access(project=project).exists()
    travel(MORNING + dt.timedelta(days=1))
    assert list(expired_access(project=project)) == [short]
    assert AccessPass.objects.get(pk=short.pk).status == AccessStatus.ACTIVE  # derived, never flipped
    sent = sweep.sweep_project(project)
    assert sent >= 1 and Notification.objects.filter(kind="desk.passes.access_expired",
                                                     recipient=users["kefu1"]).count() == 1
    assert sweep.sweep_project(project) == 0
    assert returned.pk not in {p.pk for p in expired_access(project=project)}
