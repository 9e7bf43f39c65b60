"""The record as a Comprehensive Learner Record 2.0 (ClrCredential), signed by the district.

Built from the read model, one OB 3.0 AchievementCredential per thing the student achieved:
  - each course record (achievementType Course): final grade, credits, term;
  - each state test result (Assessment): scale score and achievement level (a rubric level);
  - English learning milestones: reclassification (RFEP), the State Seal of Biliteracy;
  - personal bests from the learner profile, when the read model carries them.
The ClrSubject also lists the UC a–g subject requirements (what the learner works toward), and
associations tie courses to their a–g subject, each grade's test result to the next grade's,
and reclassification to the ELPAC that preceded it.

Achievement ids are stable (uuid5 of the district and what the achievement is), so the same
course or test reads as the same achievement in every student's record. The envelope and the
signing are webapp.credentials'; only what the record says is decided here.
"""
from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import date
from typing import Any, Optional

from flask_babel import force_locale, gettext as _

from webapp import codes
from webapp.credentials import SigningKey, sign_credential
from webapp.credentials.clr import achievement_credential, clr_credential, clr_subject, district_profile
from webapp.store.parts import Score, level_code_set

from .record import ExportRecord

_NAMESPACE = uuid.UUID("0b8a6c3e-5f7d-5a2b-9e41-6d3c2f1a7b90")
SSID_IDENTITY_TYPE = "ext:CaliforniaSSID"
LEVEL_CODES = ("1", "2", "3", "4", "5")


class NothingToIssue(ValueError):
    """The record holds no course, test result or milestone; CLR 2.0 needs at least one credential."""


def build_clr(record: ExportRecord, key: SigningKey) -> dict:
    """The signed ClrCredential (each nested credential signed too), worded in the record's language."""
    with force_locale(record.lang):
        builder = _Builder(record, key)
        builder.collect()
        if not builder.credentials:
            raise NothingToIssue(_("This record has no courses, state test results or milestones to put in a "
                                   "learner record yet."))
        subject = clr_subject(builder.subject_id, builder.credentials, builder.requirements.values(),
                              builder.associations())
        subject["identifier"] = _identifiers(record)
        unsigned = clr_credential(
            issuer=builder.issuer, subject=subject, valid_from=record.generated_at,
            name=_("Comprehensive Learner Record of %(name)s", name=record.student_name),
            description=_("Courses, state test results and milestones from the school record, issued by %(district)s.",
                          district=builder.issuer["name"]),
        )
        unsigned["awardedDate"] = unsigned["validFrom"]
        if set(record.categories) < set(CLR_CATEGORIES):
            unsigned["partial"] = True
        return sign_credential(unsigned, key, created=record.generated_at)


CLR_CATEGORIES = ("demographics", "grades", "state_tests", "english_learning", "personal_bests")


class _Builder:
    def __init__(self, record: ExportRecord, key: SigningKey):
        self.record = record
        self.key = key
        self.district = record.backpack.demographics.district
        self.issuer = district_profile(key.did, record.district_name or _("School district"))
        self.subject_id = _urn(f"learner/{record.backpack.public_id}")
        self.credentials: list[dict] = []
        self.requirements: dict[str, dict] = {}  # a–g area code -> Achievement
        self._links: dict[tuple[str, str, str], None] = {}

    def collect(self) -> None:
        chosen = set(self.record.categories)
        if "grades" in chosen:
            self._courses()
        if "state_tests" in chosen:
            self._state_tests()
        if "english_learning" in chosen:
            self._reclassification()
        if "demographics" in chosen:
            self._seals()
        if "personal_bests" in chosen:
            self._personal_bests()

    def associations(self) -> list[dict]:
        return [{"type": "Association", "associationType": kind, "sourceId": source, "targetId": target}
                for source, kind, target in self._links]

    # --- courses --------------------------------------------------------------------------

    def _courses(self) -> None:
        for year in self.record.backpack.grades.years:
            for term in year.terms:
                for course in term.courses:
                    achievement_id = self._id("course", course.local_course_id, course.state_course_code)
                    grade_id = self._id("course", course.local_course_id, course.state_course_code, "final-grade")
                    achievement = {
                        "id": achievement_id, "type": ["Achievement"], "achievementType": "Course",
                        "name": course.name,
                        "description": _("%(course)s (state course code %(code)s)",
                                         course=self._label("course_group", course.state_course_code),
                                         code=course.state_course_code),
                        "criteria": {"narrative": _("Took the course; the school reported the final grade.")},
                        "humanCode": course.local_course_id,
                        "resultDescription": [{"id": grade_id, "type": ["ResultDescription"],
                                               "name": _("Final grade"), "resultType": "LetterGrade"}],
                    }
                    if course.credits_attempted is not None:
                        achievement["creditsAvailable"] = float(course.credits_attempted)
                    if course.content_area:
                        achievement["fieldOfStudy"] = self._label("content_area", course.content_area)
                    subject = self._subject(achievement, term=f"{year.academic_year} {self._label('term', term.term_code)}")
                    if course.final_grade:
                        subject["result"] = [{"type": ["Result"], "resultDescription": grade_id,
                                              "value": course.final_grade,
                                              "status": "Completed" if course.completed else "InProgress"}]
                    if course.credits_earned is not None:
                        subject["creditsEarned"] = float(course.credits_earned)
                    self._issue(subject, f"{course.name} · {year.academic_year}")
                    if course.ag_code:
                        self._link(achievement_id, "isChildOf", self._requirement(course.ag_code))

    def _requirement(self, area: str) -> str:
        """The UC a–g subject requirement a course counts toward, listed once in the ClrSubject."""
        if area not in self.requirements:
            name = self._label("ag", area)
            self.requirements[area] = {
                "id": self._id("uc-ag", area), "type": ["Achievement"], "achievementType": "LearningProgram",
                "name": _("UC a–g requirement: %(area)s", area=name),
                "description": _("A subject area that the University of California and California State "
                                 "University require of applicants (a–g): %(area)s.", area=name),
                "criteria": {"narrative": _("Approved a–g courses in this subject, as the university counts them.")},
                "humanCode": area,
            }
        return self.requirements[area]["id"]

    # --- state tests ----------------------------------------------------------------------

    def _state_tests(self) -> None:
        for history in self.record.backpack.state_tests.tests:
            previous: Optional[str] = None
            for score in history.years:
                achievement_id = self._test_result(history.test, score)
                if previous and previous != achievement_id:
                    self._link(previous, "precedes", achievement_id)
                previous = achievement_id

    def _test_result(self, test: str, score: Score) -> str:
        grade = score.grade_assessed or ""
        achievement_id = self._id("test", test, grade)
        scale_id, level_id = self._id("test", test, grade, "scale"), self._id("test", test, grade, "level")
        level_set = level_code_set(score)
        test_name = self._label("test", test)
        achievement = {
            "id": achievement_id, "type": ["Achievement"], "achievementType": "Assessment",
            "name": _("%(test)s, %(grade)s", test=test_name, grade=self._label("grade_level", grade)) if grade else test_name,
            "description": test_name,
            "criteria": {"narrative": _("Took the California state test; the score and level come from the state's "
                                        "score file.")},
            "resultDescription": [
                {"id": scale_id, "type": ["ResultDescription"], "name": _("Scale score"), "resultType": "ScaledScore"},
                {"id": level_id, "type": ["ResultDescription"], "name": _("Achievement level"),
                 "resultType": "PerformanceLevel",
                 "rubricCriterionLevel": [self._level(test, grade, level_set, code)
                                          for code in _levels(level_set, score.level)]},
            ],
        }
        subject = self._subject(achievement, term=score.academic_year)
        results = []
        if score.scale_score is not None:
            results.append({"type": ["Result"], "resultDescription": scale_id, "value": str(score.scale_score)})
        if score.level:
            results.append({"type": ["Result"], "resultDescription": level_id, "value": self._label(level_set, score.level),
                            "achievedLevel": self._id("test", test, grade, "level", score.level)})
        if results:
            subject["result"] = results
        if score.completed_on:
            subject["activityEndDate"] = score.completed_on.isoformat()
        self._issue(subject, f"{achievement['name']} · {score.academic_year}")
        return achievement_id

    def _level(self, test: str, grade: str, level_set: str, code: str) -> dict:
        return {"id": self._id("test", test, grade, "level", code), "type": ["RubricCriterionLevel"],
                "name": self._label(level_set, code), "level": code}

    # --- English learning and seals --------------------------------------------------------

    def _reclassification(self) -> None:
        english = self.record.backpack.english_learning
        if not english.reclassified_on:
            return
        achievement_id = self._id("milestone", "rfep")
        status_id = self._id("milestone", "rfep", "status")
        achievement = {
            "id": achievement_id, "type": ["Achievement"], "achievementType": "Achievement",
            "name": _("Reclassified as fluent in English (RFEP)"),
            "description": _("The district found the student fluent in English and no longer an English learner."),
            "criteria": {"narrative": _("Met the district's reclassification criteria: an English test (ELPAC) level, "
                                        "a teacher's evaluation, a talk with the family and basic skills in English.")},
            "tag": [_("English learning")],
            "resultDescription": [{"id": status_id, "type": ["ResultDescription"], "name": _("English status"),
                                   "resultType": "Status"}],
        }
        subject = self._subject(achievement, term=_school_year(english.reclassified_on))
        subject["activityEndDate"] = english.reclassified_on.isoformat()
        subject["result"] = [{"type": ["Result"], "resultDescription": status_id, "status": "Completed",
                              "value": self._label("elas", "RFEP")}]
        if english.el_since:
            subject["activityStartDate"] = english.el_since.isoformat()
        self._issue(subject, achievement["name"])
        elpac = english.latest_elpac
        if elpac is not None and "state_tests" in self.record.categories:
            grade = next((s.grade_assessed or "" for h in self.record.backpack.state_tests.tests if h.test == elpac.test
                          for s in h.years if s.academic_year == elpac.academic_year), "")
            self._link(achievement_id, "isRelatedTo", self._id("test", elpac.test, grade))

    def _seals(self) -> None:
        for stay in self.record.backpack.demographics.enrollments:
            if stay.seal_of_biliteracy:
                self._award("seal-of-biliteracy", _("State Seal of Biliteracy"),
                            _("California's recognition of high proficiency in English and another language."),
                            stay.academic_year)
            if stay.golden_state_seal:
                self._award("golden-state-seal", _("Golden State Seal Merit Diploma"),
                            _("California's recognition of mastery of the high-school curriculum."), stay.academic_year)

    def _award(self, code: str, name: str, description: str, academic_year: str) -> None:
        achievement = {"id": self._id("award", code), "type": ["Achievement"], "achievementType": "Award",
                       "name": name, "description": description,
                       "criteria": {"narrative": _("Reported by the school on the student's enrollment record.")}}
        self._issue(self._subject(achievement, term=academic_year), f"{name} · {academic_year}")

    # --- learner profile ------------------------------------------------------------------

    def _personal_bests(self) -> None:
        for item in self.record.data.get("personal_bests") or []:
            if not isinstance(item, dict):
                continue
            name = _first_text(item, "title", "name", "label") or _("Personal best")
            description = _first_text(item, "description", "body", "note", "summary") or name
            achievement = {"id": _urn(f"personal-best/{self.record.backpack.public_id}/{item.get('id') or name}"),
                           "type": ["Achievement"], "achievementType": "Achievement", "name": name,
                           "description": description, "tag": [_("Personal best")],
                           "criteria": {"narrative": _("Chosen by the student as a personal best from their record.")}}
            subject = self._subject(achievement)
            value = _first_text(item, "value", "score", "result")
            if value:
                subject["result"] = [{"type": ["Result"], "value": value}]
            self._issue(subject, name)

    # --- shared pieces --------------------------------------------------------------------

    def _subject(self, achievement: dict, term: Optional[str] = None) -> dict:
        subject = {"id": self.subject_id, "type": ["AchievementSubject"], "achievement": achievement}
        if term:
            subject["term"] = term
        return subject

    def _issue(self, subject: dict, name: str) -> None:
        unsigned = achievement_credential(issuer=self.issuer, subject=subject, name=name,
                                          valid_from=self.record.generated_at)
        self.credentials.append(sign_credential(unsigned, self.key, created=self.record.generated_at))

    def _link(self, source: str, kind: str, target: str) -> None:
        self._links[(source, kind, target)] = None

    def _id(self, *parts: str) -> str:
        district = self.district.cds_code if self.district else "district"
        return _urn("/".join((district, *parts)))

    def _label(self, code_set: str, code: str) -> str:
        return codes.label(code_set, code, self.record.lang) if code_set in codes.code_sets() else code


def _identifiers(record: ExportRecord) -> list[dict[str, Any]]:
    """The learner's name in plain text and the SSID only as a salted SHA-256, so a college that knows
    the SSID can match it while the credential itself does not reveal it."""
    salt = secrets.token_hex(8)
    ssid_hash = hashlib.sha256((record.backpack.ssid + salt).encode("utf-8")).hexdigest()
    return [
        {"type": "IdentityObject", "hashed": False, "identityHash": record.student_name, "identityType": "name"},
        {"type": "IdentityObject", "hashed": True, "identityHash": f"sha256${ssid_hash}",
         "identityType": SSID_IDENTITY_TYPE, "salt": salt},
    ]


def _levels(level_set: str, achieved: Optional[str]) -> list[str]:
    """The levels of the test's scale, low to high; a level outside it (text levels) is listed alone."""
    known = [code for code in LEVEL_CODES if level_set in codes.code_sets() and codes.known(level_set, code)]
    if achieved and achieved not in known:
        known.append(achieved)
    return known


def _first_text(item: dict, *keys: str) -> Optional[str]:
    for key in keys:
        value = item.get(key)
        if value not in (None, "", []):
            return str(value)
    return None


def _school_year(day: date) -> str:
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{start + 1}"


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"

