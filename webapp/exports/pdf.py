"""The record as a PDF a person can read and print (WeasyPrint).

Our own template and print stylesheet, fonts shipped in static/fonts (embedded, subset), and a
URL fetcher that serves nothing but static files. Tagged for screen readers (pdf_tags).
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

from flask import current_app, render_template
from flask_babel import force_locale, format_date
from weasyprint import HTML

from .fetcher import StaticFilesOnly
from .presenting import template_helpers
from .record import ExportRecord

TEMPLATE = "exports/record_pdf.html"


def render_pdf(record: ExportRecord, fetcher: StaticFilesOnly | None = None) -> bytes:
    """The PDF bytes; pass `fetcher` to see afterwards what the renderer asked for."""
    fetcher = fetcher or StaticFilesOnly(current_app.static_folder)
    html = render_html(record)
    with cycle_collector_paused():
        return HTML(string=html, base_url=fetcher.base_url, url_fetcher=fetcher).write_pdf(pdf_tags=True)


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """WeasyPrint makes hundreds of thousands of short-lived objects, and the cyclic garbage
    collector's passes over them (and over the rest of the process) took about a third of a
    K–12 render. Reference counting still frees memory as usual; the collector resumes after.
    Only the caller that found it running turns it back on, so overlapping renders are safe."""
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_running:
            gc.enable()


def render_html(record: ExportRecord) -> str:
    """The HTML the PDF is made from, in the record's language."""
    with force_locale(record.lang):
        return render_template(
            TEMPLATE,
            record=record,
            data=record.data,
            lang=record.lang,
            headings={code: record.data["categories"][code] for code in record.categories},
            generated_on=format_date(record.generated_at, format="long"),
            **template_helpers(record.lang),
        )

