"""The residents' portal (RES-1): mobile pages (390 px, WeChat's browser, no CDN) behind a household session that
is not a staff sign-in. Every page shows the signed-in household only; anything else is "not found"."""
from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import limits, uploads
from core.errors import DomainError, NotFound
from core.lockout import client_address
from core.parsing import safe_int
from core.web.pages import error_info
from residents.models import HouseholdSession
from residents.services import access, portal, surveys

MAX_PHOTO_FILES = 6


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, f"residents/{template}", {"portal": True, **context}, status=status)


def _refused(request, exc: DomainError, session: HouseholdSession | None = None):
    return _render(request, "portal_refused.html", {"err": error_info(exc), "session": session}, status=exc.status)


def household(view):
    """The page needs a signed-in household; without one it says how to sign in (403), never a staff login."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        session = access.session_from_cookie(request.COOKIES.get(access.COOKIE))
        if session is None:
            return _render(request, "portal_signin_needed.html", {}, status=403)
        try:
            if request.method == "POST":
                if request.content_type.startswith("multipart/") and request.FILES is not None:
                    refusal = uploads.refused(request)  # a file over the limit was not read
                    if refusal is not None:
                        raise refusal
                limits.check_form(request.POST)
            return view(request, session, *args, **kwargs)
        except DomainError as exc:
            return _refused(request, exc, session)
    return wrapped


def entry(request, code: str):
    """The building's code from the lobby: ask for a one-time code to the phone on file."""
    try:
        point = access.entry_by_code(code)
    except DomainError as exc:
        return _refused(request, exc)
    context = {"entry": point, "phone": ""}
    if request.method == "POST":
        phone = request.POST.get("phone", "")
        try:
            access.request_code(project=point.project, phone=phone, address=client_address(request))
        except DomainError as exc:
            return _render(request, "portal_entry.html", {**context, "err": error_info(exc), "phone": phone[:20]},
                           status=exc.status)
        return _render(request, "portal_verify.html", {**context, "phone": phone[:20]})
    return _render(request, "portal_entry.html", context)


def go(request):
    """The short code typed in by hand (under the QR in the lobby)."""
    code = "".join(ch for ch in (request.GET.get("code") or "").upper() if ch.isalnum())[:12]
    if not code:
        return _render(request, "portal_signin_needed.html", {}, status=400)
    return redirect("portal:entry", code=code)


@require_POST
def verify(request, code: str):
    try:
        point = access.entry_by_code(code)
    except DomainError as exc:
        return _refused(request, exc)
    phone = request.POST.get("phone", "")
    try:
        session = access.verify_code(project=point.project, phone=phone, code=request.POST.get("code", ""),
                                     address=client_address(request), building=point.building)
    except DomainError as exc:
        return _render(request, "portal_verify.html", {"entry": point, "phone": phone[:20], "err": error_info(exc)},
                       status=exc.status)
    response = redirect("portal:home")
    lifetime = int((session.expires_at - session.started_at).total_seconds())
    response.set_cookie(access.COOKIE, access.cookie_value(session), max_age=lifetime, httponly=True, samesite="Lax",
                        secure=settings.SESSION_COOKIE_SECURE)
    return response


@household
def home(request, session):
    return _render(request, "portal_home.html", {
        "session": session, "matters": portal.matters(session), "ratings": portal.ratings_of(session),
        "notices": portal.household_notices(session), "consents": portal.consents(session),
        "surveys": surveys.open_for(session.unit), "units": access.units_of(session)})


@require_POST
@household
def switch(request, session):
    access.switch_unit(session, safe_int(request.POST.get("unit"), 0))
    return redirect("portal:home")


@household
def report(request, session):
    if request.method == "POST":
        files = request.FILES.getlist("photos")[:MAX_PHOTO_FILES + 1]
        photos = [(f.name, f.read()) for f in files]
        number = portal.report(session, kind=request.POST.get("kind", ""), content=request.POST.get("content", ""),
                               photos=photos)
        messages.success(request, _("Received as %(number)s. You can follow it here.") % {"number": number})
        return redirect("portal:home")
    return _render(request, "portal_report.html", {"session": session, "kinds": portal.KINDS})


@household
def matter(request, session):
    ref = request.GET.get("ref") or request.POST.get("ref") or ""
    found = portal.matter(session, ref)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            portal.confirm(session, ref=ref, name=request.POST.get("signer_name", ""),
                           image=request.POST.get("signature", ""), is_adult=request.POST.get("is_adult") == "on")
            messages.success(request, _("Thank you: the repair is confirmed."))
        elif action == "rate":
            portal.rate(session, ref=ref, score=request.POST.get("score"), comment=request.POST.get("comment", ""))
            messages.success(request, _("Thank you for your rating."))
        else:
            return HttpResponseNotAllowed(["GET"])
        return redirect(f"{request.path}?ref={ref}")
    return _render(request, "portal_matter.html", {"session": session, "m": found,
                                                   "rated": portal.ratings_of(session).get(ref)})


@require_POST
@household
def consent(request, session, pk: int):
    portal.answer_consent(session, consent_id=pk, consent=request.POST.get("answer") == "yes")
    messages.success(request, _("Your answer is recorded."))
    return redirect("portal:home")


@household
def survey(request, session, pk: int):
    campaign = next((c for c in surveys.open_for(session.unit) if c.pk == pk), None)
    if campaign is None:
        raise NotFound(_("No such record."), code="not_found")
    questions = list(campaign.questionnaire.questions.all())
    if request.method == "POST":
        from residents.models import AnswerChannel

        surveys.answer(campaign=campaign, unit=session.unit, channel=AnswerChannel.PORTAL, resident=session.resident,
                       answers={q.pk: request.POST.get(f"q{q.pk}", "") for q in questions})
        messages.success(request, _("Thank you for answering the survey."))
        return redirect("portal:home")
    return _render(request, "portal_survey.html", {"session": session, "campaign": campaign, "questions": questions})


@require_POST
def sign_out(request):
    session = access.session_from_cookie(request.COOKIES.get(access.COOKIE))
    if session is not None:
        access.end_session(session)
    response = _render(request, "portal_signin_needed.html", {"signed_out": True})
    response.delete_cookie(access.COOKIE)
    return response


app_name = "portal"
urlpatterns = [
    path("", home, name="home"),
    path("in/", go, name="go"),
    path("in/<str:code>/", entry, name="entry"),
    path("in/<str:code>/verify/", verify, name="verify"),
    path("switch/", switch, name="switch"),
    path("report/", report, name="report"),
    path("matter/", matter, name="matter"),
    path("consents/<id:pk>/", consent, name="consent"),
    path("surveys/<id:pk>/", survey, name="survey"),
    path("out/", sign_out, name="sign-out"),
]
