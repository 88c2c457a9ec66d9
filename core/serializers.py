"""Serializer helpers shared by every app's API."""
from __future__ import annotations

import copy


class FieldsBuiltOnce:
    """A ModelSerializer that works out its fields from the model once per process, not per instance.

    DRF rebuilds every field from the model's metadata each time a serializer is made; for a record
    answered on every desk action that was ~0.6 ms of each request. Each instance still gets its own
    copies (DRF binds fields to their parent), made from the class's template. Only for serializers
    whose fields do not depend on the request or context."""

    def get_fields(self):
        cls = type(self)
        template = cls.__dict__.get("_fields_template")
        if template is None:
            template = super().get_fields()
            cls._fields_template = template
        return copy.deepcopy(template)
