from datetime import date, datetime, timezone

from consent import (
    SYSTEM, EndedAt18, Grantor, GrantStatus, Revoked, Role, StudentFacts, eighteenth_birthday, fold_grants,
    guardian_grants_ending, rights_holder,
)

from .factories import DAY, T0, granted, make_grant


def test_rights_pass_to_the_student_on_the_18th_birthday():
    born = date(2008, 5, 14)
    assert rights_holder(born, False, date(2026, 5, 13)) == "guardian"
    assert rights_holder(born, False, date(2026, 5, 14)) == "student"
    assert rights_holder(born, False, datetime(2026, 5, 14, 0, 1, tzinfo=timezone.utc)) == "student"


def test_emancipation_passes_rights_before_18():
    assert rights_holder(date(2012, 1, 1), True, date(2026, 1, 1)) == "student"


def test_leap_day_birthday_turns_18_on_28_february():
    assert eighteenth_birthday(date(2008, 2, 29)) == date(2026, 2, 28)
    assert eighteenth_birthday(date(2012, 2, 29)) == date(2030, 2, 28)
    assert eighteenth_birthday(date(2014, 2, 28)) == date(2032, 2, 28)


def test_guardian_grants_still_live_or_waiting_end_when_rights_pass():
    student = StudentFacts("s-maya", date(2008, 3, 10), False, "school-1")
    maya = Grantor("acct-maya", Role.STUDENT, "Maya")
    events = [
        granted(make_grant(grant_id="live")),
        granted(make_grant(grant_id="waiting", starts_at=T0 + 20 * DAY, ends_at=T0 + 25 * DAY)),
        granted(make_grant(grant_id="revoked")),
        Revoked(grant_id="revoked", at=T0 + DAY, by="acct-rosa"),
        granted(make_grant(grant_id="short", ends_at=T0 + 2 * DAY)),
        granted(make_grant(grant_id="other-child", student_id="s-luis")),
    ]
    states = list(fold_grants(events, T0 + 9 * DAY).values())
    birthday = datetime(2026, 3, 10, tzinfo=timezone.utc)
    assert guardian_grants_ending(states, student, birthday - DAY) == []
    ending = guardian_grants_ending(states, student, birthday)
    assert ending == [EndedAt18(grant_id="live", at=birthday, by=SYSTEM), EndedAt18(grant_id="waiting", at=birthday, by=SYSTEM)]
    after = fold_grants(events + ending, birthday)
    assert after["live"].status is GrantStatus.ENDED_AT_18 and after["waiting"].status is GrantStatus.ENDED_AT_18

    by_student = granted(make_grant(grant_id="hers", granted_by=maya, starts_at=birthday, ends_at=birthday + DAY, created_at=birthday))
    hers = fold_grants([by_student], birthday).values()
    assert guardian_grants_ending(hers, student, birthday) == []
