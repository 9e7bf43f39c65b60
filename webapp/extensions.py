"""Flask extensions, created once and bound in `create_app`."""
from flask import has_request_context, request, session
from flask_babel import Babel
from flask_compress import Compress
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf import CSRFProtect

compress = Compress()
csrf = CSRFProtect()
htmx = HTMX()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def select_locale() -> str:
    """The person's saved choice, then this browser session's choice, then Accept-Language.

    Outside a request (CLI commands, background imports) the district's default language is used."""
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    saved = getattr(current_user, "locale", None) if current_user and current_user.is_authenticated else None
    if saved in languages:
        return saved
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


babel = Babel()

# The user loader (server-side sessions) is registered by webapp.auth.sessions.
