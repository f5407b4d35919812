from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "gongkai.web.disclosures"
    label = "disclosures"
    verbose_name = "主动公开"
