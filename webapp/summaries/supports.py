"""Extra help and programs in plain words (shown to guardians; the list itself is in the detail)."""
from __future__ import annotations

from webapp import codes

from .context import Context, lang
from .formatting import gettext as _
from .formatting import ngettext
from .model import INFO, Summary


def current_programs(backpack) -> tuple:
    return tuple(p for p in backpack.supports.programs if p.current)


def program_names(programs) -> tuple[str, ...]:
    """Each program's plain name once, in the order the school started them."""
    return tuple(dict.fromkeys(codes.label("program", p.program_code, lang()) for p in programs))


def summarize(ctx: Context) -> Summary:
    v, name = ctx.voice, ctx.name
    now = program_names(current_programs(ctx.backpack))
    if not now:
        first = v.pick(_("The school lists no extra help or programs for you right now."),
                       _("The school lists no extra help or programs for %(name)s right now.", name=name))
        return Summary("supports", INFO, (first,), terms=("plan_504", "iep"))
    first = v.pick(
        ngettext("You take part in %(num)s program now.", "You take part in %(num)s programs now.", len(now)),
        ngettext("%(name)s takes part in %(num)s program now.", "%(name)s takes part in %(num)s programs now.",
                 len(now), name=name))
    step = v.pick(_("Ask a counselor if you have questions about a plan or a program."),
                  _("Ask the school for a meeting if you have questions about a plan, or if something has changed."))
    return Summary("supports", INFO, (first,), step, terms=("plan_504", "iep"), items=now)
