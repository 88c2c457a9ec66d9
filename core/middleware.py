"""Session timeouts (idle and absolute), held-back lockout failures, and the project a user is working in."""
from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseBadRequest, JsonResponse

from core import limits, lockout
from core.errors import DomainError
from core.permissions import projects_for

LAST_SEEN = "propdesk_last_seen"
SIGNED_IN_AT = "propdesk_signed_in_at"
PROJECT = "propdesk_project"


class SessionTimeoutMiddleware:
    """Log out a session idle for longer than SESSION_IDLE_TIMEOUT, or older than SESSION_COOKIE_AGE.

    The absolute limit is enforced here and not left to the session's expiry date, because every
    save of the session (the idle clock below) moves that date forward again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.session_expired = False
        session = request.session
        key_before = session.session_key
        if session.get("_auth_user_id"):
            last_seen = session.get(LAST_SEEN)
            signed_in_at = session.get(SIGNED_IN_AT)
            now = int(time.time())
            idle = last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_TIMEOUT
            too_old = signed_in_at is not None and now - int(signed_in_at) > settings.SESSION_COOKIE_AGE
            if idle or too_old:
                redirect = self._expire(request)
                if redirect is not None:
                    return redirect
            # Writing the session on every request costs a database write; every few seconds is enough.
            elif last_seen is None or now - int(last_seen) >= min(30, settings.SESSION_IDLE_TIMEOUT // 10):
                session[LAST_SEEN] = now
        response = self.get_response(request)
        if session.get("_auth_user_id") and (session.get(SIGNED_IN_AT) is None or session.session_key != key_before):
            # Just signed in (login() gives the session a new key): the absolute clock starts now.
            session[SIGNED_IN_AT] = session[LAST_SEEN] = int(time.time())
        return response

    @staticmethod
    def _expire(request):
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        logout(request)
        request.session_expired = True
        if not request.path.startswith("/api/"):
            # A page: back to the sign-in form, saying why (the API answers 401 session_expired).
            from django.shortcuts import redirect
            from django.urls import reverse
            from django.utils.http import urlencode

            query = urlencode({"expired": 1, "next": request.get_full_path()})
            return redirect(f"{reverse('login')}?{query}")
        return None


class LockoutMiddleware:
    """Write the wrong-password attempts a rolled-back service transaction held back (core.lockout)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lockout.discard_pending()
        try:
            return self.get_response(request)
        finally:
            lockout.flush_pending()


class CurrentProjectMiddleware:
    """request.project (pages): the project chosen in the session among those the user may see."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.project = None
        # Pages only: an API call names the project (or the record) it acts on and never reads the
        # session's choice, so it does not pay the query for it.
        if not request.path_info.startswith("/api/") and request.user.is_authenticated:
            # One read serves the choice here and the project switcher on the page (context processor).
            request.my_projects = list(projects_for(request.user).order_by("pk"))
            chosen = request.session.get(PROJECT)
            found = [p for p in request.my_projects if p.pk == chosen] if chosen else []
            request.project = found[0] if found else (request.my_projects[0] if request.my_projects else None)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on every response (settings.CONTENT_SECURITY_POLICY; OWASP ASVS 14.4.3).

    Placed first, so static files served by WhiteNoise carry it too. A view that needs a looser policy
    (the API docs page) sets its own header, which is left as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every page answered to a signed-in person and every API answer: they
    carry personal data that no browser or proxy cache may keep (OWASP ASVS 14.3.2). Static files never
    reach this middleware (WhiteNoise answers them earlier) and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path_info.startswith("/api/") or (user is not None and user.is_authenticated):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


class RefuseNulBytesMiddleware:
    """A NUL character in the address or a typed form field is refused with 400 (issue 14, finding 4): no person
    types one, and PostgreSQL cannot hold one in a text column or compare with it (a search for "a\\x00" was a
    DataError, a server error). The files of an upload are not looked at, only the fields beside them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forms = [request.GET]
        if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded",
                                                                 "multipart/form-data"):
            forms.append(request.POST)  # a file's bytes are not in POST (bounded by core.uploads)
        for form in forms:
            for key, values in form.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return HttpResponseBadRequest("NUL", content_type="text/plain")
        if len(forms) > 1 and request.content_type == "multipart/form-data" and request.path_info.startswith("/api/"):
            # Reading request.POST above used up a multipart body: DRF then takes Django's parsed POST as it is and
            # never calls the API's parser (core.rest_parsers.BoundedMultiPartParser). Its bound is applied here.
            try:
                limits.check_form(request.POST)
            except DomainError as exc:
                return JsonResponse(exc.as_dict(), status=exc.status)
        return self.get_response(request)
