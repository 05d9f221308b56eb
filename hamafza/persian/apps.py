from django.apps import AppConfig


class PersianConfig(AppConfig):
    name = "hamafza.persian"
    verbose_name = "Persian"
