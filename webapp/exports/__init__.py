"""MyData exports (DESIGN.md §6, issue 8): a student's whole record as PDF, signed CLR 2.0, CSV zip and JSON.

    gather_record(session, student_id, lang=, categories=, now=) -> ExportRecord   (record.py)
    render_pdf(record) -> bytes                 (pdf.py; fetcher.StaticFilesOnly serves static/ only)
    build_clr(record, key) -> signed dict       (clr.py; signing and envelope from webapp.credentials)
    csv_zip_chunks(record) -> iterator of bytes (csvzip.py; tables.py gives the columns)
    render_json(record) -> bytes                (record_json.py; docs/record.schema.json)
    make_export(session, student_id, fmt, actor=, lang=) -> ExportFile, logged in ExportLog (produce.py)

The Download page (routes.py) lets a guardian or a student take these; `backpack export`
(commands.py) lets staff do the same from the command line.
"""
from flask import Blueprint

bp = Blueprint("exports", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
