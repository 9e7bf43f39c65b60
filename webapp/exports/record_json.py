"""The whole record as JSON: the backpack, the consent history, the "who looked" log, earlier downloads.

The shape is ours and documented as a JSON Schema in docs/record.schema.json; tests validate
every export against it. `record` is exactly what webapp.store's to_json gives (codes with
their labels in the chosen language), so this file and the `backpack student --json` view agree.
"""
from __future__ import annotations

import json
from typing import Any

from .record import ExportRecord

FORMAT = "family-backpack-record/1"
SCHEMA_ID = "urn:family-backpack:schema:record:1"


def record_document(record: ExportRecord) -> dict[str, Any]:
    district = record.backpack.demographics.district
    return {
        "format": FORMAT,
        "schema": SCHEMA_ID,
        "generated_at": record.generated_at.isoformat(),
        "lang": record.lang,
        "district": {"cds_code": district.cds_code, "name": district.name} if district else None,
        "student": {
            "public_id": record.backpack.public_id,
            "ssid": record.backpack.ssid,
            "name": record.student_name,
        },
        "categories": list(record.categories),
        "record": record.data,
        "consent_history": list(record.consent_history),
        "disclosure_log": list(record.disclosure_log),
        "export_log": list(record.export_log),
    }


def render_json(record: ExportRecord) -> bytes:
    """UTF-8 JSON, indented so a person can read it too."""
    return json.dumps(record_document(record), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
