from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "hamafza.portal"
    label = "portal"
