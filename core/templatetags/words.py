"""Template filters turning codes into words (core/labels.py). `{% load words %}`, then:

  {{ e.action|event_label }}                          an audit event kind -> its label
  {{ s.capacity|signer_role }}                        a signature capacity -> the signer's role
  {{ c.matter_ref|record_number }}                    "repair:9" -> "BX-…" (nothing if it names no record)
  {{ c.source_number|default:c.source_ref|ref_words }} a reference becomes a number, other text stays
  {{ c.matter_ref|record_link }}                      the number as a link to the record's page
"""
from __future__ import annotations

from django import template
from django.utils.html import format_html

from core import labels

register = template.Library()


@register.filter
def event_label(kind: str) -> str:
    return labels.event_label(kind)


@register.filter
def signer_role(role: str) -> str:
    return labels.signer_role_label(role)


@register.filter
def record_number(ref: str) -> str:
    return labels.record_number(ref)


@register.filter
def ref_words(value) -> str:
    return labels.ref_words(value)


@register.filter
def record_link(ref: str) -> str:
    found = labels.record_ref(ref)
    if found is None:
        return ""
    if found.url:
        return format_html('<a href="{}">{}</a>', found.url, found.number)
    return found.number
