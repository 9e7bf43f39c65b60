from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from consent import DURATION_CHOICES, Role, grant_window

LA = ZoneInfo("America/Los_Angeles")
START = datetime(2026, 3, 1, 14, 30, tzinfo=LA)
CHILD = date(2014, 9, 1)  # 11 on START
YEAR_END = date(2026, 6, 12)


def window(choice, **kw):
    args = dict(start=START, student_birth_date=CHILD, granted_by_role=Role.GUARDIAN, school_year_end=YEAR_END)
    args.update(kw)
    return grant_window(choice, **args)


@pytest.mark.parametrize("choice, days", [("one_time", 7), ("days_30", 30), ("days_90", 90)])
def test_fixed_lengths(choice, days):
    result = window(choice)
    assert (result.starts_at, result.ends_at, result.clipped_at_18) == (START, START + timedelta(days=days), False)


def test_end_of_school_year_covers_the_whole_last_day():
    assert window("end_of_school_year").ends_at == datetime(2026, 6, 13, tzinfo=LA)


def test_until_a_date_covers_that_whole_day_and_allows_13_months():
    assert window("until", until=date(2026, 4, 3)).ends_at == datetime(2026, 4, 4, tzinfo=LA)
    assert window("until", until=date(2027, 4, 1)).ends_at == datetime(2027, 4, 2, tzinfo=LA)


def test_more_than_13_months_is_refused_with_the_last_allowed_day():
    with pytest.raises(ValueError, match="at most 13 months, so it must end by 1 April 2027"):
        window("until", until=date(2027, 4, 2))
    with pytest.raises(ValueError, match="at most 13 months"):
        window("end_of_school_year", school_year_end=date(2027, 6, 30))


@pytest.mark.parametrize(
    "choice, kw, message",
    [
        ("forever", {}, "Choose how long to share: one time"),
        ("", {}, "Choose how long to share"),
        ("until", {}, "Choose the last day"),
        ("until", {"until": date(2026, 2, 28)}, "cannot be in the past"),
        ("end_of_school_year", {"school_year_end": None}, "not known yet"),
        ("end_of_school_year", {"school_year_end": date(2025, 6, 12)}, "already ended"),
        ("days_30", {"granted_by_role": "recipient"}, "Only a parent or guardian, or the student"),
        ("days_30", {"start": datetime(2026, 3, 1)}, "timezone"),
    ],
)
def test_invalid_choices_get_plain_words(choice, kw, message):
    with pytest.raises(ValueError, match=message):
        window(choice, **kw)


def test_guardian_grant_is_clipped_before_the_18th_birthday_and_says_so():
    nearly_18 = date(2008, 3, 20)
    result = window("days_90", student_birth_date=nearly_18)
    assert result.ends_at == datetime(2026, 3, 20, tzinfo=LA)
    assert result.clipped_at_18
    assert result.note.startswith("Sharing will end on 19 March 2026, the day before the student turns 18.")


def test_guardian_cannot_grant_for_an_adult_or_emancipated_student():
    with pytest.raises(ValueError, match="only the student can share"):
        window("days_30", student_birth_date=date(2008, 3, 1))  # 18 today
    with pytest.raises(ValueError, match="only the student can share"):
        window("days_30", emancipated=True)


def test_student_grants_only_once_they_hold_the_rights_and_is_not_clipped():
    with pytest.raises(ValueError, match="Until the student turns 18"):
        window("days_30", granted_by_role="student")
    adult = window("days_90", student_birth_date=date(2008, 3, 1), granted_by_role="student")
    assert adult.ends_at == START + timedelta(days=90) and not adult.clipped_at_18
    assert window("days_30", granted_by_role=Role.STUDENT, emancipated=True).ends_at == START + timedelta(days=30)


def test_window_uses_the_timezone_of_the_start():
    utc_start = START.astimezone(timezone.utc)
    result = window("until", start=utc_start, until=date(2026, 4, 3))
    assert result.ends_at == datetime(2026, 4, 4, tzinfo=timezone.utc)


def test_form_choices_are_the_five_of_the_design():
    assert [code for code, _ in DURATION_CHOICES] == ["one_time", "days_30", "days_90", "end_of_school_year", "until"]
