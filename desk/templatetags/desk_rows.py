"""The front desk's register rows (a repair, a contact) rendered in Python: the desk page and the registers show
fifty of them per answer, and through a template include each row cost more than the rest of the page
(issue 17). The markup is the same as a template's would be; every value is escaped by format_html."""
from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

register = template.Library()


def _when(value, pattern: str) -> str:
    """As the template filter `date` shows an aware time: in the current time zone (Beijing)."""
    return date_format(localtime(value), pattern) if value else ""


def _link(name: str, pk: int) -> str:
    return reverse(name, args=[pk])


@register.simple_tag
def repair_row(r, now=None) -> SafeString:
    vip = format_html('<span class="badge emergency">{}</span>', _("VIP")) if r.is_vip else ""
    state = {"signed": "returned", "cancelled": ""}.get(r.status, "pending")
    timer = ""
    if r.status == "dispatched" and r.due_at:
        if now and r.due_at < now:
            timer = format_html('<span class="badge overdue">{} · {} {}</span>\n    ', _("late"), _("due"),
                                _when(r.due_at, "H:i"))
        else:
            timer = format_html('<span class="badge">{} {}</span>', _("set out by"), _when(r.due_at, "m-d H:i"))
    return format_html(
        '<div class="card">\n  <div><a href="{}"><strong>{}</strong></a>\n    <span class="badge">{}</span>\n'
        '    {}\n    <span class="badge {}">{}</span>\n    {}</div>\n'
        '  <div class="muted">{} · {} · {}</div>\n  <div>{}</div>\n</div>\n',
        _link("desk:repairs-detail", r.pk), r.slip_number or r.serial, r.category, vip, state,
        r.get_status_display(), timer, _when(r.reported_at, "m-d H:i"), r.place, r.person_name,
        Truncator(r.content).chars(80))


@register.simple_tag
def contact_row(c) -> SafeString:
    vip = format_html('<span class="badge emergency">{}</span>', _("Urgent (VIP)")) if c.is_vip else ""
    escalation = (format_html('<span class="badge overdue">{}</span>', c.get_escalation_display())
                  if c.escalation else "")
    unit = format_html(" · {}", c.unit.label) if c.unit_id else ""
    return format_html(
        '<div class="card">\n  <div><a href="{}"><strong>{}</strong></a>\n    {}\n'
        '    <span class="badge">{}</span> <span class="badge">{}</span>\n    <span class="badge {}">{}</span>\n'
        '    {}</div>\n  <div class="muted">{} · {}{}</div>\n  <div>{}</div>\n</div>\n',
        _link("desk:intake-detail", c.pk), c.serial, vip, c.get_channel_display(), c.get_kind_display(),
        "returned" if c.status == "closed" else "pending", c.get_status_display(), escalation,
        _when(c.received_at, "m-d H:i"), c.person_name, unit, Truncator(c.content).chars(80))
