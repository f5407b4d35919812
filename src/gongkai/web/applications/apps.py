from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.web.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        # Recompute stored due dates when the working-day calendar changes.
        from . import signals  # noqa: F401
