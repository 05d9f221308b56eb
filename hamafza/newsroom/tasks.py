"""Background work of the newsroom, run by the task worker."""

from django_tasks import task

from . import actions


@task()
def publish_scheduled_item(item_id: int) -> bool:
    return actions.do_publish_scheduled(item_id)


@task()
def make_video_poster(video_id: int) -> str:
    from .video import make_poster

    return make_poster(video_id)
