from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "hamafza.search"
    verbose_name = "Search"
