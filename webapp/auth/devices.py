"""Plain names for browsers, so people recognise their passkeys and sessions ("Chrome on Android")."""
from __future__ import annotations

from flask_babel import gettext as _

SYSTEMS = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"),
           ("Mac OS X", "Mac"), ("Macintosh", "Mac"), ("CrOS", "Chromebook"), ("Linux", "Linux"))
BROWSERS = (("Edg/", "Edge"), ("SamsungBrowser", "Samsung Internet"), ("Firefox", "Firefox"), ("FxiOS", "Firefox"),
            ("CriOS", "Chrome"), ("Chrome", "Chrome"), ("Chromium", "Chromium"), ("Safari", "Safari"))


def describe_device(user_agent: str | None) -> str:
    ua = user_agent or ""
    system = next((name for marker, name in SYSTEMS if marker in ua), None)
    browser = next((name for marker, name in BROWSERS if marker in ua), None)
    if system and browser:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    return system or browser or _("Unknown device")
