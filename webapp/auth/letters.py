"""Printable invitation letters: one page each, with a QR code and the code to type (PDF, WeasyPrint).

The QR code is inline SVG made by segno, so WeasyPrint never needs to fetch anything; its
URL fetcher only accepts data: URLs.
"""
from __future__ import annotations

from typing import Iterable

import segno
from flask import render_template
from flask_babel import force_locale, format_date
from markupsafe import Markup
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from ..models import Invitation, as_utc
from .invitations import invitation_link


def qr_svg(link: str) -> Markup:
    """The link as an SVG QR code, safe to place inside the letter's HTML."""
    return Markup(segno.make(link, error="m").svg_inline(scale=4, dark="#000", light="#fff"))


def render_letters(invitations_with_codes: Iterable[tuple[Invitation, str]], lang: str = "en") -> bytes:
    with force_locale(lang):
        letters = [
            {"invitation": invitation, "code": code, "qr": qr_svg(invitation_link(code)),
             "expires": format_date(as_utc(invitation.expires_at), format="long")}
            for invitation, code in invitations_with_codes
        ]
        html = render_template("auth/letter.html", letters=letters, lang=lang)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
