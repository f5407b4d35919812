"""Placeholder settings; replaced by the platform foundation work (issue 5)."""

SECRET_KEY = "placeholder-for-tests-only"
INSTALLED_APPS: list[str] = []
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
