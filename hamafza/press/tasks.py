"""Releases leave through the task worker, so that a slow mail server never slows the page."""

from django_tasks import task


@task()
def send_release(release_id: int) -> int:
    from .sending import send_release as send

    return send(release_id)
