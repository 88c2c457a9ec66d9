"""Password checks that honour the lockout (CORE-6): the sign-in page, API basic auth, admin."""
from __future__ import annotations

from django import forms
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication

from core import lockout


def locked_message(until) -> str:
    return _("Too many failed sign-in attempts: this account is locked for %(minutes)s minutes. "
             "Try again later.") % {"minutes": lockout.minutes_left(until)}


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses a locked username without checking its password and counts failures."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field())
        if username is None or password is None:
            return None
        if lockout.locked_until(username):
            raise PermissionDenied("account locked")  # stops authenticate(): no other backend is asked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            lockout.record_failure(username)
        else:
            lockout.record_success(username)
        return user

    def get_user(self, user_id):
        """The session's user with their department in the same query: most permission checks ask for it."""
        from django.contrib.auth import get_user_model

        try:
            user = get_user_model()._default_manager.select_related("department").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


class AccountLocked(exceptions.AuthenticationFailed):
    default_code = "account_locked"


class LockoutBasicAuthentication(BasicAuthentication):
    """HTTP basic auth answering `account_locked` (401) while the username is locked."""

    def authenticate_credentials(self, userid, password, request=None):
        until = lockout.locked_until(userid)
        if until:
            raise AccountLocked(locked_message(until))
        return super().authenticate_credentials(userid, password, request)


class LoginForm(AuthenticationForm):
    """The sign-in form: says plainly when the account is locked, and for how long."""

    locked = False

    def clean(self):
        username = self.cleaned_data.get("username")
        until = lockout.locked_until(username) if username else None
        if until:
            self.locked = True
            raise forms.ValidationError(locked_message(until), code="account_locked")
        return super().clean()


class LockoutBasicScheme(BasicScheme):
    """The OpenAPI schema describes LockoutBasicAuthentication as plain HTTP basic auth."""

    target_class = "core.auth.LockoutBasicAuthentication"
