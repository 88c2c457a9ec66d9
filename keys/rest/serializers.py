from __future__ import annotations

from rest_framework import serializers

from core.models import Building, Unit
from core.serializers import FieldsBuiltOnce
from core.web.api import ErrorSerializer, PersonSerializer  # noqa: F401  (the answers name them)
from keys.categories import Category
from keys.models import (
    InventoryCount,
    InventoryLine,
    KeyFault,
    KeyLoan,
    KeySet,
    LoanApproval,
    LoanExtension,
    LoanIncident,
    LoanTransfer,
    PurposeKind,
)


class KeySerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = KeySet
        fields = ["id", "project", "number", "category", "category_display", "name", "building", "unit", "floor",
                  "equipment", "room_number", "pieces", "storage", "status", "status_display", "is_emergency_spare",
                  "tag_token", "notes", "created_at", "updated_at"]
        read_only_fields = ["status", "tag_token", "created_at", "updated_at"]


class KeyCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    number = serializers.CharField(max_length=40, required=False, allow_blank=True)
    category = serializers.ChoiceField(choices=Category.choices)
    name = serializers.CharField(max_length=200)
    building = serializers.PrimaryKeyRelatedField(queryset=Building.objects.all(), required=False, allow_null=True)
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False, allow_null=True)
    floor = serializers.IntegerField(required=False, allow_null=True)
    equipment = serializers.CharField(max_length=100, required=False, allow_blank=True)
    room_number = serializers.CharField(max_length=40, required=False, allow_blank=True)
    pieces = serializers.IntegerField(min_value=1, max_value=999)
    storage = serializers.CharField(max_length=60)
    is_emergency_spare = serializers.BooleanField(required=False, default=False)
    notes = serializers.CharField(max_length=300, required=False, allow_blank=True)


class KeyUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    storage = serializers.CharField(max_length=60, required=False)
    pieces = serializers.IntegerField(min_value=1, max_value=999, required=False)
    notes = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ApprovalSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    approver = PersonSerializer(read_only=True)

    class Meta:
        model = LoanApproval
        fields = ["step_index", "step_code", "step_label", "decision", "approver", "decided_at", "comment",
                  "after_the_fact", "is_emergency_release"]


class LoanSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    key_number = serializers.CharField(source="key.number", read_only=True)
    applicant = PersonSerializer(read_only=True)
    holder = PersonSerializer(read_only=True)
    approvals = ApprovalSerializer(many=True, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = KeyLoan
        fields = ["id", "serial", "project", "key", "key_number", "category", "form_kind", "applicant", "holder",
                  "contractor_name", "contractor_company", "purpose_kind", "purpose", "address", "owner_name",
                  "key_name", "room_number", "period_start", "period_end", "is_important", "is_emergency",
                  "off_premises", "paperwork_due_at", "paperwork_completed_at", "chain", "chain_clause", "status",
                  "status_display", "applied_at", "approved_at", "checked_out_at", "pieces_out", "due_at", "due_rule",
                  "returned_at", "pieces_in", "returned_intact", "approvals"]


class DailyLoanSerializer(serializers.ModelSerializer):
    """One line of the morning register: what the clerk reads off, nothing more (KEY-DAILY-1)."""

    key_number = serializers.CharField(source="key.number", read_only=True)
    key_label = serializers.CharField(source="key.name", read_only=True)
    holder_name = serializers.CharField(source="holder.display_name", read_only=True, default="")

    class Meta:
        model = KeyLoan
        fields = ["id", "serial", "key", "key_number", "key_label", "category", "holder", "holder_name",
                  "is_emergency", "checked_out_at", "pieces_out", "due_at"]


class LoanApplySerializer(serializers.Serializer):
    key = serializers.IntegerField()
    applicant = serializers.IntegerField(required=False, help_text="Staff member who will hold the key; default: me.")
    purpose_kind = serializers.ChoiceField(choices=PurposeKind.choices)
    purpose = serializers.CharField(max_length=300)
    period_start = serializers.DateTimeField()
    period_end = serializers.DateTimeField()
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    owner_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    key_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    room_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    is_important = serializers.BooleanField(required=False, default=False)
    is_emergency = serializers.BooleanField(required=False, default=False)
    off_premises = serializers.BooleanField(required=False, default=False)
    contractor_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    contractor_company = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CheckoutSerializer(serializers.Serializer):
    scanned = serializers.CharField(max_length=200)
    pieces_counted = serializers.IntegerField(min_value=0, max_value=999)
    borrower_password = serializers.CharField(max_length=200, trim_whitespace=False)


class ChecklistSerializer(serializers.Serializer):
    power_off = serializers.BooleanField(required=False, default=False)
    windows_closed = serializers.BooleanField(required=False, default=False)
    door_locked = serializers.BooleanField(required=False, default=False)


class ReturnSerializer(serializers.Serializer):
    scanned = serializers.CharField(max_length=200)
    pieces_returned = serializers.IntegerField(min_value=0, max_value=999)
    intact = serializers.BooleanField(required=False, default=True)
    checklist = ChecklistSerializer(required=False)
    borrower_password = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                              trim_whitespace=False)
    accept_discrepancy = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300)


class ExtensionRequestSerializer(serializers.Serializer):
    new_due_at = serializers.DateTimeField()
    reason = serializers.CharField(max_length=300)


class TransferRequestSerializer(serializers.Serializer):
    to_user = serializers.IntegerField()
    reason = serializers.CharField(max_length=300)


class FaultReportSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KeyFault._meta.get_field("kind").choices)
    description = serializers.CharField(max_length=300)


class DecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoanExtension
        fields = ["id", "loan", "requested_by", "requested_at", "new_due_at", "reason", "status", "decided_by",
                  "decided_at", "comment"]


class TransferSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoanTransfer
        fields = ["id", "loan", "requested_by", "requested_at", "to_user", "reason", "status", "decided_by",
                  "decided_at", "comment"]


class IncidentSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoanIncident
        fields = ["id", "loan", "kind", "responsible", "expected", "actual", "description", "opened_by", "opened_at",
                  "status", "resolution", "resolved_by", "resolved_at"]


class FaultSerializer(serializers.ModelSerializer):
    class Meta:
        model = KeyFault
        fields = ["id", "key", "loan", "kind", "description", "reported_by", "reported_at", "status", "resolution",
                  "resolved_by", "resolved_at"]


class ResolveIncidentSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=300)
    ledger_pieces = serializers.IntegerField(min_value=1, max_value=999, required=False, allow_null=True)


class ResolveFaultSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=300)
    key_usable = serializers.BooleanField()


class DailyReviewSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    counted_on_hook = serializers.IntegerField(min_value=0)
    reasons = serializers.DictField(child=serializers.CharField(max_length=300, allow_blank=True))
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class InventoryLineSerializer(serializers.ModelSerializer):
    key_number = serializers.CharField(source="key.number", read_only=True)

    class Meta:
        model = InventoryLine
        fields = ["id", "key", "key_number", "expected_status", "expected_pieces", "counted_pieces", "result",
                  "works", "discrepancy", "follow_status", "resolution", "resolved_by", "resolved_at"]


class InventorySerializer(serializers.ModelSerializer):
    class Meta:
        model = InventoryCount
        fields = ["id", "project", "kind", "department", "categories", "started_by", "started_at", "submitted_at",
                  "closed_at", "status"]


class InventoryDetailSerializer(InventorySerializer):
    lines = InventoryLineSerializer(many=True, read_only=True)

    class Meta(InventorySerializer.Meta):
        fields = InventorySerializer.Meta.fields + ["lines"]


class InventoryStartSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=InventoryCount._meta.get_field("kind").choices)


class InventorySubmitSerializer(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField(min_value=0, allow_null=True))
    faulty = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, max_length=5000)


class ResolveLineSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=300)
    key_status = serializers.ChoiceField(choices=["in_store", "lost", "damaged", "retired"], required=False,
                                         allow_null=True)


class ImportSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    file = serializers.FileField()
    only_good_rows = serializers.BooleanField(required=False, default=False)
