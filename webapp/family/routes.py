"""Family routes. Each asks webapp.policy first; anything not visible is a 404 (never a 403)."""
from __future__ import annotations

from flask import abort, redirect, render_template
from flask_login import current_user

from consent.categories import CATEGORY_CODES
from webapp import db, policy
from webapp.access import public, requires
from webapp.auth.sessions import home_for
from webapp.summaries import CARD_CATEGORIES, jinja
from webapp.summaries.glossary import TERMS
from webapp.summaries.thresholds import thresholds_for

from . import bp
from .pages import BACKPACK_HALF, PROFILE_HALF, card, children, readable_children
from .readers import reader_kind

FAMILY_ROLES = ("guardian", "student")


@bp.record_once
def _helpers(state) -> None:
    jinja.register(state.app)


@bp.get("/home")
@requires()
def home():
    """One card per child (or the student's own), with a switcher when there are several."""
    if not any(current_user.has_role(role) for role in FAMILY_ROLES):
        return redirect(home_for(current_user))
    session, now = db.session(), policy.now()
    readable = readable_children(session, current_user, now)
    cards = [card(child) for child in children(session, readable, now, CARD_CATEGORIES + ("early_warning",))]
    for item in cards:
        policy.record_disclosure(session, current_user, item.child.access, item.shown)
    session.commit()
    return render_template("family/home.html", cards=cards)


@bp.get("/c/<public_id>")
@requires(*FAMILY_ROLES)
def backpack(public_id: str):
    """The child's backpack: every visible category with its headline, official record first."""
    session, now = db.session(), policy.now()
    access = policy.require(session, current_user, public_id, now=now)
    kind = reader_kind(access) or abort(404)
    [child] = children(session, [(access, kind)], now)
    policy.record_disclosure(session, current_user, access, child.visible)
    session.commit()
    return render_template("family/backpack.html", child=child,
                           halves=((BACKPACK_HALF, "backpack"), (PROFILE_HALF, "profile")))


@bp.get("/c/<public_id>/<category>")
@requires(*FAMILY_ROLES)
def category(public_id: str, category: str):
    """One category: the summary first, then the chart and the detail, then the words it uses."""
    if category not in CATEGORY_CODES:
        abort(404)
    session, now = db.session(), policy.now()
    access = policy.require(session, current_user, public_id, category, now=now)
    kind = reader_kind(access) or abort(404)
    wanted = (category, "early_warning") if "early_warning" in access.visible else (category,)
    [child] = children(session, [(access, kind)], now, wanted)
    signals = tuple(s for s in child.signals if s.category == category or category == "early_warning")
    policy.record_disclosure(session, current_user, access, (category,) + (("early_warning",) if signals else ()))
    session.commit()
    district = child.backpack.demographics.district
    return render_template(
        "family/category.html", child=child, category=category, summary=child.summaries[category],
        signals=signals, thresholds=thresholds_for(district.cds_code if district else None),
    )


@bp.get("/glossary")
@public
def glossary():
    """Plain explanations of the school words the summaries use (no student data)."""
    return render_template("family/glossary.html", terms=TERMS)
