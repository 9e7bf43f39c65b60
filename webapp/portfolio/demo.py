"""Demo learner profile for Leo (the showcase student): made through the portfolio's own functions, so
the demo shows exactly what a student would have built. Running it again adds nothing."""
from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from PIL import Image, ImageDraw
from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.credentials import SigningKey
from webapp.credentials.signing import sign_credential
from webapp.models import PortfolioItem, Student

from . import entries, works
from .badges import import_badge
from .storage import BlobStorage, storage
from .uploads import check_upload


def poster(width: int = 1200, height: int = 900) -> bytes:
    """A made-up science-fair poster photo (drawn with Pillow), as a phone would send it."""
    picture = Image.new("RGB", (width, height), (245, 240, 225))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 40, width - 40, 170), fill=(32, 94, 150))
    draw.text((70, 85), "How rivers carry water to our town", fill="white")
    for i, colour in enumerate(((80, 160, 90), (60, 120, 200), (210, 140, 60))):
        left = 80 + i * 360
        draw.rectangle((left, 240, left + 300, 560), fill=colour)
        draw.text((left + 20, 580), f"Step {i + 1}", fill=(30, 30, 30))
    draw.line((120, 780, width - 120, 700), fill=(60, 120, 200), width=18)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    return out.getvalue()


def _badge(key: SigningKey, name: str) -> dict:
    unsigned = {
        "@context": ["https://www.w3.org/ns/credentials/v2",
                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:8f0c7a4e-3b53-4c55-9c1a-2f8e6d1b7a10",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": key.did, "type": ["Profile"], "name": "Valle Verde Robotics League"},
        "validFrom": "2025-05-10T17:00:00Z",
        "name": name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:5a1e2c3d-7b8f-4a6e-9d0c-1b2a3c4d5e6f", "type": ["Achievement"],
                "achievementType": "Competency", "name": name,
                "description": "Designed, built and programmed a robot that finished the league's obstacle course.",
                "criteria": {"narrative": "Finish the obstacle course with a robot your team built and coded."},
            },
        },
    }
    return sign_credential(unsigned, key, created=datetime(2025, 5, 10, 17, tzinfo=timezone.utc))


def seed_leo(session: Session, ssid: str, blobs: BlobStorage | None = None, today: date | None = None) -> bool:
    """Give the showcase student a small profile; False when there is no such student or it exists already."""
    student = session.scalar(select(Student).where(Student.ssid == ssid))
    if student is None or session.scalar(select(PortfolioItem.id).where(PortfolioItem.student_id == student.id).limit(1)):
        return False
    blobs = blobs or storage()
    today = today or date.today()
    now = datetime.now(timezone.utc)
    limits = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 40_000_000}

    sketch = works.create(session, student, {
        "title": "First poster sketch", "subject": "Science", "standard_code": None,
        "made_on": today - timedelta(days=120), "reflection": "My first try at showing the water cycle.",
        "link_url": None, "visibility": "family"})
    works.attach(session, blobs, sketch, [check_upload(poster(800, 600), "sketch.jpg", **limits)])
    works.set_personal_best(session, sketch, True, now - timedelta(days=120))

    best = works.create(session, student, {
        "title": "Watershed poster", "subject": "Science", "standard_code": "MS-ESS2-4",
        "made_on": today - timedelta(days=20),
        "reflection": "I am proud of the diagram: I measured the creek myself and explained each step clearly.",
        "link_url": None, "visibility": "shareable"})
    works.attach(session, blobs, best, [check_upload(poster(), "watershed-poster.jpg", **limits)])
    works.set_personal_best(session, best, True, now - timedelta(days=20))

    essay = works.create(session, student, {
        "title": "Essay: why our town needs a library", "subject": "English", "standard_code": "W.9-10.1",
        "made_on": today - timedelta(days=45), "reflection": "My strongest argument so far.",
        "link_url": None, "visibility": "family"})
    text = ("Why our town needs a library\n\nA library is a place where everyone can learn for free. "
            "In our town the nearest one is a bus ride away...\n").encode()
    works.attach(session, blobs, essay, [check_upload(text, "library-essay.txt", **limits)])

    goal = entries.add_goal(session, student, {
        "title": "Read 20 books this year", "detail": "One book every two or three weeks, mostly science fiction.",
        "target_on": date(today.year if today.month < 6 else today.year + 1, 6, 10), "visibility": "shareable"})
    entries.check_in(session, goal, {"note": "Finished book 6, The Giver.", "progress": 30, "done": False},
                     now - timedelta(days=10))

    entries.add_activity(session, student, {
        "kind": "service", "title": "Food bank volunteer", "organization": "Eastside Community Pantry",
        "started_on": today - timedelta(days=90), "ended_on": None, "hours": Decimal("12"),
        "description": "Sorting donations on Saturday mornings.", "visibility": "shareable"})
    entries.add_activity(session, student, {
        "kind": "activity", "title": "Robotics club", "organization": "Lincoln High",
        "started_on": today - timedelta(days=200), "ended_on": None, "hours": None,
        "description": "Builder and programmer.", "visibility": "family"})
    import_badge(session, student, json.dumps(_badge(SigningKey.generate(), "Robot Builder")), "shareable")
    session.flush()
    return True
