"""State tests in plain words: the latest score on each test, its level, what that means, the change."""
from __future__ import annotations

from webapp import codes
from webapp.store.parts import Score
from webapp.store.state_tests import is_elpac

from .context import Context, lang
from .formatting import gettext as _
from .formatting import ngettext, number, school_year
from .levels import is_scored, level_label, level_meaning, lower_first
from .model import EMPTY, INFO, WATCH, Summary
from .names import in_sentence, top_level


def latest_scores(backpack) -> tuple[Score, ...]:
    """The newest result of every test except the ELPAC (the English learning page shows that)."""
    return tuple(h.latest for h in backpack.state_tests.tests if h.latest and not is_elpac(h.test))


def summarize(ctx: Context) -> Summary:
    scores = latest_scores(ctx.backpack)
    if not scores:
        return Summary("state_tests", EMPTY, (_("The school has not sent state test results. State tests start in "
                                                "grade 3."),))
    sentences: list[str] = []
    brief: list[str] = []
    for score in scores:
        about = describe(ctx, score)
        sentences += about
        brief.append(" ".join(about))
    low = any(s.level == "1" for s in scores)
    v, name = ctx.voice, ctx.name
    if any(s.level in ("1", "2") for s in scores):
        step = v.pick(_("Ask your teacher which skills to practice."),
                      _("Ask the teacher which skills %(name)s can practice at home.", name=name))
    else:
        step = v.pick(_("Ask your teacher what to work on next."),
                      _("Ask the teacher what %(name)s can work on next.", name=name))
    return Summary("state_tests", WATCH if low else INFO, tuple(sentences), step,
                   terms=("scale_score", "achievement_level", "smarter_balanced"), brief=tuple(brief))


def describe(ctx: Context, score: Score) -> list[str]:
    """Two or three sentences about one result."""
    v, name, when, test = ctx.voice, ctx.name, school_year(score.academic_year), in_sentence(score.test)
    if score.scale_score is None or not is_scored(score.level):
        reason = codes.label("condition_code", score.condition_code, lang()) if score.condition_code else ""
        first = v.pick(_("In %(year)s, there is no score for you on %(test)s.", year=when, test=test),
                       _("In %(year)s, there is no score for %(name)s on %(test)s.", year=when, test=test, name=name))
        if not reason:
            return [first]
        return [first, _("The reason given: %(reason)s.", reason=lower_first(reason).rstrip("."))]
    sentences = [v.pick(
        _("In %(year)s, you scored %(score)s on %(test)s.", year=when, score=number(score.scale_score), test=test),
        _("In %(year)s, %(name)s scored %(score)s on %(test)s.", year=when, name=name,
          score=number(score.scale_score), test=test))]
    meaning = level_meaning(score)
    sentences.append(_("That is level %(level)s of %(top)s: %(label)s.", level=score.level, top=top_level(score.test),
                       label=level_label(score)))
    if meaning:
        sentences.append(_("It means: %(meaning)s", meaning=lower_first(meaning)))
    change = change_sentence(score)
    if change:
        sentences.append(change)
    return sentences


def change_sentence(score: Score) -> str | None:
    if score.change_points is None or score.previous_year is None:
        return None
    earlier, points = school_year(score.previous_year), score.change_points
    if points == 0:
        return _("That is the same score as in %(year)s.", year=earlier)
    if points > 0:
        return ngettext("That is %(num)s point higher than in %(year)s.",
                        "That is %(num)s points higher than in %(year)s.", points, year=earlier)
    return ngettext("That is %(num)s point lower than in %(year)s.",
                    "That is %(num)s points lower than in %(year)s.", -points, year=earlier)
