"""CSV downloads that open safely in a spreadsheet: a cell that starts like a formula gets a leading
apostrophe, so text from uploaded files can never run as a formula."""
from __future__ import annotations

import csv
import io
from typing import Iterable

from flask import Response

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str | int:
    if isinstance(value, int):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_response(header: list[str], rows: Iterable[list], filename: str) -> Response:
    """A UTF-8 CSV (with a byte-order mark, so spreadsheet programs read accents right) as a download."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
