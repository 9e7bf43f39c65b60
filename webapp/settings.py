"""One place for configuration, read from the environment (DESIGN.md §8)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import pytz

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = ROOT / "instance"
DEFAULT_TIME_ZONE = "America/Los_Angeles"


def _time_zone(name: str) -> str:
    """A zone name the IANA database knows, or a start-up error that says what to set."""
    try:
        pytz.timezone(name)  # the zone database Flask-Babel formats with
    except pytz.UnknownTimeZoneError:
        raise ValueError(f"BACKPACK_TIMEZONE={name!r} is not a time zone name; use one like "
                         f"{DEFAULT_TIME_ZONE!r} (see `timedatectl list-timezones`)") from None
    return name


def _secret_key(instance: Path) -> str:
    """Use SECRET_KEY when set; otherwise keep a generated one in instance/ so restarts keep sessions."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def load(overrides: dict | None = None) -> dict:
    """Build the Flask config mapping from the environment, then apply explicit overrides."""
    overrides = dict(overrides or {})
    instance = Path(overrides.get("INSTANCE_PATH") or os.environ.get("BACKPACK_INSTANCE") or DEFAULT_INSTANCE)
    origin = (overrides.get("ORIGIN") or os.environ.get("BACKPACK_ORIGIN") or "http://localhost:5000").rstrip("/")
    parts = urlsplit(origin)
    config = {
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'backpack.sqlite3'}",
        "ORIGIN": origin,
        "RP_ID": parts.hostname or "localhost",
        "RP_NAME": os.environ.get("BACKPACK_RP_NAME", "Family Backpack"),
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        # Seals the district's signing keys at rest; defaults to SECRET_KEY (changing it then needs `keys rotate`).
        "SIGNING_KEY_SECRET": os.environ.get("BACKPACK_SIGNING_KEY_SECRET") or None,
        "SESSION_IDLE_SECONDS": int(os.environ.get("BACKPACK_SESSION_IDLE_SECONDS", 3600)),
        "SESSION_ABSOLUTE_SECONDS": int(os.environ.get("BACKPACK_SESSION_ABSOLUTE_SECONDS", 12 * 3600)),
        "INVITATION_DAYS": int(os.environ.get("BACKPACK_INVITATION_DAYS", 30)),
        "UPLOAD_MAX_BYTES": int(os.environ.get("BACKPACK_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)),
        "UPLOAD_QUOTA_BYTES": int(os.environ.get("BACKPACK_UPLOAD_QUOTA_BYTES", 200 * 1024 * 1024)),  # per student
        "UPLOAD_MAX_PIXELS": int(os.environ.get("BACKPACK_UPLOAD_MAX_PIXELS", 40_000_000)),  # decompression bombs
        "UPLOAD_DIR": os.environ.get("BACKPACK_UPLOAD_DIR") or str(instance / "uploads"),
        "CORRECTION_DAYS": int(os.environ.get("BACKPACK_CORRECTION_DAYS", 45)),
        "SMTP_HOST": os.environ.get("SMTP_HOST") or None,
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", 587)),
        "SMTP_USER": os.environ.get("SMTP_USER") or None,
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD") or None,
        "MAIL_FROM": os.environ.get("BACKPACK_MAIL_FROM", "backpack@localhost"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": parts.scheme == "https" or parts.hostname not in ("localhost", "127.0.0.1"),
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "en",
        # Times are stored in UTC and shown in the district's zone; California districts by default.
        "BABEL_DEFAULT_TIMEZONE": _time_zone(os.environ.get("BACKPACK_TIMEZONE") or DEFAULT_TIME_ZONE),
        "LANGUAGES": ("en", "es"),
        "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
    }
    config["SECRET_KEY"] = overrides.pop("SECRET_KEY", None) or _secret_key(instance)
    config.update(overrides)
    return config
