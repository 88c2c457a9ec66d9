"""What the key room answers for the other rooms through core's hand-offs (registered in keys/apps.py)."""
from __future__ import annotations

from core import handoffs
from core.models import Project
from keys.models import KeySet
from keys.selectors.custody_checks import for_handover_sheet
from keys.selectors.loans import unreturned_loans
from keys.states import KEY_ON_HOOK


def keys_on_hook(project_id: int, category: str) -> int:
    """How many keys of a category the ledger has on the hook: what a handover expects to count (HANDOVER-1)."""
    return KeySet.objects.filter(project=project_id, category=category, status__in=KEY_ON_HOOK).count()


def key_loans(project: Project) -> list[dict]:
    """Keys still out, handed over at every shift change (HANDOVER-2)."""
    return [{"id": loan.pk, "key": loan.key.number, "name": loan.key.name, "holder": loan.holder.display_name,
             "due_at": loan.due_at.isoformat() if loan.due_at else None}
            for loan in unreturned_loans(project=project)[:200]]


def keys_held(person) -> list[handoffs.Outstanding]:
    """Keys a departing employee still holds, in any project (ARCH-7, KEY-LOAN-10)."""
    from django.utils.translation import gettext as _

    from core.lending import selectors as lending
    from keys.models import KeyLoan

    loans = lending.held_by(KeyLoan.objects.select_related("key", "project"), person).order_by("checked_out_at")
    return [handoffs.Outstanding(room=_("Key room"), what=f"{loan.key.number} {loan.key.name}".strip(),
                                 document=loan.serial, since=loan.checked_out_at, due_at=loan.due_at,
                                 project=loan.project.name) for loan in loans[:200]]


def appraisal_measures(project: Project, person, start, end) -> list[handoffs.Measure]:
    """Keys the person held past their due time in the month (STAFF-3; 000 §3 借用期限届满前及时归还)."""
    from django.db.models import F, Q
    from django.utils.translation import gettext as _

    from core import clock
    from keys.models import KeyLoan

    late = (KeyLoan.objects.filter(project=project, holder=person, due_at__gte=start, due_at__lt=end,
                                   checked_out_at__isnull=False)
            .filter(Q(returned_at__isnull=True, due_at__lt=min(end, clock.now())) | Q(returned_at__gt=F("due_at")))
            .order_by("due_at"))
    serials = list(late.values_list("serial", flat=True)[:50])
    return [handoffs.Measure("keys.overdue", _("Keys returned late or not returned"), late.count(), tuple(serials))]


def deposited_keys(project: Project, unit) -> list[handoffs.DepositedKey]:
    """The household's keys deposited with the key room and still held (KEY-DEPOSIT; RES-1's consent)."""
    from keys.models import KeyDeposit

    held = KeyDeposit.objects.filter(project=project, unit=unit, closed_at__isnull=True).select_related("key")
    return [handoffs.DepositedKey(ref=f"keys.deposit:{d.pk}", number=d.serial or d.key.number,
                                  description=d.purpose) for d in held.order_by("deposited_at")[:50]]


def record_key_consent(project: Project, unit, ref: str, consent: bool, name: str, asked_by, purpose: str) -> None:
    """The household answered a request to use its deposited key through the portal: written in full to the duty
    log like every use of a deposited key (KEY-DEPOSIT-9, -5)."""
    from django.utils.translation import gettext as _

    from core.errors import NotFound
    from keys.models import KeyDeposit
    from keys.services.deposit import duty_log

    pk = ref.rsplit(":", 1)[-1]
    deposit = KeyDeposit.objects.filter(project=project, unit=unit, pk=int(pk) if pk.isdigit() else 0).first()
    if deposit is None:
        raise NotFound(_("No such record."), code="not_found")
    what = (_("%(name)s of %(unit)s consented through the residents' portal to the use of deposited key %(key)s: "
              "%(purpose)s") if consent else
            _("%(name)s of %(unit)s refused through the residents' portal the use of deposited key %(key)s: "
              "%(purpose)s")) % {"name": name, "unit": unit.label, "key": deposit.serial or deposit.key.number,
                                 "purpose": purpose}
    duty_log(deposit=deposit, actor=asked_by, what=what[:500], source=f"keys.deposit.portal_consent:{deposit.pk}",
             people=name)


def provide() -> None:
    handoffs.appraisal_measures.register("keys", appraisal_measures)
    handoffs.deposited_keys.provide(deposited_keys, owner="keys")
    handoffs.record_key_consent.provide(record_key_consent, owner="keys")
    handoffs.clearance_sections.register("keys", keys_held)
    handoffs.keys_on_hook.provide(keys_on_hook, owner="keys")
    handoffs.handover_sections.register("key_loans", key_loans)
    # Area keys out with a shift and today's front-desk key handover (KEY-SHIFT-1).
    handoffs.handover_sections.register("shift_keys", lambda project: for_handover_sheet(project=project))
