"""Explicit state machines: each workflow names its allowed transitions; anything else is refused."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import Conflict


class Flow:
    def __init__(self, name: str, transitions: dict[str, set[str]]):
        self.name = name
        self.transitions = transitions
        # The words of each state, where the states are TextChoices: a refusal names states, never codes.
        members = {*transitions, *(t for targets in transitions.values() for t in targets)}
        self.words = {str(m): m.label for m in members if hasattr(m, "label")}

    def word(self, state: str):
        return self.words.get(str(state), state)

    def check(self, current: str, target: str) -> None:
        """Raise Conflict (illegal_transition) unless current → target is allowed. Never silently passes."""
        if target not in self.transitions.get(current, set()):
            raise Conflict(
                _("Cannot go from “%(current)s” to “%(target)s”.") % {"current": self.word(current), "target": self.word(target)},
                code="illegal_transition", details={"flow": self.name, "from": current, "to": target},
            )
