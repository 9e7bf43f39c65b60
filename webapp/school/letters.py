"""Invitation letters for many families at once: each letter in its family's preferred language,
one PDF. The letter itself is the passkey part's (`webapp.auth.letters`); here the English and
Spanish letters are printed separately and their pages put into one document.

Codes are never stored, so a letter can only be printed by someone who holds the code: the console
shows codes once and sends them back with the print request, and each is checked against its hash.
"""
from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from flask import render_template
from flask_babel import force_locale, format_date

from ..auth.codes import code_hash, looks_like_code
from ..auth.letters import qr_svg
from ..auth.invitations import LANGUAGES, invitation_link
from ..models import Invitation, as_utc, utcnow


def code_matches(invitation: Invitation, code: str) -> bool:
    """True when `code` is this open invitation's code."""
    return (looks_like_code(code) and code_hash(code) == invitation.code_hash
            and invitation.state(utcnow()) == "open")


def letters_pdf(pairs: list[tuple[Invitation, str]]) -> bytes:
    """One letter per page: English letters first, then Spanish ones, each group in the order given."""
    documents = []
    for lang in LANGUAGES:
        group = [(inv, code) for inv, code in pairs if (inv.language or "en") == lang]
        if group:
            documents.append(_render(group, lang))
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


def _render(pairs: list[tuple[Invitation, str]], lang: str):
    with force_locale(lang):
        letters = [{"invitation": inv, "code": code, "qr": qr_svg(invitation_link(code)),
                    "expires": format_date(as_utc(inv.expires_at), format="long")} for inv, code in pairs]
        html = render_template("auth/letter.html", letters=letters, lang=lang)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).render()
