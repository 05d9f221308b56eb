from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hamafza.core"
    verbose_name = "Core"
