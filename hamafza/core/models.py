from django.db import models


class ScheduledJob(models.Model):
    """When each periodic job of the scheduler runs next. A pass claims a job with a conditional
    UPDATE on this row, so two scheduler processes never run the same job twice."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_result = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.name
