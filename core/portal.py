"""The account that stands for the residents' door (RES-1) where a record needs a staff member's name: a contact
"received" through the portal, a photo "uploaded" by a resident. It cannot sign in (inactive, no usable password)
and holds no role; the resident's own name is on the record beside it."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core.models import Company, User


def portal_account(company: Company) -> User:
    user, made = User.objects.get_or_create(username=f"portal@{company.code}"[:150], defaults={
        "full_name": _("Residents' portal"), "company": company, "is_active": False})
    if made:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
