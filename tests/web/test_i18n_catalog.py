"""Every word of the interface is marked for translation, and every marked word has Spanish.

Two checks, neither needing GNU gettext:
- the templates: after taking out what is marked ({% translate %}, {% blocktranslate %}), no
  text a person could read or hear is left (text between tags, and the attributes a screen
  reader or a browser shows: alt, title, aria-label, placeholder, a meta description, a
  button's value);
- the catalog: every message marked in a template or in the web and command-line code (`_()`,
  `gettext`, `gettext_lazy`, `ngettext`...) has a Spanish translation, and the compiled .mo is
  the .po's (tools/messages.py).
"""

from __future__ import annotations

import ast
import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.template import Engine
from django.template.base import Lexer, TokenType
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "waylight"
WEB = PACKAGE / "web"
# Every app's templates: the main app's and each other app's (the triage queue's).
TEMPLATE_DIRS = sorted(d for d in WEB.rglob("templates") if d.is_dir())
CODE = [PACKAGE / "web", PACKAGE / "cli", PACKAGE / "core"]
LANGUAGES = ["es"]
# Words that are the same in every language: the product's name.
SAME_IN_EVERY_LANGUAGE = {"Waylight"}
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description", "label"}
PLACEHOLDER = " "
# Blocks whose text is not for people (a CSS class).
NOT_TEXT_BLOCKS = {"body_class"}
GETTEXT_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "pgettext_noop",
}
_TEMPLATE_GETTEXT = re.compile(r'_\("([^"]*)"\)')


def template_files() -> list[Path]:
    return sorted(path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html"))


# A sentence given to an included template ({% include ... with title="Some words" %}) must be
# marked too: `title=_("Some words")`.
_LITERAL_ARGUMENT = re.compile(r'(?<![_(])(\w+)="([^"]*[^\W\d_][^"]*)"')


def _unmarked_arguments(source: str) -> list[str]:
    found = []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK and token.contents.startswith("include "):
            _, _, arguments = token.contents.partition(" with ")
            for name, value in _LITERAL_ARGUMENT.findall(arguments):
                if " " in value:
                    found.append(f"include {name}: {value!r}")
    return found


def _unmarked_source(source: str) -> str:
    """The template with every tag, variable, comment and marked text replaced by a blank."""
    out: list[str] = []
    depth = 0  # inside {% blocktranslate %}, {% comment %} or a block of CSS classes
    in_class_block = False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            words = token.contents.split()
            name = words[0] if words else ""
            if name in {"blocktranslate", "blocktrans", "comment"} or (
                name == "block" and words[1:2] and words[1] in NOT_TEXT_BLOCKS
            ):
                depth += 1
            elif name in {"endblocktranslate", "endblocktrans", "endcomment"} or (
                name == "endblock" and in_class_block
            ):
                depth -= 1
            in_class_block = (name == "block" and words[1:2] and words[1] in NOT_TEXT_BLOCKS) or (
                in_class_block and name != "endblock"
            )
            out.append(PLACEHOLDER)
        elif token.token_type in (TokenType.VAR, TokenType.COMMENT) or depth:
            out.append(PLACEHOLDER)
        else:
            out.append(token.contents)
    return "".join(out)


class _Readable(HTMLParser):
    """Text a person could read or hear, outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        values = dict(attrs)
        for name, value in attrs:
            if value and name in SHOWN_ATTRIBUTES:
                self._check(value, f"<{tag} {name}>")
        if tag == "meta" and values.get("name") == "description":
            self._check(values.get("content") or "", "<meta description>")
        if tag == "input" and values.get("type") in {"submit", "button", "reset"}:
            self._check(values.get("value") or "", "<input value>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._check(data, "text")

    def _check(self, text: str, where: str) -> None:
        words = " ".join(text.split())
        left = " ".join(w for w in words.split() if w not in SAME_IN_EVERY_LANGUAGE)
        if not re.search(r"[^\W\d_]", left):
            return  # punctuation, numbers, symbols, the product's name
        self.found.append(f"{where}: {words!r}")


def unmarked(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    parser = _Readable()
    parser.feed(_unmarked_source(source))
    parser.close()
    return parser.found + _unmarked_arguments(source)


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(WEB)))
def test_every_template_string_is_marked(path: Path) -> None:
    assert unmarked(path) == []


def test_the_checker_finds_an_unmarked_string(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<h1>{% translate "Marked" %}</h1><p title="Not marked">'
        "{% blocktranslate %}Also marked {{ x }}{% endblocktranslate %} Left out</p>"
        "<script>var ignored = 'code';</script>"
        '{% include "x.html" with a=_("Marked too") b="Not marked either" c="one-word" %}'
    )
    assert unmarked(page) == [
        "<p title>: 'Not marked'",
        "text: 'Left out'",
        "include b: 'Not marked either'",
    ]


# ------------------------------------------------------------------------------ the catalog


def template_messages() -> set[str]:
    engine = Engine(libraries={"i18n": "django.templatetags.i18n"}, builtins=[])
    found: set[str] = set()
    for path in template_files():
        source = path.read_text(encoding="utf-8")
        # Only the i18n tags matter here: every other tag is blanked so any template compiles.
        kept = []
        inside = False  # in a {% blocktranslate %}: its {{ variables }} are part of the message
        for token in Lexer(source).tokenize():
            if token.token_type == TokenType.BLOCK:
                found.update(_TEMPLATE_GETTEXT.findall(token.contents))
                name = token.contents.split()[0]
                if name.startswith("blocktrans"):
                    inside = True
                elif name.startswith("endblocktrans"):
                    inside = False
                i18n = name.startswith(("translate", "trans", "blocktrans", "endblocktrans"))
                if i18n or name in {"load", "plural"}:
                    kept.append("{% " + token.contents + " %}")
            elif token.token_type == TokenType.VAR and inside:
                kept.append("{{ " + token.contents + " }}")
            elif token.token_type == TokenType.TEXT:
                kept.append(token.contents)
        template = engine.from_string(
            re.sub(r"\{% load [^%]*%\}", "{% load i18n %}", "".join(kept))
        )
        for node in template.nodelist.get_nodes_by_type(TranslateNode):
            found.add(node.filter_expression.var.literal)
        for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
            found.add(node.render_token_list(node.singular)[0])
            if node.plural:
                found.add(node.render_token_list(node.plural)[0])
    return found


def code_messages() -> set[str]:
    found: set[str] = set()
    for folder in CODE:
        for path in folder.rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in GETTEXT_NAMES:
                    continue
                first = 1 if name.startswith("pgettext") else 0
                literals = [
                    a.value
                    for a in node.args[first : first + (2 if "ngettext" in name else 1)]
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                found.update(literals)
    return found


def test_messages_are_found_in_templates_and_code() -> None:
    assert WEB / "triage" / "templates" in TEMPLATE_DIRS
    assert "Skip to main content" in template_messages()
    assert "Triage queue" in template_messages()  # another app's templates
    assert "Help now" in code_messages()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_marked_message_has_a_translation(lang: str) -> None:
    po = PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if m.id and all(m.string if isinstance(m.string, tuple) else (m.string,))
    }
    translated |= {m.id[1] for m in catalog if isinstance(m.id, tuple) and all(m.string)}
    missing = sorted((template_messages() | code_messages()) - translated)
    assert missing == [], f"{len(missing)} messages without {lang}: run `make messages`"


def test_compiled_catalogs_are_current_and_complete() -> None:
    spec = importlib.util.spec_from_file_location(
        "messages", PACKAGE.parents[1] / "tools" / "messages.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert [p for lang in LANGUAGES for p in module.problems(lang)] == []
