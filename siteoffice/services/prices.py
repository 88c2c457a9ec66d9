"""The price list (FEE-1; 002 篇3 §4.8.1 各种物业服务费要明码标价): a price changes by publishing a new version
from a date; a version already in force is never edited, so every receipt keeps the price it was charged at."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits
from core.errors import Conflict, DomainError
from core.models import Project, User
from siteoffice.models import Price
from siteoffice.permissions import FEE_RULE, require_price_setter
from siteoffice.services.money import decimal_of
from siteoffice.states import FeeKind


def current(project: Project, kind: str, name: str, day: dt.date | None = None) -> Price | None:
    """The version of an item in force on `day` (today): the latest effective on or before it."""
    day = day or clock.today()
    return (Price.objects.filter(project=project, kind=kind, name=name, effective_from__lte=day)
            .order_by("-effective_from").first())


def require_current(price: Price, project: Project) -> None:
    if price.project_id != project.pk:
        raise DomainError(_("Choose a price of this project's price list."), code="invalid_choice", rule=FEE_RULE,
                          details={"field": "price"})
    in_force = current(project, price.kind, price.name)
    if in_force is None or in_force.pk != price.pk:
        raise Conflict(_("This is not the price in force today: charge at the published price."),
                       code="price_not_current", rule=FEE_RULE)


@audit.atomic()
def publish(*, project: Project, by: User, kind: str, name: str, unit_label: str, unit_price,
            effective_from: dt.date | None) -> Price:
    """Publish a price, or a new version of one, effective from a date not in the past."""
    require_price_setter(by, project)
    if kind not in FeeKind.values:
        raise DomainError(_("Choose the fee item."), code="invalid_choice", rule=FEE_RULE, details={"field": "kind"})
    name = limits.fit(Price, "name", name, required=True, rule=FEE_RULE)
    unit_label = limits.fit(Price, "unit_label", unit_label, required=True, rule=FEE_RULE)
    unit_price = decimal_of(unit_price, field="unit_price", positive=False)
    if effective_from is None or effective_from < clock.today():
        # A price already in force may have been charged: it changes from today or later, never backwards.
        raise DomainError(_("A price takes effect from today or a later day."), code="invalid_date", rule=FEE_RULE,
                          details={"field": "effective_from"})
    if Price.objects.filter(project=project, kind=kind, name=name, effective_from=effective_from).exists():
        raise Conflict(_("This item already has a price from that day; publish a new version from another day."),
                       code="duplicate_price", rule=FEE_RULE)
    try:
        with transaction.atomic():
            price = Price.objects.create(project=project, kind=kind, name=name, unit_label=unit_label,
                                         unit_price=unit_price, effective_from=effective_from, created_by=by,
                                         created_at=clock.now())
    except IntegrityError:
        raise Conflict(_("This item already has a price from that day; publish a new version from another day."),
                       code="duplicate_price", rule=FEE_RULE) from None
    audit.record(actor=by, action="siteoffice.price.published", target=price, project=project,
                 data={"kind": kind, "name": name, "unit_price": str(unit_price), "unit": unit_label,
                       "from": effective_from.isoformat()})
    return price
