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
        # A shallow copy of each unbound field is enough: binding sets the copy's own name, parent and source;
        # what it shares with the template (choices, validators, a nested serializer's declaration) is only read.
        # Field.__deepcopy__ re-runs every field's __init__ and was most of this serializer's cost.
        # A field with a child (a list of nested records, ListField) binds that child to itself: it gets a deep copy,
        # so that two requests on two threads never share one child.
        return {name: copy.deepcopy(field) if hasattr(field, "child") else copy.copy(field)
                for name, field in template.items()}
