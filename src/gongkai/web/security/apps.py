from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "gongkai.web.security"
    label = "security"
    verbose_name = "安全"
