from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "gongkai.web.tasks"
    label = "gongkai_tasks"
    verbose_name = "后台任务"
    default_auto_field = "django.db.models.BigAutoField"
