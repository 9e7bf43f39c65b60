"""Basic information in plain words: grade and school, and how to fix a mistake."""
from __future__ import annotations

from webapp import codes

from .context import Context, lang
from .formatting import gettext as _
from .model import INFO, Summary


def summarize(ctx: Context) -> Summary:
    person, v, name = ctx.backpack.demographics, ctx.voice, ctx.name
    grade = codes.label("grade_level", person.grade_level, lang()) if person.grade_level else None
    if grade:  # the school's name is shown next to the sentence, not in it: long names read as hard words
        first = v.pick(_("You are in %(grade)s this school year.", grade=grade),
                       _("%(name)s is in %(grade)s this school year.", name=name, grade=grade))
    else:
        first = _("The school has not said which grade this is.")
    step = _("If something here is wrong, you can ask the school to fix it.")
    return Summary("demographics", INFO, (first,), step)
