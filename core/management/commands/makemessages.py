"""makemessages that also reads `_l(...)`: some modules import gettext_lazy as `_l`, and xgettext knows
only the names Django passes it, so their strings never reached the catalogue and showed in English."""
from django.core.management.commands.makemessages import Command as MakeMessages


class Command(MakeMessages):
    xgettext_options = [*MakeMessages.xgettext_options, "--keyword=_l"]  # noqa: RUF012 (as in Django)
