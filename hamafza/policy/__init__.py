"""The one place that answers "may this person do this to that object?".

Every view, API endpoint, export and media URL of an unpublished item asks here; nobody reads a
guarded item with `objects.get` directly. Views use the `access_*` helpers: 404 for an item the
person may not see (the same answer as for a missing one), 403 for one they may only read.

Who sees a news item:
- a published item: everyone, signed in or not;
- its lead agency's staff and head: always;
- a supporting agency's staff and head: once that agency has accepted (ItemAgency.accepted_at);
- the secretariat and observers of a council the lead agency sits on: once it has been submitted
  (submitted, scheduled, published, unpublished — not a draft, nor one returned for changes);
- a site admin (is_superuser): everything.

Who changes it (observers never change anything; secretariat and observers only read items):
- edit: lead-agency staff while it is a draft or returned; the lead head also while it is
  submitted or scheduled, and a published item (a correction); a supporting agency that accepted
  and was granted editing, while it is a draft or returned;
- submit: lead-agency staff or head, from draft or returned;
- approve / return / publish: the lead agency's head, on a submitted item — but not one they wrote
  unless the agency allows self-approval; publish also a scheduled (now) or unpublished item;
- unpublish: the lead head, on a published or scheduled item;
- revisions and comments: the lead agency and accepted supporting agencies.
A site admin may do everything.

The rules live in one module per concept (base: roles; items; media; video; council; cooperation;
live; notices; press; coverage; reach; reporting; scorecard; distribution; audit; operations); callers use this package only: `from hamafza import policy`.
"""

from .audit import access_api_token, audit_councils_scope, can_view_audit, visible_audit_events
from .base import ANONYMOUS, EDITABLE_BY_HEAD, EDITABLE_BY_STAFF, REVIEW_STATES, Roles, forget_roles, pk_or_404, roles_of
from .cooperation import (
    access_amplification, access_help_request, access_resource, booking_agencies, can_accept_offer,
    can_answer_amplification, can_book_resource, can_cancel_booking, can_edit_resource,
    can_manage_help_request, can_offer_help, can_request_amplification, can_retire_resource,
    can_view_amplification, can_view_help_request, can_view_reciprocity, can_view_resource,
    can_withdraw_amplification, can_work_in_council, my_agencies_in_council, offering_agencies,
    reciprocity_agencies, visible_help_requests, visible_resource_agencies, visible_targets,
)
from .council import (
    access_campaign, access_meeting, access_proposal, access_report, access_task, can_edit_proposal,
    can_edit_report, can_keep_calendar_feed, can_manage_campaign, can_manage_council, can_manage_meeting,
    can_manage_task, can_oversee_council, can_propose, can_propose_for, can_report_progress,
    can_review_proposal, can_view_agency_work, can_view_council, can_view_meeting, viewable_councils,
    visible_meetings, visible_proposals, visible_tasks,
)
from .coverage import (
    can_keep_alert, can_manage_feed, can_review_coverage, can_view_bulletin, can_view_coverage,
    can_view_item_coverage, coverage_agencies, feed_agencies,
)
from .distribution import (
    access_channel, access_delivery, access_new_channel, allowed_platforms, can_add_channel, can_manage_channel,
    can_resolve_delivery, can_set_platforms, can_use_channel, can_view_channel, can_view_delivery_troubles,
    channel_platform, kept_without_council, on_no_council, platform_allowed, troubled_deliveries, visible_channels,
)
from .items import (
    access_image, access_item, can_add_image, can_approve, can_comment, can_create_item, can_edit_image,
    can_open_media_library,
    can_edit_item, can_grant_role, can_invite, can_invite_supporting, can_publish, can_respond_to_support,
    can_return, can_see_revisions, can_submit, can_unpublish, can_use_image, can_view_item, council_partners,
    council_sees_status, invitable_agencies, invite_choices, library_agencies, visible_items,
)
from .live import (
    access_entity, access_live_event, access_live_update, can_correct_update, can_manage_board,
    can_manage_live_event, can_open_live_event, can_post_update, can_publish_directly, can_publish_update,
    can_set_direct_publishing, can_set_status, can_view_update, live_agencies_of, open_event_councils,
)
from .media import campaign_is_public, can_view_media, is_public_media, media_master_name, media_rule
from .notices import can_configure_notices, can_keep_notice_settings, can_reach_through_council
from .operations import can_view_health
from .press import (
    access_journalist, access_outlet, access_press_list, access_release, can_embargo_release, can_release_item,
    can_work_on_press, press_agencies, press_councils, usable_press_lists, visible_journalists, visible_outlets,
)
from .reach import access_reach_agency, can_read_reach, channel_gets_views_indicator, reach_agencies
from .reporting import (
    access_indicator, access_report_job, access_reporting_agency, can_approve_values, can_compile_report,
    can_enter_values, can_read_reporting, report_councils, reporting_agencies,
)
from .scorecard import (
    access_scorecard_agency, can_configure_scorecard, can_see_whole_scorecard, scorecard_agencies, scorecard_councils,
)
from .video import can_set_video, can_view_video_file

from . import audit, base, cooperation, council, coverage, distribution, items, live, media, notices, operations, press, reach, reporting, scorecard, video

# Every rule of every concept module, each imported by name above (the form type checkers read).
__all__: list[str] = []
__all__ += audit.__all__
__all__ += base.__all__
__all__ += cooperation.__all__
__all__ += council.__all__
__all__ += coverage.__all__
__all__ += distribution.__all__
__all__ += items.__all__
__all__ += live.__all__
__all__ += media.__all__
__all__ += notices.__all__
__all__ += operations.__all__
__all__ += press.__all__
__all__ += reach.__all__
__all__ += reporting.__all__
__all__ += scorecard.__all__
__all__ += video.__all__
