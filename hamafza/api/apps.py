from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hamafza.api"
    label = "hamafza_api"
