"""The ledger pages: search, a key's card with its tag and history, adding and editing keys."""
from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.models import Building, Unit
from core.parsing import is_int
from core.web.pages import attempt, current_project
from keys.categories import Category
from keys.models import KeySet
from keys.pages.common import my_key
from keys.selectors import loans as selectors
from keys.services import ledger
from keys.states import KeyStatus


class KeyForm(forms.ModelForm):
    class Meta:
        model = KeySet
        fields = ["number", "category", "name", "building", "unit", "floor", "equipment", "room_number", "pieces",
                  "storage", "is_emergency_spare", "notes"]
        help_texts = {"number": gettext_lazy("Leave empty to number it by the company's rule.")}
        # The model's building/unit foreign keys carry no verbose name: without these the form says "Building".
        labels = {"building": gettext_lazy("Building"), "unit": gettext_lazy("Unit")}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["building"].queryset = Building.objects.filter(project=project)
        self.fields["unit"].queryset = Unit.objects.filter(project=project).select_related("building")


@login_required
def ledger_page(request):
    project = current_project(request)
    spare = {"1": True, "0": False}.get(request.GET.get("spare", ""))
    qs = selectors.search_ledger(project=project, text=request.GET.get("q", "").strip(),
                                 category=request.GET.get("category", ""), status=request.GET.get("status", ""),
                                 spare=spare)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "keys/ledger.html", {"page": page, "categories": Category.choices,
                                                "statuses": KeyStatus.choices})


@login_required
def key_page(request, pk: int):
    key = my_key(request, pk)
    return render(request, "keys/key.html", {
        "key": key, "tag": mark_safe(ledger.tag_svg(key)), "payload": ledger.tag_payload(key),
        "loans": key.loans.select_related("holder").order_by("-applied_at")[:50],
        "faults": key.faults.select_related("reported_by").order_by("-reported_at"),
        "form": KeyForm(instance=key, project=key.project),
    })


@login_required
def new_key_page(request):
    project = current_project(request)
    form = KeyForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        key, err = attempt(request, lambda: ledger.create_key(project=project, actor=request.user, **form.cleaned_data),
                           _("Key added to the ledger."))
        if key:
            return redirect("pages:key", pk=key.pk)
    return render(request, "keys/key_new.html", {"form": form})


@login_required
@require_POST
def edit_key(request, pk: int):
    key = my_key(request, pk)
    changes = {f: request.POST.get(f, "").strip() for f in ("name", "storage", "notes") if f in request.POST}
    if is_int(request.POST.get("pieces", "")):
        changes["pieces"] = int(request.POST["pieces"])
    attempt(request, lambda: ledger.update_key(key=key, actor=request.user, **changes), _("Ledger updated."))
    return redirect("pages:key", pk=pk)


@login_required
@require_POST
def retire_key(request, pk: int):
    key = my_key(request, pk)
    attempt(request, lambda: ledger.retire_key(key=key, actor=request.user, reason=request.POST.get("reason", "")),
            _("Key retired."))
    return redirect("pages:key", pk=pk)
