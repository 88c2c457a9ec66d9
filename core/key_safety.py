"""The keys a deployment must bring itself (CORE-3): read by config/settings.py before Django starts, and by
the system checks in core/checks.py. Imports nothing of Django's apps, so the settings can use it."""
from __future__ import annotations

# Published in this repository: anyone can forge sessions and password-reset links signed with it.
DEV_SECRET = "dev-insecure-secret-key-do-not-use-in-production-0123456789"


def key_problems(*, secret_key: str, field_key: str) -> list[str]:
    """What is wrong with these keys for production (empty when nothing is)."""
    problems = []
    if not secret_key or secret_key == DEV_SECRET or len(secret_key) < 50:
        problems.append("DJANGO_SECRET_KEY must be set to 50+ random characters of its own "
                        "(not the public development secret).")
    if not field_key:
        problems.append("PROPDESK_FIELD_KEY must be set: ID numbers are encrypted with it, never with a key "
                        "derived from DJANGO_SECRET_KEY in production (see .env.example).")
    elif field_key in (secret_key, DEV_SECRET):
        problems.append("PROPDESK_FIELD_KEY must be a key of its own, not DJANGO_SECRET_KEY or the public "
                        "development secret.")
    return problems
