from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "gongkai.web.ops"
    label = "ops"
    verbose_name = "运维"
    default_auto_field = "django.db.models.BigAutoField"
