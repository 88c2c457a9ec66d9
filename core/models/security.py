"""Failed-password throttling for sign-in and credential checks (CORE-6, OWASP ASVS 2.2.1)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Throttle(models.Model):
    """Attempts counted against one key, shared by every process (kept in the database, because the
    embedded deployment has no shared cache). `failures` counts wrong passwords and the checks still in
    flight (core.lockout reserves an attempt before the password is checked)."""

    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField(null=True)
    locked_until = models.DateTimeField(null=True)
    lockouts = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True)

    class Meta:
        abstract = True


class LoginThrottle(Throttle):
    """Failed password attempts for one username."""

    username = models.CharField(_("username"), max_length=150, unique=True)

    class Meta:
        verbose_name = _("sign-in throttle")
        verbose_name_plural = _("sign-in throttles")

    def __str__(self) -> str:
        return f"{self.username}: {self.failures} failures, locked until {self.locked_until}"


class AddressThrottle(Throttle):
    """Failed password attempts from one client address, whatever usernames they tried (password spraying)."""

    address = models.CharField(_("address"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("sign-in address throttle")
        verbose_name_plural = _("sign-in address throttles")

    def __str__(self) -> str:
        return f"{self.address}: {self.failures} failures, locked until {self.locked_until}"
