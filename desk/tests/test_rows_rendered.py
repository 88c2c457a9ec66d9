"""The desk's register rows rendered in Python (desk_rows: issue 17, the hot pages) show exactly what the row
templates showed: the reference below is the template they replace, rendered beside them for every state."""
import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from desk.models import Contact, Repair
from desk.templatetags.desk_rows import contact_row, repair_row
from desk.tests.test_repairs_factories import unit_of

REPAIR_TEMPLATE = """{% load i18n %}<div class="card">
  <div><a href="{% url 'desk:repairs-detail' r.pk %}"><strong>{{ r.slip_number|default:r.serial }}</strong></a>
    <span class="badge">{{ r.category }}</span>
    {% if r.is_vip %}<span class="badge emergency">{% trans "VIP" %}</span>{% endif %}
    <span class="badge {% if r.status == 'signed' %}returned{% elif r.status == 'cancelled' %}{% else %}pending{% endif %}">{{ r.get_status_display }}</span>
    {% if r.status == "dispatched" and r.due_at and r.due_at < now %}<span class="badge overdue">{% trans "late" %} · {% trans "due" %} {{ r.due_at|date:"H:i" }}</span>
    {% elif r.status == "dispatched" and r.due_at %}<span class="badge">{% trans "set out by" %} {{ r.due_at|date:"m-d H:i" }}</span>{% endif %}</div>
  <div class="muted">{{ r.reported_at|date:"m-d H:i" }} · {{ r.place }} · {{ r.person_name }}</div>
  <div>{{ r.content|truncatechars:80 }}</div>
</div>
"""
CONTACT_TEMPLATE = """{% load i18n %}<div class="card">
  <div><a href="{% url 'desk:intake-detail' c.pk %}"><strong>{{ c.serial }}</strong></a>
    {% if c.is_vip %}<span class="badge emergency">{% trans "Urgent (VIP)" %}</span>{% endif %}
    <span class="badge">{{ c.get_channel_display }}</span> <span class="badge">{{ c.get_kind_display }}</span>
    <span class="badge {% if c.status == 'closed' %}returned{% else %}pending{% endif %}">{{ c.get_status_display }}</span>
    {% if c.escalation %}<span class="badge overdue">{{ c.get_escalation_display }}</span>{% endif %}</div>
  <div class="muted">{{ c.received_at|date:"m-d H:i" }} · {{ c.person_name }}{% if c.unit %} · {{ c.unit.label }}{% endif %}</div>
  <div>{{ c.content|truncatechars:80 }}</div>
</div>
"""
NOW = dt.datetime(2026, 12, 31, 15, 50, tzinfo=dt.timezone.utc)  # 23:50 on New Year's Eve in Beijing
HOSTILE = '<script>alert("x")</script> & 漏水' + "很长" * 60


def _same(ours: str, reference: str) -> None:
    assert re.sub(r"\s+", " ", ours).strip() == re.sub(r"\s+", " ", reference).strip()


@pytest.mark.req("REPAIR-2")
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_repair_row_shows_what_its_template_showed_in_every_state(project, language):
    unit = unit_of(project)
    cases = []
    for status in ("reported", "dispatched", "set_out", "completed", "signed", "cancelled"):
        for due in (None, NOW - dt.timedelta(minutes=5), NOW + dt.timedelta(hours=2)):
            for vip, slip, where in ((False, "", unit), (True, "RW-20261231-001", None)):
                cases.append(Repair(pk=40 + len(cases), project=project, serial="BX-20261231-007", status=status,
                                    due_at=due, is_vip=vip, slip_number=slip, unit=where, location="地下车库",
                                    category="水电<b>", reported_at=NOW - dt.timedelta(days=1),
                                    person_name="业主 & 家属", content=HOSTILE))
    reference = Template(REPAIR_TEMPLATE)
    with translation.override(language):
        for repair in cases:
            _same(repair_row(repair, NOW), reference.render(Context({"r": repair, "now": NOW})))
            _same(repair_row(repair), reference.render(Context({"r": repair})))
    assert "&lt;script&gt;" in repair_row(cases[0], NOW) and "<script>" not in repair_row(cases[0], NOW)


@pytest.mark.req("DESK-INTAKE-1")
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_contact_row_shows_what_its_template_showed_in_every_state(project, language):
    unit = unit_of(project)
    cases = []
    for status in ("open", "routed", "escalated", "closed"):
        for escalation in ("", "supervisor", "manager"):
            for vip, where in ((False, unit), (True, None)):
                cases.append(Contact(pk=70 + len(cases), project=project, serial="TS-20261231-003", channel="call",
                                     kind="repair", status=status, escalation=escalation, is_vip=vip, unit=where,
                                     received_at=NOW, person_name="<i>住户</i>", content=HOSTILE))
    reference = Template(CONTACT_TEMPLATE)
    with translation.override(language):
        for contact in cases:
            _same(contact_row(contact), reference.render(Context({"c": contact})))
