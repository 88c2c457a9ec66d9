"""The front-desk hub: today's contacts, open repairs and complaints, visits due."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    return render(request, "desk/home/home.html", {})
