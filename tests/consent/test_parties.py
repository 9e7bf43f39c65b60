import pytest

from consent import RECIPIENT_KINDS, Grantor, Recipient, RecipientKind, Role, Viewer, recipient_kind


def test_five_recipient_kinds_with_plain_labels():
    assert [(k.value, k.label) for k in RECIPIENT_KINDS] == [
        ("tutor", "Tutor"),
        ("afterschool_program", "Afterschool program"),
        ("college", "College or university"),
        ("other_organisation", "Other organisation"),
        ("relative", "Relative"),
    ]


def test_recipient_kind_from_form_value_and_plain_refusal():
    assert recipient_kind("college") is RecipientKind.COLLEGE
    with pytest.raises(ValueError, match="Choose who you are sharing with: tutor, afterschool program"):
        recipient_kind("spy")


def test_only_guardian_or_student_can_grant():
    assert Grantor("a", "student", "Maya").role is Role.STUDENT
    with pytest.raises(ValueError, match="only a guardian or the student"):
        Grantor("a", Role.STAFF, "Principal")


def test_recipient_needs_an_account_or_an_invitation():
    with pytest.raises(ValueError, match="account id or an invitation id"):
        Recipient(RecipientKind.TUTOR, "Ms. Lee")
    assert Recipient("relative", "Grandma", invitation_id="inv-1").kind is RecipientKind.RELATIVE
    with pytest.raises(ValueError, match="name"):
        Recipient(RecipientKind.TUTOR, "  ", account_id="x")


def test_viewer_matches_grant_by_account_or_accepted_invitation():
    invited = Recipient(RecipientKind.TUTOR, "Ms. Lee", invitation_id="inv-7")
    viewer = Viewer("acct-lee", {"recipient"}, accepted_invitation_ids=["inv-7"])
    assert viewer.roles == frozenset({Role.RECIPIENT})
    assert viewer.is_recipient_of(invited)
    assert viewer.is_recipient_of(Recipient(RecipientKind.TUTOR, "Ms. Lee", account_id="acct-lee"))
    assert not Viewer("acct-lee", {"recipient"}).is_recipient_of(invited)
    assert not viewer.is_recipient_of(Recipient(RecipientKind.TUTOR, "Other", account_id="acct-other"))


def test_viewer_guardian_links_cannot_be_changed_after_loading():
    links = {"s1": False}
    viewer = Viewer("a", {Role.GUARDIAN}, guardian_links=links)
    links["s2"] = False
    assert dict(viewer.guardian_links) == {"s1": False}
    with pytest.raises(TypeError):
        viewer.guardian_links["s3"] = True
    assert hash(viewer) == hash(Viewer("a", {Role.GUARDIAN}, guardian_links={"s1": False}))
