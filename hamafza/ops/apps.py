from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "hamafza.ops"
    verbose_name = "Operations"
