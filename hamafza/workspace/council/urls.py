from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/<int:campaign_id>/", views.campaign, name="campaign"),
    path("proposals/<int:proposal_id>/", views.proposal, name="proposal"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/feed/", views.calendar_feed, name="calendar_feed"),
    path("ical/<str:token>.ics", views.ical, name="ical"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:meeting_id>/", views.meeting, name="meeting"),
    path("meetings/<int:meeting_id>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("reports/<int:report_id>/", views.report, name="report"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/mine/", views.my_tasks, name="my_tasks"),
    path("tasks/desk/", views.desk_tasks, name="desk_tasks"),
    path("tasks/<int:task_id>/", views.task, name="task"),
    path("compliance/", views.compliance, name="compliance"),
]
