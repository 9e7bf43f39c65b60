"""Our reading of the CLR 2.0 / OB 3.0 data model, as checks a test can run offline.

1EdTech's JSON Schema may not be shipped (its licence, see ../shared/data/NOT_TAKEN.md); these are
the rules of that schema a ClrCredential from us has to meet: required properties, the fixed
vocabularies, the @context order, closed objects (Association, IdentityObject), and that every
id a result or association points at exists. `backpack verify --schema FILE` checks the real one.
"""
from __future__ import annotations

import re

VC = "https://www.w3.org/ns/credentials/v2"
CLR_CONTEXT = re.compile(r"^https://purl\.imsglobal\.org/spec/clr/v2p0/context(-2\.\d\.\d)*\.json$")
OB_CONTEXT = re.compile(r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$")
EXT = re.compile(r"(ext:)[a-z|A-Z|0-9|.|-|_]+")
ACHIEVEMENT_TYPES = {
    "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree", "Award", "Badge",
    "BachelorDegree", "Certificate", "CertificateOfCompletion", "Certification", "CommunityService", "Competency",
    "Course", "CoCurricular", "Degree", "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
    "JourneymanCertificate", "LearningProgram", "License", "Membership", "ProfessionalDoctorate",
    "QualityAssuranceCredential", "MasterCertificate", "MasterDegree", "MicroCredential", "ResearchDoctorate",
    "SecondarySchoolDiploma",
}
RESULT_TYPES = {"GradePointAverage", "LetterGrade", "Percent", "PerformanceLevel", "PredictedScore", "RawScore",
                "Result", "RubricCriterion", "RubricCriterionLevel", "RubricScore", "ScaledScore", "Status"}
RESULT_STATUSES = {"Completed", "Enrolled", "Failed", "InProgress", "OnHold", "Provisional", "Withdrew"}
ASSOCIATION_TYPES = {"exactMatchOf", "isChildOf", "isParentOf", "isPartOf", "isPeerOf", "isRelatedTo", "precedes",
                     "replacedBy"}
IDENTITY_TYPES = {"name", "sourcedId", "systemId", "productId", "userName", "accountId", "emailAddress",
                  "nationalIdentityNumber", "isbn", "issn", "lisSourcedId", "oneRosterSourcedId", "sisSourcedId",
                  "ltiContextId", "ltiDeploymentId", "ltiToolId", "ltiPlatformId", "ltiUserId", "identifier"}
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def problems(clr: dict) -> list[str]:
    found: list[str] = []

    def need(condition: bool, message: str) -> None:
        if not condition:
            found.append(message)

    context = clr.get("@context", [])
    need(len(context) >= 3 and context[0] == VC and bool(CLR_CONTEXT.match(context[1]))
         and bool(OB_CONTEXT.match(context[2])), f"@context order: {context[:3]}")
    _credential(clr, "ClrCredential", need)
    subject = clr.get("credentialSubject", {})
    need("ClrSubject" in subject.get("type", []), "ClrSubject type")
    need(bool(subject.get("verifiableCredential")), "ClrSubject.verifiableCredential is empty")
    need("id" in subject or bool(subject.get("identifier")), "ClrSubject needs an id or an identifier")
    for identity in subject.get("identifier", []):
        need(set(identity) <= {"type", "hashed", "identityHash", "identityType", "salt"}, f"IdentityObject keys {set(identity)}")
        need(identity.get("type") == "IdentityObject" and isinstance(identity.get("hashed"), bool)
             and bool(identity.get("identityHash")), f"IdentityObject {identity}")
        kind = identity.get("identityType", "")
        need(kind in IDENTITY_TYPES or bool(EXT.match(kind)), f"identityType {kind}")
    known = {a["id"] for a in subject.get("achievement", [])}
    for achievement in subject.get("achievement", []):
        _achievement(achievement, need)
    for credential in subject.get("verifiableCredential", []):
        _credential(credential, "AchievementCredential", need)
        need(credential["@context"][0] == VC and bool(OB_CONTEXT.match(credential["@context"][1])), "OB @context")
        inner = credential.get("credentialSubject", {})
        need("AchievementSubject" in inner.get("type", []), "AchievementSubject type")
        achievement = inner.get("achievement", {})
        _achievement(achievement, need)
        known.add(achievement.get("id"))
        descriptions = {d["id"]: d for d in achievement.get("resultDescription", [])}
        levels = {level["id"] for d in descriptions.values() for level in d.get("rubricCriterionLevel", [])}
        for result in inner.get("result", []):
            need("Result" in result.get("type", []), "Result type")
            need(result.get("resultDescription", next(iter(descriptions), None)) in descriptions or not descriptions,
                 f"result points at an unknown ResultDescription: {result}")
            need("achievedLevel" not in result or result["achievedLevel"] in levels, f"unknown achievedLevel {result}")
            need("status" not in result or result["status"] in RESULT_STATUSES, f"status {result.get('status')}")
        need("creditsEarned" not in inner or isinstance(inner["creditsEarned"], (int, float)), "creditsEarned")
    for association in subject.get("association", []):
        need(set(association) == {"type", "associationType", "sourceId", "targetId"}, f"Association keys {association}")
        need(association.get("type") == "Association", "Association type")
        need(association.get("associationType") in ASSOCIATION_TYPES, f"associationType {association}")
        need(association.get("sourceId") in known and association.get("targetId") in known,
             f"association between unknown achievements {association}")
    return found


def _credential(credential: dict, kind: str, need) -> None:
    for key in ("@context", "type", "id", "name", "credentialSubject", "issuer", "validFrom"):
        need(key in credential, f"{kind} lacks {key}")
    need({"VerifiableCredential", kind} <= set(credential.get("type", [])), f"{kind} type {credential.get('type')}")
    issuer = credential.get("issuer", {})
    need(isinstance(issuer, str) or ("id" in issuer and "Profile" in issuer.get("type", [])), f"issuer {issuer}")
    need(bool(DATE_TIME.match(credential.get("validFrom", ""))), f"validFrom {credential.get('validFrom')}")
    schemas = credential.get("credentialSchema", [])
    need(any(s.get("type") == "1EdTechJsonSchemaValidator2019" for s in schemas), "credentialSchema")


def _achievement(achievement: dict, need) -> None:
    for key in ("id", "type", "criteria", "description", "name"):
        need(key in achievement, f"Achievement lacks {key}: {achievement.get('name')}")
    need("Achievement" in achievement.get("type", []), "Achievement type")
    kind = achievement.get("achievementType", "Achievement")
    need(kind in ACHIEVEMENT_TYPES or bool(EXT.match(kind)), f"achievementType {kind}")
    need("creditsAvailable" not in achievement or isinstance(achievement["creditsAvailable"], (int, float)),
         "creditsAvailable")
    for description in achievement.get("resultDescription", []):
        for key in ("id", "type", "name", "resultType"):
            need(key in description, f"ResultDescription lacks {key}")
        need(description.get("resultType") in RESULT_TYPES or bool(EXT.match(description.get("resultType", ""))),
             f"resultType {description.get('resultType')}")
        for level in description.get("rubricCriterionLevel", []):
            need({"id", "type", "name"} <= set(level) and "RubricCriterionLevel" in level["type"], f"level {level}")
