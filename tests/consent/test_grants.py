from dataclasses import FrozenInstanceError
from datetime import datetime

import pytest

from consent import PURPOSE_MAX_LENGTH, clean_purpose

from .factories import DAY, T0, make_grant


def test_grant_is_a_frozen_value_with_categories_as_frozenset():
    grant = make_grant(categories=["grades", "grades", "attendance"])
    assert grant.categories == frozenset({"grades", "attendance"})
    with pytest.raises(FrozenInstanceError):
        grant.purpose = "other"


def test_categories_are_checked_against_the_sixteen():
    with pytest.raises(ValueError, match="unknown sharing categories: shoe_size"):
        make_grant(categories={"grades", "shoe_size"})
    with pytest.raises(ValueError, match="at least one"):
        make_grant(categories=set())
    with pytest.raises(ValueError, match="not one string"):
        make_grant(categories="grades")


def test_purpose_is_required_trimmed_and_limited():
    assert make_grant(purpose="  help   with\nmath ").purpose == "help with math"
    with pytest.raises(ValueError, match="Say why you are sharing"):
        make_grant(purpose="   ")
    assert len(clean_purpose("x" * PURPOSE_MAX_LENGTH)) == PURPOSE_MAX_LENGTH
    with pytest.raises(ValueError, match="under 200 characters"):
        make_grant(purpose="x" * (PURPOSE_MAX_LENGTH + 1))


@pytest.mark.parametrize("field", ["starts_at", "ends_at", "created_at"])
def test_naive_datetimes_are_refused(field):
    with pytest.raises(ValueError, match="timezone"):
        make_grant(**{field: datetime(2026, 3, 5, 9, 0)})


def test_window_must_end_after_it_starts_and_last_at_most_13_months():
    with pytest.raises(ValueError, match="end after it starts"):
        make_grant(ends_at=T0)
    # T0 is 1 March 2026: the last allowed day is 1 April 2027
    assert make_grant(ends_at=datetime(2027, 4, 2, tzinfo=T0.tzinfo)).ends_at.day == 2
    with pytest.raises(ValueError, match="at most 13 months, so it must end by 1 April 2027"):
        make_grant(ends_at=datetime(2027, 4, 2, tzinfo=T0.tzinfo) + DAY / 24)


def test_may_contribute_must_be_a_real_boolean():
    with pytest.raises(ValueError, match="True or False"):
        make_grant(may_contribute="yes")
