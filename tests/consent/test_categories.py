from consent import CATEGORIES, CATEGORY_CODES, category


def test_sixteen_categories_with_stable_codes():
    assert len(CATEGORIES) == 16
    assert len(set(CATEGORY_CODES)) == 16
    assert CATEGORY_CODES[0] == "demographics" and CATEGORY_CODES[-1] == "activities"


def test_sensitive_categories_are_exactly_the_three_in_the_design():
    assert {c.code for c in CATEGORIES if c.sensitive} == {"behavior", "supports", "early_warning"}


def test_halves():
    assert category("narratives").half == "profile"
    assert category("grades").half == "backpack"


def test_unknown_code_is_named():
    import pytest

    with pytest.raises(KeyError, match="nope"):
        category("nope")
