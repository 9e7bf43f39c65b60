"""Every route states who may call it (`webapp.access.public` or `requires`)."""


def test_every_route_declares_access(app):
    undeclared = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        if not getattr(view, "access", None):
            undeclared.append(f"{rule.rule} ({rule.endpoint})")
    assert undeclared == [], "routes without an access declaration: " + ", ".join(undeclared)
