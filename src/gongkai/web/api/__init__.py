"""The HTTP API (``/api/``): django-ninja endpoints acting for one agency through its API tokens (docs/api.md)."""
