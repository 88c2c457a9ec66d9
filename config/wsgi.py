import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# An app server runs no system checks: say it here too when the public development secret is in use.
from django.conf import settings  # noqa: E402

from core.key_safety import DEV_SECRET  # noqa: E402

if settings.SECRET_KEY == DEV_SECRET:
    sys.stderr.write("WARNING (propdesk.W001): PropDesk is serving with the PUBLIC development secret key. "
                     "Set DJANGO_SECRET_KEY, PROPDESK_FIELD_KEY and PROPDESK_ENV=production for real data.\n")
