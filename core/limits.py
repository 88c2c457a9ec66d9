"""How much a person may type or send: text lengths, list counts, nesting depth (issue 14, finding 5).

Every request is bounded twice. At the door, the API's parsers (core/rest_parsers.py) and every page's form
(core.web.pages.checked_by) refuse a body that is too big, too deep, a list that is too long or a text longer
than the longest free text any field takes — a 25 MB "contact" or 20,000 items never reach a service. In the
services, each free-text field is held to what it is (a name, a note) through `text()`, so the page and the
API say the same thing. The limits are settings (config/settings.py, "Input bounds"): a company whose staff
write long reports may raise the note limit without touching code."""
from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from core.errors import DomainError

NAME = "name"  # a person's, a company's, a thing's name: one line
NOTE = "note"  # a remark, a reason, a description: a paragraph
LONG = "long"  # a report, a summary, a day's log text: several paragraphs


def limit_of(kind: str) -> int:
    return int(settings.TEXT_MAX_CHARS[kind])


def too_long(field: str, limit: int) -> DomainError:
    return DomainError(_("“%(field)s” is longer than %(limit)s characters.") % {"field": field, "limit": limit},
                       code="too_long", details={"field": str(field), "limit": limit})


def too_many(field: str, limit: int) -> DomainError:
    return DomainError(_("“%(field)s” has more than %(limit)s entries.") % {"field": field, "limit": limit},
                       code="too_many", details={"field": str(field), "limit": limit})


def too_deep(limit: int) -> DomainError:
    return DomainError(_("The request is nested more than %(limit)s levels deep.") % {"limit": limit},
                       code="too_deep", details={"limit": limit})


def too_large(limit: int) -> DomainError:
    return DomainError(_("The request is larger than %(kb)s KB.") % {"kb": limit // 1024},
                       code="too_large", details={"limit": limit})


def text(value, *, field, kind: str = NOTE, required: bool = False, rule: str | None = None) -> str:
    """`value` stripped, refused with `too_long` when longer than its kind allows (and `required` when empty
    and required). `field` is the label the user sees."""
    value = ("" if value is None else str(value)).strip()
    if required and not value:
        raise DomainError(_("“%(field)s” is required.") % {"field": field}, code="required", rule=rule,
                          details={"field": str(field)})
    limit = limit_of(kind)
    if len(value) > limit:
        raise too_long(field, limit)
    return value


def fit(model, name: str, value, *, required: bool = False, rule: str | None = None, label=None) -> str:
    """`value` stripped, for the model's field `name`: refused with `too_long` (naming the field's label) when it
    does not fit the column, never cut short; `required` when empty and required. `label` names the field for
    the user where the model gives it no translated verbose_name."""
    field = model._meta.get_field(name)
    label = label or field.verbose_name
    value = ("" if value is None else str(value)).strip()
    if required and not value:
        raise DomainError(_("“%(field)s” is required.") % {"field": label}, code="required", rule=rule,
                          details={"field": name})
    limit = field.max_length or limit_of(LONG)
    if len(value) > limit:
        raise too_long(label, limit)
    return value


def within(value, *, field, limit: int) -> str:
    """`value` stripped, refused with `too_long` past `limit` characters: for a text kept inside a JSON field (a
    checklist item's note), where no column says how long it may be."""
    value = ("" if value is None else str(value)).strip()
    if len(value) > limit:
        raise too_long(field, limit)
    return value


def count(items, *, field, limit: int | None = None):
    """`items` unchanged, refused with `too_many` past `limit` (the list limit of the settings by default)."""
    limit = limit or int(settings.LIST_MAX_ITEMS)
    if items is not None and len(items) > limit:
        raise too_many(field, limit)
    return items


def _is_data_url(value: str) -> bool:
    # A signature drawn on the screen arrives as a PNG data URL: bounded by the body size, not as text.
    return value.startswith("data:image/")


def check_tree(data, *, where: str = "") -> None:
    """Walk a parsed request body without recursion: depth, list lengths and text lengths within bounds."""
    max_depth, max_items, max_text = int(settings.JSON_MAX_DEPTH), int(settings.LIST_MAX_ITEMS), limit_of(LONG)
    stack = [(data, 1, where)]
    while stack:
        value, depth, name = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > max_depth:
                raise too_deep(max_depth)
            if len(value) > max_items:
                raise too_many(name or "items", max_items)
            pairs = value.items() if isinstance(value, dict) else ((name, v) for v in value)
            for key, child in pairs:
                stack.append((child, depth + 1, str(key)))
        elif isinstance(value, str) and len(value) > max_text and not _is_data_url(value):
            raise too_long(name or "text", max_text)


def check_form(query_dict) -> None:
    """A page's posted form: no text longer than the longest free text, no field repeated past the list limit."""
    max_items, max_text = int(settings.LIST_MAX_ITEMS), limit_of(LONG)
    for key, values in query_dict.lists():
        if len(values) > max_items:
            raise too_many(key, max_items)
        for value in values:
            if isinstance(value, str) and len(value) > max_text and not _is_data_url(value):
                raise too_long(key, max_text)
