"""The duty desk's hub: what needs doing on this shift, and the way to each register."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    return render(request, "duty/home.html", {})
