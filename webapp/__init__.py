"""Family Backpack: the Flask shell around `consent/` (see DESIGN.md §4)."""
from __future__ import annotations

from flask import Flask

from . import db, settings
from .extensions import babel, compress, csrf, htmx, limiter, login_manager, select_locale

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)


def create_app(config: dict | None = None) -> Flask:
    """Build the app. `config` overrides what `settings.load()` reads from the environment."""
    cfg = settings.load(config)
    app = Flask(
        __name__,
        template_folder=str(settings.ROOT / "templates"),
        static_folder=str(settings.ROOT / "static"),
        instance_path=cfg["INSTANCE_PATH"],
    )
    app.config.update(cfg)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(settings.ROOT / "translations"))
    app.config.setdefault("RATELIMIT_STORAGE_URI", cfg["REDIS_URL"] or "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)

    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "gzip"])  # static files are streamed
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    db.init_app(app)
    compress.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)

    from . import views

    app.register_blueprint(views.bp)
    _register_blueprints(app)
    app.after_request(_security_headers)
    app.context_processor(_template_globals)
    return app


def _template_globals() -> dict:
    from flask_babel import get_locale

    locale = get_locale()
    return {"get_locale": get_locale, "lang": locale.language if locale else "en"}


def _register_blueprints(app: Flask) -> None:
    """Each audience has its own blueprint package; see DESIGN.md §4."""
    from .auth import bp as auth_bp
    from .family import bp as family_bp

    app.register_blueprint(auth_bp)
    from .sharing import register as register_sharing

    register_sharing(app)
    app.register_blueprint(family_bp)
    from .corrections import bp as corrections_bp
    from .school import bp as school_bp

    app.register_blueprint(school_bp)
    app.register_blueprint(corrections_bp)
    from .exports import bp as exports_bp

    app.register_blueprint(exports_bp)
    from .portfolio import bp as portfolio_bp

    app.register_blueprint(portfolio_bp)


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=()")
    return response
