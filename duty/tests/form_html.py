"""Read a rendered page the way a browser fills its forms: the value a field starts with, the option a
select shows, the element that takes the focus. Standard library only (html.parser)."""
from __future__ import annotations

from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.form_id: str | None = None
        self.fields: list[dict] = []  # inputs, textareas and selects in document order
        self.select: dict | None = None
        self.option: dict | None = None
        self.group = ""
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form_id = attrs.get("id") or ""
        elif tag in ("input", "select", "textarea"):
            field = {"tag": tag, "form": self.form_id, "name": attrs.get("name"), "id": attrs.get("id"),
                     "type": attrs.get("type", "text"), "value": attrs.get("value", ""),
                     "autofocus": "autofocus" in attrs, "required": "required" in attrs, "options": []}
            self.fields.append(field)
            if tag == "select":
                self.select = field
            elif tag == "textarea":
                self.textarea, field["value"] = field, ""
        elif tag == "optgroup":
            self.group = attrs.get("label", "")
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "label": "", "group": self.group,
                           "selected": "selected" in attrs}
            self.select["options"].append(self.option)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form_id = None
        elif tag == "select":
            self.select = None
        elif tag == "optgroup":
            self.group = ""
        elif tag == "option":
            self.option = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.option is not None:
            self.option["label"] += data
        elif self.textarea is not None:
            self.textarea["value"] += data


def _parse(html: str) -> list[dict]:
    page = _Page()
    page.feed(html)
    for field in page.fields:
        for option in field["options"]:
            option["label"] = option["label"].strip()
            if option["value"] is None:
                option["value"] = option["label"]
        if field["tag"] == "select":
            chosen = [o for o in field["options"] if o["selected"]] or field["options"][:1]
            field["value"] = chosen[-1]["value"] if chosen else ""  # a browser shows the last "selected"
    return page.fields


def form_values(html: str, form_id: str) -> dict[str, dict]:
    """The fields of the form with this id, by name: {"value", "options", "autofocus", ...}."""
    return {f["name"]: f for f in _parse(html) if f["form"] == form_id and f["name"]}


def autofocused(html: str) -> list[str]:
    """Ids of the fields carrying autofocus, in document order (a browser focuses the first)."""
    return [f["id"] or f["name"] for f in _parse(html) if f["autofocus"]]
