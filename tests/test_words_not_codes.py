"""Words, not codes (CORE-8): every page, print view and export a demo user can open in zh-Hans shows
Chinese labels and document numbers — never an internal code such as `keys.loan.applied`, a record
link such as `repair:9`, a signer role such as `borrower`, or an English label left untranslated.

One demo build is shared by the whole crawl (a single test): every demo role of the first project
signs in and GETs every page of the URL conf — list pages directly, pages that name an object with
an object of the first project (the objects of tests/authz_matrix.py) — and the visible text of each
answer (tags, scripts, styles and attribute values stripped) or the cells of each Excel export are
searched for codes. The test also checks that the words meant to replace the codes are there.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver

from core import clock
from core.models import AuditEvent, Membership, Project, Signature
from tests import authz_matrix as matrix
from tests.test_authz_matrix import OBJECT_PARAMS, _object_of, _project_path, _url, _walk

DOTTED_CODE = re.compile(r"\b[a-z_]+\.[a-z_]+(?:\.[a-z_]+)+\b")
LINK_CODE = re.compile(r"\b[a-z_.]+:\d+\b")
ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9_@.-])[A-Za-z][a-z]{2,}(?![A-Za-z0-9_@-])")
# English a zh-Hans page may show: product and file-format names, units, the language menu.
ALLOWED_ENGLISH = {"PropDesk", "Excel", "API", "PDF", "English", "VIP", "Wi-Fi", "WiFi", "QR", "PNG", "JPEG",
                   "CSV", "Beijing", "Asia", "Shanghai"}
# A snake_case token is a code too (a signer role such as handed_by, a status such as closed_lost).
SNAKE_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
WEB_ADDRESS = re.compile(r"https?://[^\s“”]+")
MORE_OBJECTS = 4
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
SKIP_PREFIXES = ("admin/", "api/", "static/", "media/")
# Pages that are not pages: sign-out, downloads of stored files, the browsable API schema.
SKIP_NAMES = {"logout", "attachment-download", "attachment-upload", "set_language", "pages:tag"}


class _Text(HTMLParser):
    """The text a reader sees: no tags, no attribute values, nothing inside <script>/<style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(content: str) -> str:
    parser = _Text()
    parser.feed(content)
    return html.unescape(" ".join(parser.parts))


def xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    cells = []
    for sheet in book.worksheets:
        cells.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(v) for v in row if isinstance(v, str))
    return "\n".join(cells)


def problems(text: str, typed: set[str]) -> list[str]:
    """Codes and English words in `text`, leaving out what users typed into the demo (names, notes)."""
    for value in sorted(typed, key=len, reverse=True):  # "zongjingli" before a shorter "jingli"
        text = text.replace(value, " ")
    # A web address printed for people to type (under a checkpoint's or a lobby card's QR code) is an address,
    # not a word.
    text = WEB_ADDRESS.sub(" ", text)
    def where(match) -> str:
        return " ".join(text[max(0, match.start() - 15):match.end() + 15].split())

    found = [f"code {m.group(0)!r} in “{where(m)}”" for m in DOTTED_CODE.finditer(text)]
    found += [f"link code {m.group(0)!r} in “{where(m)}”" for m in LINK_CODE.finditer(text)]
    found += [f"code {m.group(0)!r} in “{where(m)}”" for m in SNAKE_CODE.finditer(text)]
    for m in ENGLISH_WORD.finditer(text):
        if m.group(0) not in ALLOWED_ENGLISH:
            found.append(f"English {m.group(0)!r} in “{where(m)}”")
    return found


def _typed_text() -> set[str]:
    """Free text and names the demo entered as a user would (may legitimately hold Latin letters)."""
    from core.models import User

    typed = set()
    for user in User.objects.all():
        typed.update(v for v in (user.username, user.display_name, user.email) if v)
    typed.add("[demo]")  # the demo marks the notes it wrote with this tag
    return {t for t in typed if t}


def _pages(first: Project) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, url) for every GET-able page of the URL conf: lists as they are, object pages with the first demo
    object of their kind; and, apart, the same object pages with up to MORE_OBJECTS further objects (records in
    other states: signed, escalated, reopened …)."""
    pages, more = [], []
    for path, name, _pattern in _walk(get_resolver().url_patterns):
        if path.startswith(SKIP_PREFIXES) or name in SKIP_NAMES or not name:
            continue
        params = [a or b for a, b in OBJECT_PARAMS.findall(path)]
        if not params:
            if "(?P" in path or "<" in path:
                continue
            pages.append((name, _url(path, {})))
            continue
        if name not in matrix.PAGE_MODELS:
            continue
        label, extra = matrix.PAGE_MODELS[name]
        obj = _object_of(apps.get_model(label), first)
        if obj is None or not set(params) <= {"pk", *extra}:
            continue
        pages.append((name, _url(path, {"pk": obj.pk, **extra})))
        model = apps.get_model(label)
        others = model.objects.filter(**{_project_path(model): first}).exclude(pk=obj.pk).order_by("-pk")
        more += [(name, _url(path, {"pk": pk, **extra})) for pk in others.values_list("pk", flat=True)[:MORE_OBJECTS]]
    return pages, more


@pytest.mark.django_db
@pytest.mark.req("CORE-8")
def test_every_page_print_view_and_export_shows_words_not_codes(settings, travel):
    # A morning in December 2026: the holiday package knows the year, so the demo opens a holiday preparation.
    travel(clock.at_beijing(dt.date(2026, 12, 7), dt.time(9, 0)))
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "zh-hans"
    call_command("demo_data", stdout=io.StringIO())
    first = Project.objects.order_by("pk").first()
    typed = _typed_text()
    pages, more = _pages(first)
    assert len(pages) > 60, pages

    # One user per role of the first project.
    by_role = {}
    for m in Membership.objects.filter(project=first).select_related("user").order_by("role", "user_id"):
        by_role.setdefault(m.role, m.user)
    assert len(by_role) >= 8, by_role

    failures, seen, opener, opened = [], {}, {}, 0

    def read(client, role, name, url) -> None:
        nonlocal opened
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{role} GET {url} [{name}] -> {response.status_code}")
            return
        if response.status_code != 200:
            return
        opened += 1
        opener.setdefault(name, client)
        kind = response.get("Content-Type", "")
        if "spreadsheetml" in kind:
            text = xlsx_text(response.content)
        elif "html" in kind:
            page = response.content.decode()
            text = visible_text(page)
            title = TITLE.search(page)
            if title and "<" in title.group(1):  # a browser shows a title's markup as text, in the tab
                failures.append(f"{role} {url} [{name}]: markup in the page's title: {title.group(1)[:80]!r}")
        else:
            return
        seen.setdefault(name, text)
        for problem in problems(text, typed):
            failures.append(f"{role} {url} [{name}]: {problem}")

    for role, user in sorted(by_role.items()):
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans", raise_request_exception=False)
        client.force_login(user)
        for name, url in pages:
            read(client, role, name, url)
    # Further objects of each kind, read by the first role that could open the kind's page.
    for name, url in more:
        if name in opener:
            read(opener[name], "(same role)", name, url)
    unique = sorted({f.split(": ", 1)[1] + "  @" + f.split(" ")[1] for f in failures if ": " in f})
    assert not failures, f"{len(failures)} problems ({len(unique)} distinct):\n" + "\n".join(unique[:150])
    print(f"{len(by_role)} roles, {len(pages)} pages, {opened} answers read")
    assert opened > 200, opened

    # The words that replace the codes are really there, where the codes were.
    loan = _object_of(apps.get_model("keys.KeyLoan"), first)
    kinds = set(AuditEvent.objects.filter(target_type="keys.keyloan", target_id=str(loan.pk))
                .values_list("action", flat=True))
    capacities = set(Signature.objects.filter(object_id=str(loan.pk), content_type__model="keyloan")
                     .values_list("capacity", flat=True))
    assert {"keys.loan.applied", "core.signature.signed"} <= kinds and "borrower" in capacities, (kinds, capacities)
    loan_page = seen["pages:loan"]
    for words in ("申请借用钥匙", "签认 · 借用人", "借用人:", "发放人:"):
        assert words in loan_page, (words, loan_page[-1500:])
    assert "前台接待" in seen["desk:compliance"]
    assert "楼栋" in seen["pages:key-new"] and "房号" in seen["pages:key-new"]
    assert "来源渠道" in seen["desk:complaints-new"] and "公示渠道" in seen["duty:holidays-prep"]

    # A contact that became a repair names the repair by its number (BX-…), linked to its page.
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(by_role["cs_assistant"])
    Contact, Repair = apps.get_model("desk.Contact"), apps.get_model("desk.Repair")
    contact = Contact.objects.filter(project=first, matter_ref__startswith="repair:").first()
    repair = Repair.objects.get(pk=int(contact.matter_ref.split(":")[1]))
    assert repair.serial.startswith("BX-")
    content = client.get(f"/desk/contacts/{contact.pk}/").content.decode()
    assert f'<a href="/desk/repairs/{repair.pk}/">{repair.serial}</a>' in content
    register = visible_text(client.get("/desk/contacts/print/").content.decode())
    assert repair.serial in register and contact.matter_ref not in register

    # A refusal on a page reads as one sentence citing the regulation's words (it read
    # "[DUTY-LOG-2: 001 篇2 b 1] 客户之投诉电话投诉人]").
    refused = client.post("/duty/log/", {"kind": "complaint_call", "what_happened": "住户来电投诉噪音",
                                         "severity": "normal"}, follow=True)
    said = visible_text(refused.content.decode())
    assert "（依据 DUTY-LOG-2：001 篇2 b(1) 一般需要记录的事项:客户之投诉电话投诉人）" in said, said[:3000]
    assert "b 1]" not in said

    # In Traditional Chinese the same history reads as a TW/HK clerk writes it (the reviewed glossary).
    hant = Client(HTTP_ACCEPT_LANGUAGE="zh-hant")
    hant.force_login(by_role["cs_assistant"])
    hant_page = visible_text(hant.get(f"/keys/loans/{loan.pk}/").content.decode())
    assert "申請借用鑰匙" in hant_page and "簽認 · 借用人" in hant_page and "籤" not in hant_page, hant_page[-1500:]

    # The audit API keeps the kind for programs and gives the words beside it.
    answer = client.get(f"/api/audit/?target_type=keys.keyloan&target_id={loan.pk}", HTTP_ACCEPT="application/json")
    assert answer.status_code == 200, answer.status_code
    rows = answer.json()
    rows = rows.get("results", rows) if isinstance(rows, dict) else rows
    by_kind = {row["action"]: row["action_label"] for row in rows}
    assert by_kind["keys.loan.applied"] == "申请借用钥匙", by_kind
    assert by_kind["core.signature.signed"].startswith("签认 · "), by_kind


SOURCES = ("core", "keys", "duty", "desk", "archives", "siteoffice")


def _source_texts():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for app in SOURCES:
        for path in (root / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts or "testing" in path.parts:
                continue
            yield path, path.read_text(encoding="utf-8")


@pytest.mark.req("CORE-8")
def test_every_audit_event_kind_and_signer_role_the_code_writes_has_a_label():
    from core import labels

    kinds, templates, roles = set(), set(), set()
    for _path, text in _source_texts():
        for literal in re.findall(r"action\s*=\s*(f?)\"([a-z_]+\.[a-z_{}.]+)\"", text):
            (templates if literal[0] else kinds).add(literal[1])
        roles.update(re.findall(r"capacity=\"([a-z_0-9]+)\"", text))
        roles.update(re.findall(r"(?:CAPACITY|RESIDENT_CAPACITY)\s*=\s*\"([a-z_0-9]+)\"", text))
        for group in re.findall(r"WITNESS_CAPACITIES\s*=\s*\(([^)]*)\)", text):
            roles.update(re.findall(r"\"([a-z_0-9]+)\"", group))
    kinds.discard("test.event")
    assert len(kinds) > 150, len(kinds)
    known = labels.known_event_kinds()
    assert not kinds - known, sorted(kinds - known)
    for template in templates:  # f"keys.transfer.{transfer.status}": some label covers each such family
        pattern = re.compile("^" + re.sub(r"\\{[^}]*\\}", "[a-z_]+", re.escape(template)) + "$")
        assert any(pattern.match(k) for k in known), template
    from duty.states import SignoffKind

    roles |= set(SignoffKind.values)
    assert {"borrower", "issuer", "witness_1", "outgoing", "repair_completion"} <= roles
    assert not roles - labels.known_signer_roles(), sorted(roles - labels.known_signer_roles())


@pytest.mark.req("CORE-8")
def test_labels_are_words_in_chinese_and_unknown_codes_fall_back_to_a_word():
    from django.utils import translation

    from core import labels

    with translation.override("zh-hans"):
        assert labels.event_label("keys.loan.applied") == "申请借用钥匙"
        assert labels.event_label("core.signature.signed") == "签认"
        assert labels.event_label("duty.log.manager_signoff") == "客服经理签字确认值班日志"
        assert labels.signer_role_label("borrower") == "借用人"
        assert labels.signer_role_label("issuer") == "发放人"
        assert labels.event_label("keys.nothing.happened") == "记录变更"
        assert labels.signer_role_label("somebody") == "签认人"
        assert labels.ref_words("BX-2026-0001") == "BX-2026-0001"
        assert labels.ref_words("demo:tag") == ""
        text = labels.refusal_text("请填写投诉人。", "DUTY-LOG-2", "001 篇2 b(1) 客户之投诉电话投诉人")
        assert text == "请填写投诉人。（依据 DUTY-LOG-2：001 篇2 b(1) 客户之投诉电话投诉人）"
        from django.utils.translation import gettext

        from core.errors import DomainError
        from duty.services.log import PEOPLE_REQUIRED

        assert PEOPLE_REQUIRED  # the refusal below is the one a phone complaint without its complainant gets
        refusal = str(DomainError(gettext("Name the complainant of a phone complaint."), rule="DUTY-LOG-2",
                                  clause="001 篇2 b(1) 一般需要记录的事项:客户之投诉电话投诉人"))
        assert refusal.endswith("（依据 DUTY-LOG-2：001 篇2 b(1) 一般需要记录的事项:客户之投诉电话投诉人）"), refusal
        assert "[" not in refusal and "]" not in refusal
    with translation.override("zh-hant"):
        assert labels.signer_role_label("borrower") == "借用人"
        assert "簽認" == labels.event_label("core.signature.signed")


@pytest.mark.django_db
@pytest.mark.req("CORE-8")
def test_a_reference_names_its_record_by_document_number_and_page():
    from core import labels
    from core.demo import build_world
    from desk.demo import build_desk

    world = build_world()
    build_desk(world)
    repair = apps.get_model("desk.Repair").objects.order_by("pk").first()
    complaint = apps.get_model("desk.Complaint").objects.order_by("pk").first()
    assert labels.record_ref(f"repair:{repair.pk}") == labels.RecordRef(repair.serial, f"/desk/repairs/{repair.pk}/")
    assert labels.record_ref(f"desk.repair:{repair.pk}").number == repair.serial
    assert labels.record_number(f"complaint:{complaint.pk}") == complaint.serial
    assert complaint.serial.startswith("TS-")
    assert labels.record_ref("repair:987654321") is None
    assert labels.record_number("unknown:1") == ""

    # A refusal naming the matter a contact became gives its number, not "repair:9".
    from django.utils import translation

    from core.errors import Conflict
    from desk.services.intake import require_no_matter

    contact = apps.get_model("desk.Contact").objects.filter(matter_ref__startswith="repair:").first()
    contact.status = "routed"  # open, as when it was turned into the repair
    with translation.override("zh-hans"), pytest.raises(Conflict) as refused:
        require_no_matter(contact)
    number = labels.record_number(contact.matter_ref)
    assert number.startswith("BX-") and number in str(refused.value.message)
    assert contact.matter_ref not in str(refused.value.message)


@pytest.mark.req("CORE-8")
def test_no_traditional_chinese_string_keeps_a_form_the_glossary_corrects():
    """zh_Hant comes from OpenCC; the reviewed glossary (locale/zh_Hant_glossary.tsv) overrides the
    converter with what a Taiwan or Hong Kong clerk writes, e.g. 簽認 instead of the converter's 籤認."""
    from pathlib import Path

    import polib

    from scripts.i18n import GLOSSARY, glossary

    rows = glossary()
    assert ("籤認", "簽認") in [(m, r) for m, r, _why in rows] and all(why.strip() for _m, _r, why in rows)
    root = Path(GLOSSARY).parent
    hant = polib.pofile(str(root / "zh_Hant/LC_MESSAGES/django.po"))
    texts = [e.msgstr for e in hant] + [v for e in hant for v in e.msgstr_plural.values()]
    wrong = sorted({f"{m} in {t!r}" for t in texts for m, _r, _w in rows if m in t})
    assert not wrong, wrong[:30]
    signed = [t for t in texts if "簽認" in t]
    assert len(signed) >= 33, len(signed)
    assert any("台帳" in t for t in texts) and any("啟" in t for t in texts)
    # The compiled catalogue a user's machine reads is the reviewed one.
    assert "簽認" in (root / "zh_Hant/LC_MESSAGES/django.mo").read_bytes().decode("utf-8", "ignore")
