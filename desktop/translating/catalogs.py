"""The translator workflow behind ``migrant-directory i18n …``: extract, update, init,
compile, stats and check.

Extract, update and init are Babel's own commands (``babel.messages.frontend``, the
classes behind ``pybabel``), configured here; compile is Babel's ``.mo`` writer. What the
project adds around them: the ``X-Translation-Status`` header (Babel drops header fields
it does not know), a template rewritten only when a string changed, and the checks a
catalog must pass before it is compiled (strict syntax, placeholders, brace formats,
plural forms).

Layout (``translations/``)::

    babel.cfg                             which files hold user-visible strings
    messages.pot                          the template: every source string
    <locale>/LC_MESSAGES/messages.po      one catalog per language (edited by translators)
    <locale>/LC_MESSAGES/messages.mo      compiled by ``i18n compile`` (a build output)

A catalog's header field ``X-Translation-Status`` is ``draft`` or ``reviewed``: a draft
may have untranslated strings and is shown as "draft" in the language picker.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages import frontend
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, write_po

from desktop import APP_NAME, __version__
from desktop.errors import UserError
from desktop.files import write_atomically
from desktop.i18n.languages import DRAFT, REVIEWED, STATUS_HEADER
from desktop.i18n.po_files import ProjectCatalog, read_catalog

DOMAIN = "messages"
# The project's gettext functions (``desktop.i18n``) and where their arguments are, in
# ``pybabel extract -k`` notation.
KEYWORDS = ("_", "N_", "gettext", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3")
# Folders ``extract`` never walks (besides Babel's own ``.*`` and ``_*``): build outputs.
IGNORED_DIRS = (".*", "_*", "build", "dist", "bench-out")
# ``# Translators: …`` comments just above a string reach the translator.
COMMENT_TAGS = ("Translators:",)
WIDTH = 76
FIX_HINT = "run: migrant-directory i18n extract && migrant-directory i18n update"
HEADER_COMMENT = """\
# {language} translation of Migrant Community Directory.
# Distributed under the same licence as the project (GPL-3.0-or-later).
# How to translate: translations/README.md
#"""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing ``i18n check`` (or ``compile``) found wrong, at a file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# --- paths ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Layout:
    """Where the catalogs and the sources live (the real tree, or a test's temp copy)."""

    translations: Path
    source_root: Path

    @classmethod
    def default(cls) -> Layout:
        from desktop import paths

        return cls(paths.translations_dir(), paths.app_root())

    @property
    def config(self) -> Path:
        return self.translations / "babel.cfg"

    @property
    def template(self) -> Path:
        return self.translations / f"{DOMAIN}.pot"

    def po_path(self, locale: str) -> Path:
        return self.translations / locale / "LC_MESSAGES" / f"{DOMAIN}.po"

    def locales(self) -> list[str]:
        if not self.translations.is_dir():
            return []
        return sorted(
            child.name for child in self.translations.iterdir()
            if (child / "LC_MESSAGES" / f"{DOMAIN}.po").exists()
        )

    def display(self, path: Path) -> str:
        """Paths in messages are relative to the project, as a translator sees them."""
        try:
            return str(path.resolve().relative_to(self.source_root.resolve()))
        except ValueError:
            return str(path)


# --- reading and writing -------------------------------------------------------------

def render_catalog(catalog: Catalog) -> bytes:
    """A catalog as Babel's commands write it (same width, line numbers, no obsolete)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, ignore_obsolete=True)
    return buffer.getvalue()


def _run_babel(command: type[frontend.CommandMixin], **options: object) -> None:
    """Run one of Babel's commands (what ``pybabel NAME`` runs) with these options."""
    babel_command = command()
    babel_command.initialize_options()
    for name, value in options.items():
        if not hasattr(babel_command, name):
            raise AttributeError(f"{command.__name__} has no option {name!r}")
        setattr(babel_command, name, value)
    babel_command.finalize_options()
    # Babel narrates each file at INFO; the commands print their own one-line summary.
    babel_log = logging.getLogger("babel")
    previous_level = babel_log.level
    babel_log.setLevel(logging.WARNING)
    try:
        babel_command.run()
    finally:
        babel_log.setLevel(previous_level)


def _write_atomically(path: Path, data: bytes) -> None:
    write_atomically(path, data)


def _key(message: Message) -> tuple[str | None, str | tuple[str, ...]]:
    message_id = message.id if isinstance(message.id, str) else tuple(message.id)
    return (message.context, message_id)


def _messages(catalog: Catalog) -> Iterator[Message]:
    for message in catalog:
        if message.id:
            yield message


def _content(catalog: Catalog) -> list[tuple[object, ...]]:
    """What a catalog says, ignoring dates, so unchanged catalogs are not rewritten."""
    def strings(message: Message) -> object:
        # An extracted template has ``None`` where a read one has "" or ("", "").
        value = message.string
        return value if value and any(value if isinstance(value, tuple) else [value]) else ""

    return [
        (_key(m), strings(m), sorted(m.flags), sorted(set(m.locations)), m.auto_comments,
         m.user_comments)
        for m in _messages(catalog)
    ]


def _header_content(catalog: ProjectCatalog) -> list[tuple[str, str]]:
    skip = {"pot-creation-date", "po-revision-date", "generated-by"}
    return [(k, v) for k, v in catalog.mime_headers if k.lower() not in skip]


# --- extract -------------------------------------------------------------------------

def _extracted(layout: Layout) -> tuple[ProjectCatalog, bytes]:
    """The template Babel extracts from the source: as a catalog, and as Babel wrote it."""
    if not layout.config.exists():
        raise UserError("the extraction mapping is missing", path=layout.config)
    # Babel names each string's file relative to the folder it walks: the project root.
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(layout.source_root):
        output = Path(folder) / f"{DOMAIN}.pot"
        _run_babel(
            frontend.ExtractMessages,
            input_paths=["."],
            mapping_file=str(layout.config),
            output_file=str(output),
            keywords=list(KEYWORDS),
            no_default_keywords=True,
            add_comments=list(COMMENT_TAGS),
            strip_comments=True,
            ignore_dirs=list(IGNORED_DIRS),
            width=WIDTH,
            project=APP_NAME,
            version=__version__,
            msgid_bugs_address="",
            copyright_holder="",
            header_comment=HEADER_COMMENT.format(language="Template for a"),
        )
        return read_catalog(output), output.read_bytes()


def extract_messages(layout: Layout) -> ProjectCatalog:
    """Every translatable string in the source, as a template catalog (with the file and
    line of each string, and the ``# Translators:`` comment above it)."""
    return _extracted(layout)[0]


def write_template(layout: Layout) -> tuple[bool, int]:
    """Extract into ``messages.pot``; returns (changed, number of strings).

    The file is rewritten only when a string, comment or file reference changed, so an
    extraction with nothing new leaves git clean.
    """
    catalog, written = _extracted(layout)
    if layout.template.exists():
        previous = read_catalog(layout.template)
        if _content(previous) == _content(catalog):
            return False, len(catalog)
    _write_atomically(layout.template, written)
    return True, len(catalog)


# --- update and init -----------------------------------------------------------------

def _read_template(layout: Layout) -> ProjectCatalog:
    if not layout.template.exists():
        raise UserError("the template is missing: run `migrant-directory i18n extract` first",
                        path=layout.template)
    return read_catalog(layout.template)


def update_catalogs(layout: Layout, locales: Iterable[str] | None = None) -> list[str]:
    """Merge the template into each catalog (new strings, removed strings, fuzzy guesses
    for changed ones); returns the locales whose file changed."""
    _read_template(layout)
    changed = []
    for locale in locales or layout.locales():
        path = layout.po_path(locale)
        catalog = _read_po_or_fail(layout, path, locale)
        before = (_content(catalog), _header_content(catalog))
        with tempfile.TemporaryDirectory() as folder:
            merged = Path(folder) / path.name
            merged.write_bytes(path.read_bytes())
            _run_babel(frontend.UpdateCatalog, input_file=str(layout.template),
                       output_file=str(merged), locale=locale, domain=DOMAIN, width=WIDTH,
                       ignore_obsolete=True, ignore_pot_creation_date=True)
            updated = read_catalog(merged, locale)
        # Babel drops the header fields it does not know: the review status comes back.
        updated.extra_headers = dict(catalog.extra_headers)
        if (_content(updated), _header_content(updated)) == before:
            continue
        updated.revision_date = dt.datetime.now(dt.UTC)
        _write_atomically(path, render_catalog(updated))
        changed.append(locale)
    return changed


def _read_po_or_fail(layout: Layout, path: Path, locale: str) -> ProjectCatalog:
    try:
        return read_catalog(path, locale, strict=True)
    except PoFileError as error:
        raise UserError(f"line {error.lineno + 1}: {error.args[0]}",
                        path=layout.display(path)) from None


def init_catalog(layout: Layout, locale: str, *, status: str = DRAFT) -> Path:
    """Start a catalog for a new language from the template (marked draft)."""
    try:
        cldr = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        raise UserError(f"{locale!r} is not a language code Babel knows "
                        "(use e.g. 'am', 'ti', 'pt_BR')") from None
    path = layout.po_path(locale)
    if path.exists():
        raise UserError("this catalog already exists; run `migrant-directory i18n update`",
                        path=layout.display(path))
    _read_template(layout)
    with tempfile.TemporaryDirectory() as folder:
        started = Path(folder) / path.name
        _run_babel(frontend.InitCatalog, input_file=str(layout.template),
                   output_file=str(started), locale=locale, domain=DOMAIN, width=WIDTH)
        catalog = read_catalog(started, locale)
    catalog.revision_date = dt.datetime.now(dt.UTC)
    catalog.language_team = f"{cldr.get_display_name('en')} <{locale}@li.org>"
    catalog.status = status
    catalog.fuzzy = False  # a fuzzy header would make gettext tools skip the whole catalog
    catalog.header_comment = HEADER_COMMENT.format(language=cldr.get_display_name("en"))
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, render_catalog(catalog))
    return path


def set_status(layout: Layout, locale: str, status: str) -> Path:
    """Mark a catalog ``draft`` or ``reviewed`` (the header ``X-Translation-Status``)."""
    if status not in (DRAFT, REVIEWED):
        raise UserError(f"the status must be '{DRAFT}' or '{REVIEWED}', not {status!r}")
    path = layout.po_path(locale)
    if not path.exists():
        raise UserError("there is no such catalog; start one with `migrant-directory i18n "
                        f"init {locale}`", path=layout.display(path))
    catalog = _read_po_or_fail(layout, path, locale)
    catalog.status = status
    _write_atomically(path, render_catalog(catalog))
    return path


# --- compile -------------------------------------------------------------------------

def compile_catalogs(layout: Layout, locales: Iterable[str] | None = None) -> list[Problem]:
    """Write ``messages.mo`` for every catalog that compiles cleanly; return the problems.

    A catalog with errors is not written (its previous ``.mo``, if any, stays), because
    a broken format string would raise at run time in the middle of a screen.
    """
    problems: list[Problem] = []
    for locale in locales or layout.locales():
        path = layout.po_path(locale)
        catalog, catalog_problems = _compile_problems(layout, path, locale)
        problems += catalog_problems
        if catalog is None or catalog_problems:
            continue
        # Babel's own compile command reads the catalog with a reader that drops the review
        # status; the app needs it in the .mo (a bundle ships no .po), so the catalog read
        # here, status and all, goes to Babel's .mo writer.
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        _write_atomically(path.with_suffix(".mo"), buffer.getvalue())
    return problems


def _compile_problems(
    layout: Layout, path: Path, locale: str
) -> tuple[ProjectCatalog | None, list[Problem]]:
    shown = layout.display(path)
    try:
        catalog = read_catalog(path, locale, strict=True)
    except PoFileError as error:
        return None, [Problem(shown, error.lineno + 1, f"does not compile: {error.args[0]}")]
    except (UnicodeDecodeError, ValueError) as error:
        return None, [Problem(shown, 1, f"does not compile: {error}")]
    # Fuzzy entries are not compiled, so a stale guess cannot break anything at run time.
    problems = [
        Problem(shown, message.lineno or 1, f"does not compile: {error}")
        for message, errors in catalog.check()
        for error in errors
        if not message.fuzzy
    ]
    try:
        write_mo(io.BytesIO(), catalog, use_fuzzy=False)
    except Exception as error:  # Babel raises plain exceptions on inconsistent catalogs
        problems.append(Problem(shown, 1, f"does not compile: {error}"))
    return catalog, problems


# --- stats ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Stats:
    locale: str
    translated: int
    fuzzy: int
    untranslated: int
    status: str

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return not message.fuzzy and all(strings)


def catalog_stats(layout: Layout, locale: str) -> Stats:
    catalog = _read_po_or_fail(layout, layout.po_path(locale), locale)
    translated = fuzzy = untranslated = 0
    for message in _messages(catalog):
        if message.fuzzy:
            fuzzy += 1
        elif is_translated(message):
            translated += 1
        else:
            untranslated += 1
    return Stats(locale, translated, fuzzy, untranslated, catalog.status)


def stats_table(stats: list[Stats]) -> str:
    header = ("locale", "translated", "fuzzy", "untranslated", "%", "status")
    rows = [header] + [
        (s.locale, str(s.translated), str(s.fuzzy), str(s.untranslated),
         f"{s.percent:.0f}%", s.status)
        for s in stats
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:-1], strict=True)
        ] + [row[-1]]
        lines.append("  ".join(cells))
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


# --- check ---------------------------------------------------------------------------

_PRINTF = re.compile(
    r"%(?:\((?P<name>[A-Za-z_][A-Za-z0-9_]*)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?"
    r"(?P<type>[sdifFeEgGxXorca%])"
)
_BRACE = re.compile(
    r"\{\{|\}\}|\{(?P<field>[A-Za-z_0-9]*)(?:[.\[][^{}!:]*)?(?:![rsa])?(?::[^{}]*)?\}"
)


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """(named placeholders, positional placeholders) of a message, e.g.
    ``"%(count)d near {city}"`` → (["%(count)d", "{city}"], [])."""
    named: list[str] = []
    positional: list[str] = []
    for match in _PRINTF.finditer(text):
        if match.group("type") == "%":
            continue
        if match.group("name"):
            named.append(f"%({match.group('name')}){match.group('type')}")
        else:
            positional.append(f"%{match.group('type')}")
    for match in _BRACE.finditer(text):
        if match.group() in ("{{", "}}"):
            continue
        field = match.group("field")
        if field and not field.isdigit():
            named.append(f"{{{field}}}")
        else:
            positional.append(f"{{{field}}}")
    return sorted(named), sorted(positional)


def _placeholder_problems(message: Message) -> list[str]:
    """Translations must use the source's placeholders: none new, none misspelt.

    Plural forms may leave out a named placeholder (Arabic's "one" form need not repeat
    the number), but the last ("other") form must carry them all; positional ``%s``
    placeholders must match exactly, since ``%`` fails on a missing or extra one.
    """
    if isinstance(message.id, str):
        sources = [message.id]
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
    else:
        sources = list(message.id)
        strings = list(message.string) if isinstance(message.string, (list, tuple)) else [
            message.string]
    source_named: set[str] = set()
    source_positionals: list[list[str]] = []
    for source in sources:
        named, positional = placeholders(source)
        source_named |= set(named)
        source_positionals.append(positional)
    plural_named = set(placeholders(sources[-1])[0])
    problems = []
    for index, string in enumerate(strings):
        if not string:
            continue
        named, positional = placeholders(string)
        unknown = sorted(set(named) - source_named)
        if unknown:
            problems.append(f"placeholder {', '.join(unknown)} is not in the source text")
        missing = sorted((plural_named if len(sources) > 1 else source_named) - set(named))
        is_last_form = index == len(strings) - 1
        if missing and (len(sources) == 1 or is_last_form):
            problems.append(f"placeholder {', '.join(missing)} from the source is missing")
        if positional not in source_positionals:
            problems.append(
                f"positional placeholders {positional or 'none'} differ from the source's "
                f"{source_positionals[-1] or 'none'}"
            )
    return problems


def expected_plural_count(locale: str) -> int:
    return get_plural(locale).num_plurals


def _plural_forms_line(path: Path) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith('"Plural-Forms:'):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def check_catalogs(layout: Layout, *, extract: bool = True) -> list[Problem]:
    """Everything ``i18n check`` reports, sorted by file and line."""
    problems: list[Problem] = []
    template_shown = layout.display(layout.template)
    if not layout.template.exists():
        return [Problem(template_shown, 1,
                        "missing: run `migrant-directory i18n extract && migrant-directory "
                        "i18n update`")]
    try:
        template = read_catalog(layout.template, strict=True)
    except PoFileError as error:
        return [Problem(template_shown, error.lineno + 1, f"does not parse: {error.args[0]}")]
    template_keys = {_key(m): m for m in _messages(template)}

    if extract:
        fresh = extract_messages(layout)
        fresh_keys = {_key(m): m for m in _messages(fresh)}
        for key, message in fresh_keys.items():
            if key not in template_keys:
                filename, lineno = message.locations[0]
                problems.append(Problem(
                    filename, lineno or 1,
                    f"out of date: new string {_describe(message)} is not in "
                    f"{template_shown} ({FIX_HINT})"))
        for key, message in template_keys.items():
            if key not in fresh_keys:
                problems.append(Problem(
                    template_shown, message.lineno or 1,
                    f"out of date: {_describe(message)} is no longer in the source "
                    f"({FIX_HINT})"))
        problems += _uncommented_placeholders(fresh_keys.values())

    for locale in layout.locales():
        problems += _check_catalog(layout, locale, template_keys)
    return sorted(set(problems))


def _uncommented_placeholders(messages: Iterable[Message]) -> list[Problem]:
    """A string filled in at run time needs a ``# Translators:`` comment saying with what:
    without it, "Emergency in %(country)s" became "en Portugal" and "em Brasil"."""
    problems = []
    for message in messages:
        texts = [message.id] if isinstance(message.id, str) else list(message.id)
        filled = sorted({p for text in texts for kind in placeholders(text) for p in kind})
        if filled and not message.auto_comments:
            filename, lineno = message.locations[0]
            problems.append(Problem(
                filename, lineno or 1,
                f"{_describe(message)} needs a '# Translators:' comment just above it "
                f"saying what fills {', '.join(filled)}"))
    return problems


def _describe(message: Message) -> str:
    text = message.id if isinstance(message.id, str) else message.id[0]
    text = text if len(text) <= 60 else text[:57] + "…"
    context = f" (context {message.context!r})" if message.context else ""
    return f"{text!r}{context}"


def _check_catalog(
    layout: Layout, locale: str, template_keys: dict[object, Message]
) -> list[Problem]:
    path = layout.po_path(locale)
    shown = layout.display(path)
    catalog, problems = _compile_problems(layout, path, locale)
    if catalog is None:
        return problems
    # The plural count is reported below, once, with the expected number.
    problems = [p for p in problems if "number of plural forms" not in p.message]

    catalog_keys = {_key(m): m for m in _messages(catalog)}
    for key, message in template_keys.items():
        if key not in catalog_keys:
            problems.append(Problem(shown, 1, f"out of date: {_describe(message)} is "
                                               f"missing ({FIX_HINT})"))
    for key, message in catalog_keys.items():
        if key not in template_keys:
            problems.append(Problem(shown, message.lineno or 1,
                                    f"out of date: {_describe(message)} is not in the "
                                    f"template any more ({FIX_HINT})"))

    try:
        expected = expected_plural_count(locale)
    except (UnknownLocaleError, ValueError):
        expected = catalog.num_plurals
    if catalog.num_plurals != expected:
        problems.append(Problem(shown, _plural_forms_line(path),
                                f"Plural-Forms says nplurals={catalog.num_plurals}, but "
                                f"{locale} has {expected} plural forms"))
    draft = catalog.status == DRAFT
    for message in catalog_keys.values():
        line = message.lineno or 1
        forms = message.string if isinstance(message.string, (list, tuple)) else None
        if message.pluralizable and forms is not None and len(forms) != expected:
            problems.append(Problem(shown, line,
                                    f"{_describe(message)} has {len(forms)} "
                                    f"plural forms; {locale} needs {expected}"))
        if not message.fuzzy:
            problems += [Problem(shown, line, f"{_describe(message)}: {text}")
                         for text in _placeholder_problems(message)]
        if not draft and not is_translated(message):
            state = "fuzzy (needs review)" if message.fuzzy else "untranslated"
            problems.append(Problem(shown, line,
                                    f"{_describe(message)} is {state} in a catalog not "
                                    f"marked draft ({STATUS_HEADER}: {REVIEWED})"))
    return problems
