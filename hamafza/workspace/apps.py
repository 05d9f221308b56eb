from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "hamafza.workspace"
    label = "workspace"
