"""WSGI entry point (served by waitress through ``gongkai serve``, or by any WSGI server)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
application = get_wsgi_application()
