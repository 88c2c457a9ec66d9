"""Password checks that honour the lockout (CORE-6): the sign-in page, API basic auth, admin.

Every one of them reaches the password through LockoutModelBackend, which takes an attempt from the
username's and the client address's allowance before the password is checked (core.lockout.begin).
When it refuses, the refusal is left on the request so that the sign-in form and basic auth can say
which lock it was, and for how long."""
from __future__ import annotations

from django import forms
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _
from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication

from core import directory, lockout

REFUSAL = "propdesk_login_refusal"


def locked_message(refusal: lockout.Refusal) -> str:
    minutes = lockout.minutes_left(refusal.until)
    if refusal.code == lockout.ADDRESS_LOCKED:
        return _("Too many failed sign-in attempts from this address: sign-in from here is paused for "
                 "%(minutes)s minutes. Try again later.") % {"minutes": minutes}
    return _("Too many failed sign-in attempts: this account is locked for %(minutes)s minutes. "
             "Try again later.") % {"minutes": minutes}


def refusal_of(request) -> lockout.Refusal | None:
    """The lockout refusal the last authenticate() on this request met, if any."""
    return getattr(getattr(request, "_request", request), REFUSAL, None)


class LockoutModelBackend(ModelBackend):
    """ModelBackend that counts each password check before making it and refuses when a lock holds.

    With the company directory configured (core.directory) the same attempt asks the directory first."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field())
        if username is None or password is None:
            return None
        attempt = lockout.begin(username, lockout.client_address(request))
        if isinstance(attempt, lockout.Refusal):
            if request is not None:
                setattr(getattr(request, "_request", request), REFUSAL, attempt)
            raise PermissionDenied(attempt.code)  # stops authenticate(): no other backend is asked
        user = None
        try:  # the company directory first when configured, then the local account: one counted attempt
            user = directory.authenticate(request, username, password) if directory.enabled() else None
            if user is None:
                user = super().authenticate(request, username=username, password=password, **kwargs)
        finally:  # an error while checking leaves the attempt counted as a failure
            attempt.settle(ok=user is not None)
        return user

    def get_user(self, user_id):
        """The session's user with their department and every role they hold, in the same query: most permission
        checks ask for them. Read on every request, so a role taken away counts from the next request on."""
        from django.contrib.auth import get_user_model

        from core.permissions import remember_every_role

        every_role = _every_role_sql()
        users = get_user_model()._default_manager.select_related("department")
        if every_role is not None:
            users = users.annotate(propdesk_every_role=RawSQL(every_role, ()))
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        if every_role is not None:
            remember_every_role(user, user.__dict__.pop("propdesk_every_role"))
        return user if self.user_can_authenticate(user) else None

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


class AccountLocked(exceptions.AuthenticationFailed):
    """401 with the lock's code: account_locked, or address_locked for the client address's lock."""

    default_code = lockout.ACCOUNT_LOCKED

    def __init__(self, refusal: lockout.Refusal):
        super().__init__(locked_message(refusal), code=refusal.code)
        self.refusal_code = refusal.code


class LockoutBasicAuthentication(BasicAuthentication):
    """HTTP basic auth answering `account_locked` / `address_locked` (401) while a lock holds."""

    def authenticate_credentials(self, userid, password, request=None):
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            refusal = refusal_of(request)
            if refusal is not None:
                raise AccountLocked(refusal) from None
            raise


class LoginForm(AuthenticationForm):
    """The sign-in form: says plainly when the account (or the address) is locked, and for how long."""

    locked = False
    lock_code = ""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            refusal = refusal_of(self.request)
            if refusal is None:
                raise
            self.locked, self.lock_code = True, refusal.code
            raise forms.ValidationError(locked_message(refusal), code=refusal.code) from None


class LockoutBasicScheme(BasicScheme):
    """The OpenAPI schema describes LockoutBasicAuthentication as plain HTTP basic auth."""

    target_class = "core.auth.LockoutBasicAuthentication"


def _every_role_sql() -> str | None:
    """A correlated subquery giving the user's roles as "project:role,…" (None on a database without one)."""
    from django.db import connection

    from core.models import Membership, User

    aggregate = {"postgresql": "string_agg(m.project_id::text || ':' || m.role, ',')",
                 "sqlite": "group_concat(m.project_id || ':' || m.role, ',')"}.get(connection.vendor)
    if aggregate is None:
        return None
    return (f"SELECT {aggregate} FROM {Membership._meta.db_table} m "
            f"WHERE m.user_id = {User._meta.db_table}.id")
