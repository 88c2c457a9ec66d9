"""Helpers for browser tests (Playwright pages from the project conftest's `page` / `phone_page`)."""
from __future__ import annotations

from core.testing.fixtures import PASSWORD


def sign_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form and wait for the home page."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")

