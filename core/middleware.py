"""Idle session timeout and the project a user is working in."""
from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

from core.permissions import projects_for

LAST_SEEN = "propdesk_last_seen"
PROJECT = "propdesk_project"


class SessionTimeoutMiddleware:
    """Log out a session idle for longer than SESSION_IDLE_TIMEOUT; the absolute limit is the cookie age."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.session_expired = False
        session = request.session
        if session.get("_auth_user_id"):
            last_seen = session.get(LAST_SEEN)
            now = int(time.time())
            if last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_TIMEOUT:
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
            elif last_seen is None or now - int(last_seen) > 30:
                session[LAST_SEEN] = now
        return self.get_response(request)


class CurrentProjectMiddleware:
    """request.project: the project chosen in the session among those the user may see."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.project = None
        if request.user.is_authenticated:
            projects = projects_for(request.user)
            chosen = request.session.get(PROJECT)
            project = projects.filter(pk=chosen).first() if chosen else None
            request.project = project or projects.order_by("pk").first()
        return self.get_response(request)
