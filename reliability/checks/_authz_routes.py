"""What the schema cannot say about a route's body, for the API walk of the `authz` check (_authz_walk.py).

The walk builds each write route's body from the OpenAPI schema. Many routes need more than the schema tells
to pass validation with the clerk's own project: a value from a policy list (a repair category, a price-list
item), a free-text "kind" the service checks against its own choices, a record in the state the action needs
(a repair key, an open custody check, a reported repair), a date in the right place (a past day for a sign-off,
a weekend for a make-up workday), a particular role (the site manager edits the holiday calendar) or a
particular person (only the holder hands over a loan). This table says it, route by route.

Every value is either a constant or a function of a `Pick` — a project (the clerks' own project A, or project
B for the swapped probe) and the route's target record. A reference field filled here is filled for project B
the same way (B's repair key for A's repair key), so that B's id fails on authorisation and not because it is
the wrong kind of record. The walk runs at real time against the demo data: dates are built from now, never
fixed; a picker that finds nothing returns None, and the route is then reported with the refusal it got.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# A drawn signature as the pages send it (core.signatures.sign_on_screen wants a PNG data URL of some length).
SIGNATURE = "data:image/png;base64," + "A" * 300
# A well-formed 18-character ID card number (the repair-key pickup checks the shape only).
ID_CARD = "110101199003078515"


class Pick:
    """Finds records and people of one project for one route."""

    def __init__(self, world, project, target: int | None = None):
        self.world, self.project, self.target = world, project, target

    @property
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone(dt.timedelta(hours=8)))

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def model(self, label: str):
        from django.apps import apps

        return apps.get_model(label)

    def records(self, label: str, **filters):
        """The records of `label` in this project (through the shortest chain of foreign keys to Project)."""
        from reliability.checks._authz_walk import _project_path

        model = self.model(label)
        path = _project_path(model, self.world.Project)
        return model.objects.filter(**{path: self.project.pk}, **filters).order_by("pk")

    def record(self, label: str, **filters) -> int | None:
        return self.records(label, **filters).values_list("pk", flat=True).first()

    def user(self, username: str) -> int | None:
        """A demo person of this project by their login in project A (project B's logins are prefixed bj_)."""
        from core.models import Membership

        for name in (username, f"bj_{username}"):
            found = (Membership.objects.filter(project=self.project, user__username=name, user__is_active=True)
                     .values_list("user", flat=True).first())
            if found is not None:
                return found
        return None

    def policy(self, key: str):
        from core import policies

        return policies.value(key, self.project)


Value = Any  # a constant, or a function of a Pick


@dataclass(frozen=True)
class Route:
    fields: dict[str, Value] = field(default_factory=dict)  # set (or replace) these body fields
    drop: tuple[str, ...] = ()  # leave these out (an optional field the action refuses when given)
    target: Callable[[Pick], int | None] | None = None  # the record in the URL (default: the first of A's)
    actors: tuple[str, ...] = ()  # also sent by these roles of project A (the quick walk has clerks only)


def value(spec: Value, pick: Pick):
    return spec(pick) if callable(spec) else spec


def _past_month_day(pick: Pick) -> str:
    """A day in the month before last: a month that has ended and has no saved summary in the demo."""
    first = pick.today.replace(day=1)
    return (first - dt.timedelta(days=40)).replace(day=1).isoformat()


def _month_after_next(pick: Pick) -> str:
    first = pick.today.replace(day=1)
    return (first + dt.timedelta(days=62)).replace(day=1).isoformat()


def _next_holiday(pick: Pick):
    from duty.selectors.holidays import periods_between

    periods = [p for p in periods_between(pick.today, pick.today + dt.timedelta(days=400)) if p.start > pick.today]
    return periods[0] if periods else None


def _free_days(pick: Pick, *, weekend: bool, count: int) -> list[str] | None:
    """`count` consecutive days (weekdays, or one Saturday/Sunday) that the holiday calendar does not hold."""
    taken = set(pick.model("duty.CalendarDay").objects.values_list("date", flat=True))
    day = pick.today + dt.timedelta(days=30)
    for _ in range(4000):
        days = [day + dt.timedelta(days=n) for n in range(count)]
        if all(d not in taken and (d.weekday() >= 5) == weekend for d in days):
            return [d.isoformat() for d in days]
        day += dt.timedelta(days=1)
    return None


def _prep_day(pick: Pick) -> str | None:
    prep = pick.model("duty.HolidayPrep").objects.filter(pk=pick.target).first()
    return prep.start.isoformat() if prep is not None else None


def _future_shift(username: str, notice_days: int = 3):
    """An issued-roster shift of this person at least `notice_days` ahead with no pending change request."""
    def pick_shift(pick: Pick) -> int | None:
        person = pick.user(username)
        return pick.record("duty.RosterAssignment", person=person, roster__status="issued",
                           day__gte=pick.today + dt.timedelta(days=notice_days),
                           change_requests__isnull=True) if person else None
    return pick_shift


def _collect_slip(pick: Pick):
    return pick.records("keys.ShiftKeySlip", kind="collect", status="out").first()


def _slip_counts(pick: Pick) -> dict[str, int]:
    """Every key a return slip lists, counted as the ledger has it."""
    from keys.services.shift_keys import slip_keys

    collected = _collect_slip(pick)
    if collected is None:
        return {}
    return {str(key.pk): key.pieces for key in slip_keys(project=pick.project, kind="return", collected=collected)}


def _open_contact(pick: Pick) -> int | None:
    """A desk contact still open and not yet turned into a matter (a contact becomes one matter at most)."""
    return pick.record("desk.Contact", status="open", matter_ref="")


def _unreturned_reasons(pick: Pick) -> dict[str, str]:
    from keys.selectors import loans

    return {str(loan.pk): "可靠性检查：仍在使用" for loan in loans.unreturned_loans(project=pick.project)}


def _substitute_for(pick: Pick) -> int | None:
    """A staff member of the project with no shift in the request's roster (so never an overlapping one)."""
    from core.models import Membership

    request = pick.model("duty.ShiftChangeRequest").objects.filter(pk=pick.target).select_related(
        "assignment__roster").first()
    busy = set()
    if request is not None:
        busy = set(pick.model("duty.RosterAssignment").objects.filter(roster=request.assignment.roster)
                   .values_list("person", flat=True))
    for name in ("kefu1", "kefu2", "kefu3", "xingzheng", "dangan"):
        person = pick.user(name)
        if person is not None and person not in busy:
            return person
    return (Membership.objects.filter(project=pick.project).exclude(user__in=busy)
            .values_list("user", flat=True).first())


def _company_record(label: str):
    """A record the company keeps for all its projects (an archive category): reached through the project's company."""
    def pick_record(pick: Pick) -> int | None:
        return (pick.model(label).objects.filter(company=pick.project.company_id).order_by("pk")
                .values_list("pk", flat=True).first())
    return pick_record


def _active_category(pick: Pick) -> int | None:
    """An ordinary archive category in use (neither confidential nor read-only)."""
    return (pick.model("archives.Category").objects.filter(company=pick.project.company_id, active=True,
                                                              confidential=False, read_only=False)
            .order_by("order", "pk").values_list("pk", flat=True).first())


def _department(code: str):
    def pick_department(pick: Pick) -> int | None:
        return (pick.model("core.Department").objects.filter(company=pick.project.company_id, code=code)
                .values_list("pk", flat=True).first())
    return pick_department


def _open_volume(pick: Pick):
    """A volume of this year's, not confidential, not sealed or destroyed: one records are still filed into."""
    return (pick.records("archives.Volume", year=pick.today.year, category__confidential=False, status="open")
            .first())


def _expired_volumes(pick: Pick) -> list[int] | None:
    """A volume past its retention and on no destruction list yet (the archivist lists it for destruction)."""
    from archives.selectors.destruction import expired

    found = expired(project=pick.project).values_list("pk", flat=True).first()
    return [found] if found is not None else None


def _archive_loan(pick: Pick):
    return pick.records("archives.ArchiveLoan").select_related("volume").first()


def _desk_keys_on_hook(pick: Pick) -> int | None:
    """The front-desk keys the key ledger has on the hook (the close of the desk counts them against it)."""
    from core import handoffs

    if not handoffs.keys_on_hook.provided:
        return None
    return handoffs.keys_on_hook(pick.project.pk, pick.policy("desk.closing.key_category"))


def _lost_item_past_keeping(pick: Pick) -> int | None:
    """An unclaimed item still held whose keeping period is over (the supervisor may dispose of it)."""
    from desk.services.lost import keep_until

    for item in pick.records("desk.LostItem", status="held"):
        if keep_until(item) <= pick.today:
            return item.pk
    return None


def _pass_code(pick: Pick) -> str | None:
    return pick.records("desk.GoodsPass").values_list("code", flat=True).first()


def _current_price(kind: str):
    def pick_price(pick: Pick) -> int | None:
        return pick.record("siteoffice.Price", kind=kind, effective_from__lte=pick.today)
    return pick_price


def _stocked_lines(pick: Pick) -> list[dict] | None:
    """One piece of an item the project's site warehouse holds (what a technician draws for a repair)."""
    balance = (pick.model("stores.Balance").objects
               .filter(warehouse__project=pick.project, warehouse__level="site", quantity__gt=0)
               .select_related("item").order_by("pk").first())
    return [{"item_code": balance.item.code, "quantity": 1}] if balance else None


def _newcomer(pick: Pick) -> int | None:
    """A staff member of the project with no programme under way (the mentor is someone else)."""
    from core.models import Membership

    busy = set(pick.records("staff.Induction", status="active").values_list("person", flat=True))
    mentor = pick.user("kfzg")
    for person in (Membership.objects.filter(project=pick.project, user__is_active=True)
                   .order_by("user_id").values_list("user_id", flat=True)):
        if person not in busy and person != mentor:
            return person
    return None


def _held_deposit(pick: Pick) -> dict | None:
    """A household's key deposited with the key room and still held: its unit and its reference (RES-2)."""
    asked = set(pick.records("residents.KeyConsent", answered_at__isnull=True).values_list("deposit_ref", flat=True))
    deposit = next((d for d in pick.records("keys.KeyDeposit", closed_at__isnull=True, unit__isnull=False)
                    if f"keys.deposit:{d.pk}" not in asked), None)
    return {"unit": deposit.unit_id, "deposit": f"keys.deposit:{deposit.pk}"} if deposit else None


ROUTES: dict[tuple[str, str], Route] = {
    # --- people (a User reaches no project through a foreign key: the record is a member of project A only)
    ("GET", "/api/people/{id}/clearance/"): Route(target=lambda p: p.user("kefu2")),
    ("POST", "/api/people/{id}/deactivate/"): Route(target=lambda p: p.user("kefu2")),
    # --- the archive room (the archivist `dangan` keeps the archives; categories are the company's)
    ("GET", "/api/archives/categories/{id}/"): Route(target=_company_record("archives.Category")),
    ("POST", "/api/archives/categories/{id}/edit/"): Route(target=_company_record("archives.Category"),
                                                          actors=("dangan",)),
    ("POST", "/api/archives/categories/"): Route(fields={"code": "KJC", "name": "可靠性检查资料", "order": 90,
                                                        "read_only": False, "confidential": False},
                                                actors=("dangan",)),
    ("POST", "/api/archives/categories/seed/"): Route(actors=("dangan",)),
    ("POST", "/api/archives/checks/"): Route(fields={"kind": "full"}, actors=("dangan",)),
    ("POST", "/api/archives/destructions/"): Route(fields={"volumes": _expired_volumes, "early": False},
                                                  actors=("dangan",)),
    ("POST", "/api/archives/destructions/{id}/carry-out/"): Route(
        target=lambda p: p.record("archives.DestructionList", status="approved"),
        fields={"method": "shredded", "witness": lambda p: p.user("kfzg"), "witness_password": lambda p: p.world.password},
        actors=("dangan",)),
    ("POST", "/api/archives/documents/{id}/instruct/"): Route(
        target=lambda p: p.record("archives.Document", direction="incoming", status="with_gm"),
        fields={"readers": lambda p: [p.user("kfzg")], "handler": lambda p: p.user("kefu1"),
                "handle_by": lambda p: (p.today + dt.timedelta(days=5)).isoformat()},
        actors=("zongjingli",)),
    ("POST", "/api/archives/incidents/"): Route(fields={
        "loan": lambda p: getattr(_archive_loan(p), "pk", None),
        "volume": lambda p: getattr(_archive_loan(p), "volume_id", None), "kind": "damaged",
        "report": "可靠性检查：卷内一页被水浸湿", "responsible": lambda p: p.user("kefu1")},
        drop=("responsible_name",), actors=("dangan",)),
    ("POST", "/api/archives/transfers/"): Route(fields={
        "volume": lambda p: getattr(_open_volume(p), "pk", None), "handed_by": lambda p: p.user("kefu1"),
        "handed_by_password": lambda p: p.world.password, "counted": 1,
        "items": lambda p: [{"title": "可靠性检查记录表", "doc_date": (p.today - dt.timedelta(days=1)).isoformat(),
                             "pages": 1, "original": True}]}, actors=("dangan",)),
    ("POST", "/api/archives/units/"): Route(fields={"name": "可靠性检查供电局"}, actors=("dangan",)),
    ("POST", "/api/archives/volumes/"): Route(fields={
        "category": _active_category, "year": lambda p: p.today.year, "title": "可靠性检查记录",
        "department": _department("cs")}, drop=("external_unit", "retention", "retention_years"),
        actors=("dangan",)),
    # --- the front desk's registers and passes
    ("POST", "/api/desk/access-passes/"): Route(fields={
        "id_number": ID_CARD, "area": "1栋机房", "valid_from": lambda p: p.today.isoformat(),
        "valid_until": lambda p: (p.today + dt.timedelta(days=7)).isoformat()}),
    ("POST", "/api/desk/closes/"): Route(fields={
        "next_clerk": lambda p: p.user("kefu2"), "cabinet_locked": True, "keys_returned": True,
        "keys_counted": _desk_keys_on_hook}),
    ("POST", "/api/desk/deposits/"): Route(fields={"kind": "deposit", "pieces": 1}, drop=("recipient_name",)),
    ("POST", "/api/desk/gate/"): Route(fields={"code": _pass_code, "action": "look"}),
    ("POST", "/api/desk/goods-passes/"): Route(fields={
        "applicant_kind": "owner", "goods": [{"name": "旧沙发", "quantity": 1}],
        "exit_date": lambda p: (p.today + dt.timedelta(days=1)).isoformat()}),
    ("POST", "/api/desk/lost-items/"): Route(fields={
        "found_at": lambda p: (p.now - dt.timedelta(hours=1)).isoformat()}),
    ("POST", "/api/desk/lost-items/{id}/dispose/"): Route(
        target=_lost_item_past_keeping, fields={"witness": lambda p: p.user("kefu1"), "method": "charity"}),
    ("POST", "/api/desk/mail/"): Route(fields={"kind": "express", "seal_state": "intact"},
                                       drop=("damage_note",)),
    ("POST", "/api/desk/subscriptions/"): Route(fields={
        "period": "daily", "resident": lambda p: p.record("core.Resident", units__isnull=False)}),
    ("POST", "/api/desk/visitors/"): Route(fields={"host_kind": "resident", "party_size": 1},
                                           drop=("host_staff", "id_type", "id_number")),
    # --- the site office
    ("POST", "/api/siteoffice/decorations/"): Route(fields={
        "area": "85.50", "owner_phone": "13800001234", "structural": False,
        "starts": lambda p: (p.today + dt.timedelta(days=3)).isoformat(),
        "ends": lambda p: (p.today + dt.timedelta(days=60)).isoformat()}, drop=("structural_detail",)),
    ("POST", "/api/siteoffice/dues/"): Route(fields={
        "price": _current_price("service"), "quantity": "88", "period": "可靠性检查季度",
        "due_date": lambda p: (p.today + dt.timedelta(days=20)).isoformat()}),
    ("POST", "/api/siteoffice/prices/"): Route(fields={
        "kind": "service", "unit_label": "元/㎡·月", "unit_price": "2.80",
        "effective_from": lambda p: (p.today + dt.timedelta(days=30)).isoformat()}),
    ("POST", "/api/siteoffice/receipts/"): Route(fields={
        "price": _current_price("service"), "quantity": "100", "method": "cash", "period": "可靠性检查季度"},
        drop=("due",)),
    # --- the key room
    ("POST", "/api/keys/custody-checks/checks/"): Route(fields={"kind": "weekly"}),
    ("POST", "/api/keys/custody-checks/checks/{id}/findings/"): Route(
        target=lambda p: p.record("keys.CustodyCheck", status="open", department="admin"),
        fields={"owner": lambda p: p.user("xingzheng")}, actors=("xingzheng",)),
    ("POST", "/api/keys/custody-checks/slips/"): Route(fields={
        # The middle shift hands back what the early shift collected; counts that differ are explained.
        "kind": "return", "collected": lambda p: getattr(_collect_slip(p), "pk", None),
        "handed_by": lambda p: p.user("kefu2"), "received_by": lambda p: p.user("baoan1"), "counts": _slip_counts}),
    ("POST", "/api/keys/daily-register/"): Route(fields={"reasons": _unreturned_reasons}),
    ("POST", "/api/keys/deposits/"): Route(fields={
        "resident": lambda p: p.record("core.Resident", units__isnull=False),
        "unit": lambda p: p.records("core.Resident", units__isnull=False).values_list("units", flat=True).first(),
        "signer_name": "业主", "signature_image": SIGNATURE, "sealed": False, "is_temporary": False},
        drop=("third_party_name", "third_party_kind", "expires_at", "seal_number")),
    ("POST", "/api/keys/deposit-openings/{id}/open/"): Route(
        target=lambda p: p.record("keys.KeyDepositOpening", status="approved"),
        fields={"witnesses": lambda p: [{"person": p.user("kefu2"), "password": p.world.password},
                                        {"person": p.user("baoan1"), "password": p.world.password}]}),
    ("POST", "/api/keys/developer-confirmations/"): Route(fields={
        "key": lambda p: p.record("keys.KeySet", category="repair", status="in_store")}),
    ("POST", "/api/keys/repair-pickups/"): Route(fields={
        "key": lambda p: p.record("keys.KeySet", category="repair", status="in_store"),
        "relation": "owner", "id_kind": "id_card", "id_number": ID_CARD, "owner_consent": True}),
    ("POST", "/api/keys/vacant-duplications/"): Route(fields={
        "key": lambda p: p.record("keys.KeySet", category="vacant", status="in_store"), "count": 1}),
    ("POST", "/api/keys/loss-reports/"): Route(fields={
        "key": lambda p: p.record("keys.KeySet", status="in_store"), "kind": "lost", "pieces": None},
        drop=("pieces",)),
    ("POST", "/api/keys/loans/{id}/transfers/"): Route(
        target=lambda p: p.record("keys.KeyLoan", status="lent", holder=p.user("gongcheng1")),
        fields={"to_user": lambda p: p.user("gczg")}, actors=("gongcheng1",)),
    # --- the front desk
    ("POST", "/api/desk/complaints/summaries/"): Route(fields={"kind": "month", "day": _past_month_day}),
    ("POST", "/api/desk/paid/"): Route(fields={
        "items": lambda p: [{"code": p.policy("desk.paid.price_list")[0]["code"], "quantity": 1}],
        "contact": _open_contact}),
    ("POST", "/api/desk/quality/checks/"): Route(
        fields={"kind": "spot", "failed_items": [], "nonconformities": []}, drop=("handover",)),
    ("POST", "/api/desk/repairs/"): Route(fields={
        "category": lambda p: next(iter(p.policy("desk.repairs.categories"))), "contact": _open_contact},
        drop=("appointment_at",)),
    ("POST", "/api/desk/repairs/{id}/dispatch/"): Route(
        target=lambda p: p.record("desk.Repair", status="reported"),
        fields={"technician": lambda p: p.user("gongcheng1")}, drop=("appointment_at",)),
    # --- the duty desk
    ("POST", "/api/duty/handovers/{id}/substitute/"): Route(
        target=lambda p: p.records("duty.Handover").exclude(status="completed").values_list("pk", flat=True)
        .first()),
    ("POST", "/api/duty/holidays/calendar/makeup/"): Route(
        fields={"day": lambda p: (_free_days(p, weekend=True, count=1) or [None])[0]}, actors=("jingli",)),
    ("POST", "/api/duty/holidays/calendar/period/"): Route(
        fields={"start": lambda p: (_free_days(p, weekend=False, count=2) or [None])[0],
                "end": lambda p: (_free_days(p, weekend=False, count=2) or [None, None])[1]}, actors=("jingli",)),
    ("POST", "/api/duty/holidays/preps/"): Route(
        fields={"start": lambda p: (period := _next_holiday(p)) and period.start.isoformat()}),
    ("POST", "/api/duty/holidays/preps/{id}/parking/"): Route(
        target=lambda p: p.records("duty.HolidayPrep", start__gt=p.today).values_list("pk", flat=True).first(),
        fields={"day": _prep_day, "plate": "粤B12345", "guest": "可靠性检查"}),
    ("POST", "/api/duty/log/entries/"): Route(fields={
        "kind": "complaint_call", "occurred_at": lambda p: (p.now - dt.timedelta(hours=1)).isoformat(),
        "people": "可靠性检查"}),
    ("POST", "/api/duty/log/signoffs/"): Route(
        fields={"day": lambda p: (p.today - dt.timedelta(days=1)).isoformat(), "kind": "manager_signoff"},
        actors=("jingli",)),
    ("POST", "/api/duty/rosters/"): Route(fields={"team": "front_desk", "month": _month_after_next}),
    ("POST", "/api/duty/shift-changes/"): Route(
        # Only the person on the shift asks; a colleague's shift to swap with; never a self-named substitute.
        fields={"kind": "swap", "assignment": _future_shift("kefu1"), "swap_with": _future_shift("kefu2")},
        drop=("substitute",), actors=("kefu1",)),
    ("POST", "/api/duty/shift-changes/{id}/approve/"): Route(
        target=lambda p: p.record("duty.ShiftChangeRequest", status="pending", kind__in=["leave", "substitute"]),
        fields={"substitute": _substitute_for}),
    # --- the store room, fire safety and staff (issues 19-21)
    ("POST", "/api/stores/documents/draw-for-repair/"): Route(fields={
        "repair": lambda p: p.records("desk.Repair", status__in=["dispatched", "set_out"])
        .values_list("serial", flat=True).first(), "lines": _stocked_lines}),
    ("POST", "/api/safety/hazards/"): Route(fields={"source": "patrol", "location": "可靠性检查：地下车库",
                                                   "description": "可靠性检查：灭火器压力不足"}),
    ("POST", "/api/staff/inductions/"): Route(fields={"person": _newcomer, "mentor": lambda p: p.user("kfzg")},
                                              actors=("kfzg",)),
    ("POST", "/api/staff/training/"): Route(fields={
        "kind": "fire", "title": "可靠性检查：消防培训", "hours": "2",
        "held_on": lambda p: (p.today - dt.timedelta(days=1)).isoformat()},
                                            actors=("kfzg",)),
    ("POST", "/api/key-consents/"): Route(fields={
        "unit": lambda p: (_held_deposit(p) or {}).get("unit"),
        "deposit": lambda p: (_held_deposit(p) or {}).get("deposit"), "purpose": "可靠性检查：维修漏水需入户"}),
}
