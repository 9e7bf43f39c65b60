"""English learning in plain words: status, years as an English learner, ELPAC level, what comes next."""
from __future__ import annotations

from webapp import codes

from .context import Context, lang
from .formatting import day, ngettext, school_year
from .formatting import gettext as _
from .levels import is_scored, level_label, level_meaning, lower_first
from .model import EMPTY, GOOD, INFO, Summary

LEARNING = ("EL", "ADEL")


def summarize(ctx: Context) -> Summary:
    english = ctx.backpack.english_learning
    status = english.current_status
    if status is None:
        return Summary("english_learning", EMPTY, (_("The school has not sent English learning records."),))
    v, name = ctx.voice, ctx.name
    if status == "EO":
        return Summary("english_learning", INFO, (v.pick(
            _("The school lists English as your home language."),
            _("The school lists English as %(name)s's home language.", name=name)),))
    if status == "IFEP":
        return Summary("english_learning", GOOD, (v.pick(
            _("You already knew English well when you were first tested. This is called IFEP."),
            _("%(name)s already knew English well when first tested. This is called IFEP.", name=name)),),
            terms=("ifep", "elpac"))
    if status == "TBD":
        return Summary("english_learning", INFO, (v.pick(
            _("The school is still checking your English. A test will show if extra English help would be useful."),
            _("The school is still checking %(name)s's English. A test will show if extra English help would be "
              "useful.", name=name)),), terms=("elpac",))
    if status == "RFEP":
        return _reclassified(ctx)
    if status in LEARNING:
        return _learning(ctx)
    return Summary("english_learning", INFO, (_("The school lists this English status: %(status)s.",
                                                 status=codes.label("elas", status, lang())),))


def _learning(ctx: Context) -> Summary:
    english, v, name = ctx.backpack.english_learning, ctx.voice, ctx.name
    since = english.el_since or english.current_since
    status = [v.pick(_("You have been an English learner (EL) since %(date)s.", date=day(since)),
                     _("%(name)s has been an English learner (EL) since %(date)s.", name=name, date=day(since)))]
    if english.years_as_el:
        status.append(ngettext("That is %(num)s year.", "That is %(num)s years.", english.years_as_el))
    elpac = elpac_sentences(ctx)
    needs = [_("To be reclassified (RFEP), a student needs level 4 on the ELPAC."),
             _("A teacher's review, a talk with the family and a check of basic skills also count.")]
    step = v.pick(_("Ask your teacher what to practice. Reading every day helps."),
                  _("Ask the teacher how %(name)s is doing in English. Reading together in any language helps.",
                    name=name))
    brief = tuple(" ".join(part) for part in (status, elpac, needs[:1]) if part)
    return Summary("english_learning", INFO, tuple(status + elpac + needs), step, terms=("el", "elpac", "rfep"),
                   brief=brief, items=first_test_result(ctx))


def _reclassified(ctx: Context) -> Summary:
    english, v, name = ctx.backpack.english_learning, ctx.voice, ctx.name
    when = english.reclassified_on or english.current_since
    sentences = [v.pick(_("You now know English well. The school said so on %(date)s. This is called RFEP.",
                          date=day(when)),
                        _("%(name)s now knows English well. The school said so on %(date)s. This is called RFEP.",
                          name=name, date=day(when)))]
    if english.years_as_el:
        sentences.append(v.pick(
            ngettext("Before that, you were an English learner for %(num)s year.",
                     "Before that, you were an English learner for %(num)s years.", english.years_as_el),
            ngettext("Before that, %(name)s was an English learner for %(num)s year.",
                     "Before that, %(name)s was an English learner for %(num)s years.", english.years_as_el,
                     name=name)))
    sentences += elpac_sentences(ctx)
    return Summary("english_learning", GOOD, tuple(sentences), terms=("rfep", "el", "elpac"),
                   items=first_test_result(ctx))


def first_test_result(ctx: Context) -> tuple[str, ...]:
    """The Initial ELPAC result as a label under the text (level names are long words)."""
    latest = ctx.backpack.english_learning.latest_elpac
    if latest is None or (latest.test == "elpac_summative" and is_scored(latest.level)) or not latest.level:
        return ()
    return (_("Result: %(label)s", label=level_label(latest)),)


def elpac_sentences(ctx: Context) -> list[str]:
    latest = ctx.backpack.english_learning.latest_elpac
    if latest is None:
        return []
    v, name, when = ctx.voice, ctx.name, school_year(latest.academic_year)
    if latest.test != "elpac_summative" or not is_scored(latest.level):
        return [v.pick(_("You took the first English test (Initial ELPAC) in %(year)s.", year=when),
                       _("%(name)s took the first English test (Initial ELPAC) in %(year)s.", name=name, year=when))]
    sentences = [v.pick(_("On the ELPAC in %(year)s, you reached level %(level)s of 4.", year=when, level=latest.level),
                        _("On the ELPAC in %(year)s, %(name)s reached level %(level)s of 4.", year=when,
                          name=name, level=latest.level))]
    meaning = level_meaning(latest)
    if meaning:
        sentences.append(_("Level %(level)s means: %(meaning)s", level=latest.level, meaning=lower_first(meaning)))
    return sentences
