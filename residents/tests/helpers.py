"""Builders of the residents' tests, through the services (never the project's code mocked)."""
from __future__ import annotations

import base64
import datetime as dt
import re

from core import channels, clock
from core.models import Resident, Unit
from residents.services import access

NOON = clock.at_beijing(dt.date(2026, 11, 30), dt.time(12, 0))
SIGNATURE = "data:image/png;base64," + base64.b64encode(b"\x89PNG" + b"\x00" * 300).decode()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ADDRESS = "203.0.113.7"


def household(project, building="1", number="101") -> tuple[Unit, Resident]:
    unit = Unit.objects.get(project=project, building__code=building, number=number)
    return unit, Resident.objects.filter(units=unit).order_by("pk").first()


def code_sent(sms_file, phone: str) -> str:
    channels.deliver_due()
    lines = [line for line in sms_file.read_text(encoding="utf-8").splitlines() if f" {phone} " in line]
    return re.findall(r"(?<!\d)(\d{6})(?!\d)", lines[-1])[-1]


def sign_in(project, sms_file, building="1", number="101"):
    unit, resident = household(project, building, number)
    access.request_code(project=project, phone=resident.phone, address=ADDRESS)
    code = code_sent(sms_file, resident.phone)
    return access.verify_code(project=project, phone=resident.phone, code=code, address=ADDRESS,
                              building=unit.building)
