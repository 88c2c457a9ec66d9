"""Named hand-offs: where one room acts in another, it asks core, and the room that does the work answers.

The regulations make rooms talk: a deposited key's use or a loss writes the duty log (KEY-DEPOSIT-9, KEY-LOSS-1),
a lock change opens a repair (REPAIR-1), a handover lists the keys still out (HANDOVER-2, -5) and counts the
keys on the hook. A room never imports another room for that. Each hand-off below is a *slot*: one room provides
it in its `AppConfig.ready()`, any room calls it. A slot nobody provides raises `HandOffMissing` — loudly, as a
missing room is a deployment error, not something to paper over.

A *section* registry is the other shape: many rooms contribute, one room gathers (the handover sheet asks every
room for its part). How a new room plugs in is written in the README's Layout.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class HandOffMissing(RuntimeError):
    """No installed room provides this hand-off."""


class Slot:
    """One named hand-off with exactly one provider."""

    def __init__(self, name: str, doc: str) -> None:
        self.name = name
        self.__doc__ = doc
        self._provider: Callable[..., Any] | None = None
        self._owner = ""

    def provide(self, provider: Callable[..., Any], *, owner: str) -> None:
        if self._provider is not None and self._owner != owner:
            raise RuntimeError(f"hand-off {self.name!r} is already provided by {self._owner!r}")
        self._provider, self._owner = provider, owner

    @property
    def provided(self) -> bool:
        return self._provider is not None

    def __call__(self, *args, **kwargs):
        if self._provider is None:
            raise HandOffMissing(f"no installed room provides the hand-off {self.name!r}")
        return self._provider(*args, **kwargs)


@dataclass(frozen=True)
class LogNote:
    """A line another room writes in the duty log (who recorded it, what happened, where it came from).

    `source` names the record behind it ("keys.loss:12"), so the note can be found and resolved later."""
    project: Any
    recorded_by: Any
    what_happened: str
    source: str
    occurred_at: dt.datetime | None = None
    handling: str = ""
    unit: Any = None
    people: str = ""
    location: str = ""
    severity: str = ""


# --- Slots: one provider each ---------------------------------------------------------------------------------
# Provided by the duty desk: writes a key-custody line in the duty log and answers its id.
log_key_custody = Slot("log_key_custody", "record(LogNote) -> int: a key-custody entry in the duty log")
# Provided by the duty desk: resolves the open duty-log lines written for `source`; answers how many.
resolve_logged = Slot("resolve_logged", "(project, source, resolved_by, result) -> int")
# Provided by the front desk: opens a repair for a lock change and answers its document number.
open_lock_change_repair = Slot("open_lock_change_repair",
                               "(project, reported_by, description, unit, source_ref) -> str")
# Provided by the key room: how many keys of a category are on the hook now.
keys_on_hook = Slot("keys_on_hook", "(project_id, category) -> int")
# Provided by the site office: the households whose permitted decoration overlaps [start, end] (HOLIDAY-1,
# DECOR-2); the duty desk phones them before a holiday.
households_under_decoration = Slot("households_under_decoration",
                                   "(project, start, end) -> list[DecoratingHousehold]")


@dataclass(frozen=True)
class DecoratingHousehold:
    """A household under decoration, as the site office knows it from the permit. `source` names the record
    ("siteoffice.decoration:12"); `registered_by` is the clerk who took the application."""
    unit: Any
    contact_name: str
    contact_phone: str
    contractor: str
    starts: dt.date
    ends: dt.date
    source: str
    registered_by: Any


# --- Sections: many rooms contribute, one gathers -------------------------------------------------------------
class Sections:
    """Named contributions (name → callable), gathered in registration order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, Callable[..., Any]] = {}

    def register(self, key: str, contribute: Callable[..., Any]) -> None:
        self._items[key] = contribute

    def gather(self, *args, **kwargs) -> dict[str, Any]:
        return {key: contribute(*args, **kwargs) for key, contribute in self._items.items()}

    def keys(self) -> list[str]:
        return list(self._items)


# What a shift hands over besides the duty desk's own records (HANDOVER-2, -5): (project) -> data for the sheet.
handover_sections = Sections("handover")

# What a person still has out, in each room (ARCH-7): (person) -> list[Outstanding]. An account is deactivated
# only when every room answers an empty list (core.clearance).
clearance_sections = Sections("clearance")


@dataclass(frozen=True)
class Outstanding:
    """One thing a person still has out: the room's words for it, its document number, since when, where."""
    room: str
    what: str
    document: str
    since: dt.datetime | None = None
    due_at: dt.datetime | None = None
    project: str = ""


# --- Slots added for fire safety and patrols (safety, PATROL-1) -------------------------------------------------
# Provided by the front desk: a patrol finding becomes a repair of a public area; answers its document number.
open_repair_from_finding = Slot("open_repair_from_finding",
                                "(project, reported_by, description, location, source_ref) -> str")
# Provided by the duty desk: any room's note becomes a duty-log entry (kind "round finding"); answers its id.
log_duty_note = Slot("log_duty_note", "record(LogNote) -> int: a generic entry in the duty log")
# --- The store room's slots (issue 19) ------------------------------------------------------------------------
# Provided by the duty desk from its holiday calendar: whether people work on a day (a 调休 make-up Sunday is a
# workday, a statutory holiday is not). The store room counts 5 working days for checking a delivery (STOCK-6).
is_workday = Slot("is_workday", "(date) -> bool")
# Provided by the store room: a repair's materials issued from the site's stock at completion (STOCK-2, issue 19).
# lines are RepairMaterial; answers the issue document's number and the priced lines.
issue_materials_for_repair = Slot("issue_materials_for_repair",
                                  "(project, technician, repair_ref, lines: list[RepairMaterial]) -> IssuedMaterials")
# Provided by the front desk: the document number (BX-…) of the project's repair that `repair_ref` names (its
# number or its task slip's) while a technician may still draw materials for it (slip issued, not yet signed), or
# "" when the project has no such repair. The store room checks a draw from the technician's phone with it.
repair_open_for_materials = Slot("repair_open_for_materials", "(project, repair_ref) -> str")


@dataclass(frozen=True)
class RepairMaterial:
    """One material a technician picked on the task slip: the item's code in the catalogue and how many."""
    item_code: str
    quantity: int


# Provided by the store room: what the site's stock holds (good stock), for the technician to pick from on the task
# slip before completion issues it (issue 19). Read-only; answers a list of StockOnHand.
materials_on_hand = Slot("materials_on_hand", "(project) -> list[StockOnHand]")


@dataclass(frozen=True)
class StockOnHand:
    """One item the site's warehouse holds: its catalogue code, words for the picker, how many are there."""
    item_code: str
    name: str
    spec: str = ""
    unit: str = ""
    quantity: int = 0


@dataclass(frozen=True)
class IssuedMaterials:
    """What the store room issued for a repair: the issue document's number and (name, quantity, unit price)."""
    document: str
    lines: tuple = ()
# --- Appraisal measures (STAFF-3) -------------------------------------------------------------------------------
# What each room counts against one person in one month, for the monthly appraisal (考评): (project, person,
# start, end) -> list[Measure], start/end aware datetimes bounding the month [start, end). Read-only queries in the
# room that holds the records; the appraisal gathers them and never reaches into a room.
appraisal_measures = Sections("appraisal_measures")


@dataclass(frozen=True)
class Measure:
    """One named count for a person's month: `code` is the key the appraisal's weights use ("keys.overdue"),
    `label` the room's words for it, `documents` the document numbers behind it (at most a few dozen)."""
    code: str
    label: str
    count: int
    documents: tuple[str, ...] = ()
# --- The residents' door (RES-1, RES-2, SURVEY-2): slots added by the residents' room -------------------------
@dataclass(frozen=True)
class ResidentMatter:
    """One matter of a household as the resident sees it: its document number, what it is (words), what they
    wrote, where it stands (words), and what the resident may do now. `ref` names it ("repair:12")."""
    ref: str
    number: str
    kind: str
    content: str
    status: str
    reported_at: dt.datetime
    closed: bool = False
    can_confirm: bool = False
    steps: tuple = ()  # ((when, words), ...) oldest first
    department: str = ""


@dataclass(frozen=True)
class DepositedKey:
    """A key the household deposited with the key room, as the resident sees it (KEY-DEPOSIT)."""
    ref: str
    number: str
    description: str


@dataclass(frozen=True)
class ResidentRating:
    """A resident's own rating of a closed matter (SURVEY-2), for the return-visit analysis (VISIT-6)."""
    matter_ref: str
    score: int
    satisfied: bool
    rated_at: dt.datetime
    comment: str = ""


# Provided by the front desk: what a resident sends through the portal becomes a contact with channel "online";
# answers the contact's document number. (project, resident, unit, kind, content, photos=[(name, bytes)]) -> str
open_resident_contact = Slot("open_resident_contact",
                             "(project, resident, unit, kind, content, photos) -> str (the contact's number)")
# Provided by the front desk: the household's matters (its unit's contacts and repairs) — never another's.
resident_matters = Slot("resident_matters", "(project, unit) -> list[ResidentMatter]")
# Provided by the front desk: an adult of the household confirms a completed repair with a drawn signature
# (REPAIR-3); answers the repair's number. (project, unit, ref, name, image, is_adult) -> str
confirm_resident_repair = Slot("confirm_resident_repair", "(project, unit, ref, name, image, is_adult) -> str")
# Provided by the key room: the household's deposited keys; and the household's answer to a request to use one.
deposited_keys = Slot("deposited_keys", "(project, unit) -> list[DepositedKey]")
record_key_consent = Slot("record_key_consent",
                          "(project, unit, ref, consent: bool, name, asked_by, purpose) -> None")
# Provided by the residents' room: residents' own ratings of closed matters in [start, end) (SURVEY-2 → VISIT-6).
resident_ratings = Slot("resident_ratings", "(project, start, end) -> list[ResidentRating]")
# Provided by the residents' room: tell a household (RES-2): (project, unit, kind, text, source) -> int queued.
tell_household = Slot("tell_household", "(project, unit, kind, text, source) -> int")
# --- Links other rooms offer on a record's page (issue 18: the key room's deposited key → ask the household) -----
# (user, project, ref, unit) -> list[RecordLink]: what another room lets this user do about the record named by
# `ref` ("keys.deposit:12"), with a line of where it stands. The page that shows the record gathers them; it never
# names the other room's pages itself.
record_links = Sections("record_links")


@dataclass(frozen=True)
class RecordLink:
    """One action another room offers on a record: the words, where it goes, and what is known so far."""
    label: str
    url: str
    notes: tuple[str, ...] = ()


# --- Duty rounds by checkpoint (DUTY-LOG-6 ↔ PATROL-1, issue 20) --------------------------------------------------
@dataclass(frozen=True)
class PatrolPoint:
    """One checkpoint of a walk: its name, when and by whom it was scanned (None: not scanned), late or not, and
    what the patroller found there."""
    name: str
    scanned_at: dt.datetime | None = None
    scanned_by: str = ""
    late: bool = False
    finding: str = ""


@dataclass(frozen=True)
class PatrolWalk:
    """The checkpoints of one patrol round a duty round walks. `ref` names the round ("safety.round:12"); `sign_in`
    is the page where a point's short code is typed when the camera cannot scan."""
    ref: str
    route: str
    points: tuple[PatrolPoint, ...] = ()
    sign_in: str = ""


# Provided by the safety room: a duty round begins on the project's building patrol route — the round of that route
# open now, or one opened for this walk. None when the project has no such route (or the person does not patrol):
# the round is then the duty desk's list of areas alone. (project, person) -> PatrolWalk | None
open_patrol_walk = Slot("open_patrol_walk", "(project, person) -> PatrolWalk | None")
# Provided by the safety room: the checkpoints of a walk as they stand now. (ref) -> PatrolWalk | None
patrol_walk = Slot("patrol_walk", "(ref) -> PatrolWalk | None")
