"""Background work of performance reporting (django-tasks)."""

import dataclasses
import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from hamafza.agencies.registry import get_registry

from . import periods, report
from .models import ReportJob

logger = logging.getLogger("hamafza.reporting")
J = ReportJob.Status


@task()
def build_report_pdf(job_id: int) -> None:
    # Claim the job: two workers never build the same one.
    if not ReportJob.objects.filter(pk=job_id, status=J.QUEUED).update(status=J.RUNNING, progress=5):
        return
    job = ReportJob.objects.get(pk=job_id)

    def progress(percent: int) -> None:
        ReportJob.objects.filter(pk=job_id).update(progress=max(5, min(percent, 99)))

    try:
        council = get_registry().councils[job.council_id]
        period = periods.span(job.start_year, job.start_month, job.end_year, job.end_month, job.title)
        if job.first_day and job.last_day:  # a campaign
            period = dataclasses.replace(period, first_day=job.first_day, last_day=job.last_day)
        data = report.build(council, period, progress=progress)
        progress(75)
        pdf, seconds = report.render_pdf(data)
        job.file.save(f"report-{job.pk}.pdf", ContentFile(pdf), save=False)
        ReportJob.objects.filter(pk=job_id).update(status=J.DONE, progress=100, file=job.file.name, seconds=seconds,
                                                   finished_at=timezone.now())
    except Exception as exc:  # the job shows as failed; the log keeps the trace
        logger.exception("report %s failed", job_id)
        ReportJob.objects.filter(pk=job_id).update(status=J.FAILED, error=str(exc)[:1000], finished_at=timezone.now())


@task()
def warm_agency_charts(agency_id: int) -> None:
    """After an approval: render the agency's dashboard charts before anyone asks for them."""
    from . import charts

    charts.warm_agency(agency_id)
