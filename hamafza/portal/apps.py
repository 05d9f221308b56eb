from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "hamafza.portal"
    label = "portal"

    def ready(self) -> None:
        from hamafza.newsroom import preview

        from .preview import render_preview

        preview.register(render_preview)

        from . import invalidation

        invalidation.connect()
