"""Goals with check-ins, and activities with service hours (and their confirmation by a recipient).

The caller commits. A confirmation names who confirmed and under which grant; changing the hours
afterwards would need a new confirmation, so activities are removed and added again rather than edited.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from webapp.models import Account, Activity, Goal, GoalCheckIn, Grant, Student


def add_goal(session: Session, student: Student, values: dict) -> Goal:
    goal = Goal(student_id=student.id, title=values["title"], detail=values["detail"], target_on=values["target_on"],
                visibility=values["visibility"])
    session.add(goal)
    session.flush()
    return goal


def check_in(session: Session, goal: Goal, values: dict, now: datetime | None = None) -> GoalCheckIn:
    """A check-in; "done" closes the goal (a later check-in without it opens it again)."""
    now = now or datetime.now(timezone.utc)
    row = GoalCheckIn(goal_id=goal.id, at=now, note=values["note"], progress=values["progress"])
    session.add(row)
    if values.get("done"):
        goal.status, goal.done_at = "done", now
    elif goal.status == "done":
        goal.status, goal.done_at = "active", None
    session.flush()
    return row


def add_activity(session: Session, student: Student, values: dict) -> Activity:
    row = Activity(student_id=student.id, **{k: values[k] for k in (
        "kind", "title", "organization", "started_on", "ended_on", "hours", "description", "visibility")})
    session.add(row)
    session.flush()
    return row


def confirm_activity(activity: Activity, grant: Grant, by: Account, now: datetime | None = None) -> None:
    """A recipient allowed to contribute (policy.may_contribute) confirms the hours, under `grant`."""
    activity.confirmed_at = now or datetime.now(timezone.utc)
    activity.confirmed_by_account_id = by.id
    activity.confirmed_by_name = by.display_name
    activity.confirmed_by_kind = grant.recipient_kind
    activity.confirmed_grant_id = grant.id
