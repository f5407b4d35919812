from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WorkCalendarConfig(AppConfig):
    name = "gongkai.web.calendar"
    label = "workcalendar"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from . import services

        post_migrate.connect(services.seed_after_migrate, sender=self)
        services.connect_change_signals()
