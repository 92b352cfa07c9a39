"""WSGI entry point for gunicorn: `gunicorn timba.wsgi`."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timba.settings")
application = get_wsgi_application()
if not settings.DEBUG and not settings.SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off")
