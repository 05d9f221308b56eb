from .campaigns import Campaign, CampaignItem, ContentKitFile, ProgramProposal
from .feeds import CalendarFeed
from .meetings import ActivityReport, AgendaItem, Attendance, Meeting, Resolution
from .tasks import ProgressUpdate, Task, TaskReminder

__all__ = [
    "ActivityReport", "AgendaItem", "Attendance", "CalendarFeed", "Campaign", "CampaignItem", "ContentKitFile",
    "Meeting", "ProgramProposal", "ProgressUpdate", "Resolution", "Task", "TaskReminder",
]
