from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "hamafza.search"
    verbose_name = "Search"

    def ready(self) -> None:
        from hamafza.newsroom.signals import item_changed

        from .tasks import enqueue_index

        def reindex_item(sender, item_id: int, **kwargs) -> None:
            enqueue_index(item_id)

        item_changed.connect(reindex_item, dispatch_uid="search-reindex-item", weak=False)
