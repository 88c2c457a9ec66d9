"""The navigation rendered in Python (core/templatetags/shell.py, issue 17) gives the markup its template loops
gave: the reference below is those loops, rendered beside it for every demo role, the current page marked."""
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from core import workspace
from core.models import Membership
from core.templatetags.shell import rooms_menu

LOOPS = """{% for room, links in navigation %}
    <details class="room" data-room="{{ room.code }}">
      <summary>{{ room.label }}</summary>
      <ul>{% for link in links %}<li><a href="{{ link.url }}"{% if request.path == link.url %} aria-current="page"{% endif %}>{{ link.label }}</a></li>{% endfor %}</ul>
    </details>
    {% endfor %}"""


class _Request:
    def __init__(self, path):
        self.path = path


@pytest.mark.req("CORE-1")
@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_the_menu_is_the_markup_the_loops_gave_for_every_role(project, users, language):
    reference = Template(LOOPS)
    people = {m.user for m in Membership.objects.filter(project=project).select_related("user")}
    compared = 0
    with translation.override(language):
        for person in sorted(people, key=lambda u: u.username):
            navigation = workspace.navigation(person, project)
            paths = ["/", "/nowhere/"] + [link.url() for _room, links in navigation for link in links][:3]
            for path in paths:
                ours = rooms_menu(navigation, path)
                assert ours == reference.render(Context({"navigation": navigation, "request": _Request(path)}))
                compared += 1
            if navigation:
                marked = navigation[0][1][0].url()
                assert rooms_menu(navigation, marked).count('aria-current="page"') == 1
    assert compared > 20 and re.search(r'data-room="keys"', rooms_menu(workspace.navigation(users["kefu1"], project),
                                                                        "/"))
