"""Money as exact decimals (FEE-1): amounts are read from text, never from a float, and quantised to the fen."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core.errors import DomainError

FEN = Decimal("0.01")
MAX = Decimal("9999999999.99")


def decimal_of(value, *, field: str, places: int = 2, positive: bool = True, rule: str = "FEE-1") -> Decimal:
    """`value` (text, int or Decimal — never a float, whose binary value is not the amount typed) as a Decimal
    of at most `places` decimals; refused with `invalid_amount` naming the field."""
    def bad():
        return DomainError(_("Give an amount such as 12.50."), code="invalid_amount", rule=rule,
                           details={"field": field})
    if isinstance(value, (float, bool)) or value is None:
        raise bad()
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise bad() from None
    if not number.is_finite() or number.as_tuple().exponent < -places or abs(number) > MAX:
        raise bad()
    if number < 0 or (positive and number == 0):
        raise bad()
    return number


def times(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """quantity × price, rounded half up to the fen (0.01)."""
    return (quantity * unit_price).quantize(FEN, rounding=ROUND_HALF_UP)
