"""Real consent values for tests: one family (Rosa, her daughter Maya), a tutor, a school."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from consent import Grant, Granted, Grantor, Recipient, RecipientKind, Role, SignatureEvidence, StudentFacts, Viewer

UTC = timezone.utc
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)

MAYA = StudentFacts(student_id="s-maya", birth_date=date(2012, 5, 14), emancipated=False, school_id="school-1")
LUIS = StudentFacts(student_id="s-luis", birth_date=date(2010, 1, 2), emancipated=False, school_id="school-2")
ROSA = Grantor(account_id="acct-rosa", role=Role.GUARDIAN, display_name="Rosa Hernández")
LEE = Recipient(kind=RecipientKind.TUTOR, display_name="Ms. Lee", account_id="acct-lee")

ROSA_VIEWER = Viewer(account_id="acct-rosa", roles=frozenset({Role.GUARDIAN}), guardian_links={"s-maya": False})
LEE_VIEWER = Viewer(account_id="acct-lee", roles=frozenset({Role.RECIPIENT}))
STRANGER = Viewer(account_id="acct-nobody", roles=frozenset({Role.RECIPIENT}))

EVIDENCE = SignatureEvidence(
    credential_id="cred-1",
    authenticator_data_sha256="a" * 64,
    signature="MEUCIQDsig",
    client_data_sha256="c" * 64,
    user_verified=True,
)


def make_grant(**overrides) -> Grant:
    values = dict(
        grant_id="g1",
        student_id=MAYA.student_id,
        granted_by=ROSA,
        recipient=LEE,
        categories=frozenset({"grades", "state_tests"}),
        purpose="help with math",
        starts_at=T0,
        ends_at=T0 + 30 * DAY,
        may_contribute=False,
        created_at=T0,
    )
    values.update(overrides)
    return Grant(**values)


def granted(grant: Grant, evidence: SignatureEvidence | None = EVIDENCE) -> Granted:
    return Granted(grant=grant, at=grant.created_at, by=grant.granted_by.account_id, evidence=evidence)


def adult_on(student: StudentFacts, day: date) -> StudentFacts:
    """The same student with a birth date that makes them exactly 18 on `day`."""
    return StudentFacts(student.student_id, day.replace(year=day.year - 18), student.emancipated, student.school_id)
