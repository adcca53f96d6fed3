"""The translation catalogs of the web app and the command line (docs/languages.md).

    .venv/bin/python tools/messages.py extract   # marked strings -> locale/<lang>/.../django.po
    .venv/bin/python tools/messages.py compile   # django.po -> django.mo (Babel, no msgfmt)
    .venv/bin/python tools/messages.py check     # every message translated, every .mo current

`make messages` runs extract then compile. Extraction is Django's `makemessages` over the
package (templates and Python, `_()` / `gettext` / `{% translate %}`); it needs GNU gettext's
xgettext (`apt-get install gettext`). Compiling and checking use Babel only, so the compiled
.mo files are committed beside their .po files: `pip install`, `make run` and `waylight serve`
need no gettext tools at all, and a test fails if a .mo is older than its .po.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "waylight"
LOCALE = PACKAGE / "locale"
DOMAIN = "django"
# Folders with no user-facing strings to extract: content is translated as data, not gettext.
IGNORE = ("content", "web/static", "locale", "core/textrisk")


def languages() -> list[str]:
    """The languages with a catalog (every language Waylight speaks but English)."""
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def extract(langs: list[str]) -> None:
    """Refresh each language's .po from the marked strings (keeps existing translations)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "waylight.web.settings",
        # makemessages imports the settings; keep any keys it makes out of the user's folders.
        "WAYLIGHT_DATA_DIR": tempfile.mkdtemp(prefix="waylight-messages-"),
        "WAYLIGHT_KEYS_DIR": tempfile.mkdtemp(prefix="waylight-messages-keys-"),
    }
    command = [
        sys.executable, "-m", "django", "makemessages", "--no-location", "--no-obsolete",
        "--extension", "html,txt,py", *[f"--ignore={folder}/*" for folder in IGNORE],
    ]  # fmt: skip
    for lang in langs:
        subprocess.run([*command, "--locale", lang], cwd=PACKAGE, env=env, check=True)


def compiled(lang: str) -> bytes:
    """The .mo bytes for a language's .po, as Babel writes them."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all(langs: list[str]) -> None:
    for lang in langs:
        mo_path(lang).write_bytes(compiled(lang))


def problems(lang: str) -> list[str]:
    """Why a catalog is not ready to ship: untranslated or fuzzy messages, a stale .mo."""
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    found: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            found.append(f"{lang}: not translated: {message.id!r}")
        elif message.fuzzy:
            found.append(f"{lang}: marked fuzzy (check it, then remove the flag): {message.id!r}")
    if not mo_path(lang).is_file() or mo_path(lang).read_bytes() != compiled(lang):
        found.append(f"{lang}: {mo_path(lang).name} is not the compiled {po_path(lang).name}")
    return found


def main(argv: list[str]) -> int:
    action = argv[0] if argv else "check"
    langs = argv[1:] or languages()
    if action == "extract":
        extract(langs)
    elif action == "compile":
        compile_all(langs)
    elif action == "check":
        found = [p for lang in langs for p in problems(lang)]
        for problem in found:
            print(problem)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
