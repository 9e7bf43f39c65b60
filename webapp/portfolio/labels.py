"""Words the portfolio pages share (visibility, kinds, badge checks), in the reader's language."""
from __future__ import annotations

from flask_babel import gettext as _

from .badges import check_explained, check_label  # noqa: F401


def visibility_label(code: str) -> str:
    return {"private": _("Only me"), "family": _("Me and my family"),
            "shareable": _("Family, and people we share with")}.get(code, code)


def visibility_hint(code: str) -> str:
    return {"private": _("Nobody else sees it, not even your family."),
            "family": _("Your guardians can see it. People your family shares with cannot."),
            "shareable": _("Your guardians can see it, and so can people your family shares this part with "
                           "(for example a college you share your personal bests with).")}.get(code, "")


def activity_kind_label(code: str) -> str:
    return {"activity": _("Activity"), "service": _("Community service")}.get(code, code)


def file_kind_label(code: str) -> str:
    return {"image": _("Photo"), "pdf": _("PDF document"), "text": _("Text file")}.get(code, code)
