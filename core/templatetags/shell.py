"""The page shell's navigation rendered in Python: every signed-in page shows it, and as template loops (a room,
its links, a reverse() and a comparison per link, twice) it was a fifth of a small page's rendering (issue 17).
`{% load shell %}{% rooms_menu navigation request.path %}` gives the markup the loops gave, every value escaped."""
from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def rooms_menu(navigation, path: str) -> SafeString:
    rooms = []
    for room, links in navigation:
        items = []
        for link in links:
            url = link.url()
            current = mark_safe(' aria-current="page"') if path == url else ""  # a constant
            items.append((url, current, link.label))
        rooms.append(format_html(
            '\n    <details class="room" data-room="{}">\n      <summary>{}</summary>\n      <ul>{}</ul>\n'
            '    </details>\n    ', room.code, room.label,
            format_html_join("", '<li><a href="{}"{}>{}</a></li>', items)))
    return format_html_join("", "{}", ((room,) for room in rooms))
