from django.apps import AppConfig
from django.db.backends.signals import connection_created


class PortalConfig(AppConfig):
    name = "gongkai.web.portal"
    label = "portal"
    verbose_name = "门户"

    def ready(self) -> None:
        from gongkai.web.database import on_connection_created

        # Refuse a non-UTF-8 PostgreSQL database on every new connection (docs/platform.md).
        connection_created.connect(on_connection_created, dispatch_uid="gongkai-utf8-guard")
