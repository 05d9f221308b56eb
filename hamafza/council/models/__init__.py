from .campaigns import Campaign, CampaignItem, ContentKitFile, ProgramProposal
from .feeds import CalendarFeed
from .meetings import ActivityReport, AgendaItem, Attendance, Meeting, Resolution
from .tasks import Notice, ProgressUpdate, Task, TaskReminder

__all__ = [
    "ActivityReport", "AgendaItem", "Attendance", "CalendarFeed", "Campaign", "CampaignItem", "ContentKitFile",
    "Meeting", "Notice", "ProgramProposal", "ProgressUpdate", "Resolution", "Task", "TaskReminder",
]
