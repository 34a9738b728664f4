"""The /kb grammar: text → words (quotes of any keyboard) → a `Command` and its arguments."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from bot.kb.errors import KbInputError

# Longest command text read at all, and longest single text argument (a fact's text, a KPI's
# wording): beyond these the command is refused with the limit, before anything is looked up.
MAX_COMMAND_CHARS = 6000
MAX_TEXT_CHARS = 2000
MAX_FEEDBACK_DAYS = 365
DEFAULT_FEEDBACK_DAYS = 30
# How close a mistyped subcommand must be to a real one to be suggested (difflib ratio).
SUGGESTION_CUTOFF = 0.6

# Opening quote → the quotes that close it. Phones and Chinese keyboards type curly or corner
# quotes; some type the same curly quote on both sides.
_QUOTES: dict[str, tuple[str, ...]] = {
    '"': ('"',),
    "'": ("'",),
    "“": ("”", "“"),
    "”": ("”",),
    "‘": ("’", "‘"),
    "„": ("“", "”"),
    "「": ("」",),
    "『": ("』",),
    "＂": ("＂",),
    "«": ("»",),
}
# Keyboards turn "--" into a dash ("—" on macOS, "——" in Chinese input methods).
_OPTION_DASHES = re.compile(r"^(?:--|—|–|——|－－)(?=[^\s\-—–－])")
_USER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:_.-]{1,99}$")
_CHANGE_ID = re.compile(r"^#?(\d{1,12})$")


def tokenize(text: str) -> list[str]:
    """Words split on white space; a quote opening a word runs to its closing quote.

    ASCII quotes close only where a word ends, so that "Bureau's" and 520'000 stay whole.
    A backslash before a quote inside quotes keeps the quote. An opening quote without its
    closing quote is an error that says where it opened.
    """
    words: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        closers = _QUOTES.get(text[i])
        if closers is None:
            while i < n and not text[i].isspace():
                i += 1
            words.append(text[start:i])
            continue
        i += 1
        chunk: list[str] = []
        while True:
            if i >= n:
                near = text[start : start + 20]
                raise KbInputError(
                    "unbalanced_quote", quote=text[start], position=start + 1, near=near
                )
            char = text[i]
            if char == "\\" and i + 1 < n and (text[i + 1] in closers or text[i + 1] == "\\"):
                chunk.append(text[i + 1])
                i += 2
                continue
            ends_word = i + 1 >= n or text[i + 1].isspace() or not char.isascii()
            if char in closers and ends_word:
                i += 1
                break
            chunk.append(char)
            i += 1
        words.append("".join(chunk))
    return words


@dataclass(frozen=True)
class Param:
    """A positional argument; `rest` takes every remaining word, joined by single spaces."""

    name: str
    optional: bool = False
    rest: bool = False
    choices: tuple[str, ...] = ()
    is_text: bool = False  # free text: length-checked against MAX_TEXT_CHARS

    def to_usage(self) -> str:
        shown = "|".join(self.choices) if self.choices else self.name.upper()
        shown += "…" if self.rest and not self.is_text else ""
        return f"[{shown}]" if self.optional else shown


@dataclass(frozen=True)
class Spec:
    """One subcommand: the words that name it, its arguments and its --options."""

    name: str
    words: tuple[str, ...]
    params: tuple[Param, ...] = ()
    options: tuple[str, ...] = ()  # --name VALUE
    flags: tuple[str, ...] = ()  # --name

    def to_usage(self) -> str:
        parts = ["/kb", *self.words, *(p.to_usage() for p in self.params)]
        parts += [f"[--{o} {o.upper().replace('-', '_')}]" for o in self.options]
        parts += [f"[--{f}]" for f in self.flags]
        return " ".join(parts)


def _text(name: str, optional: bool = False, rest: bool = False) -> Param:
    return Param(name, optional=optional, rest=rest, is_text=True)


# Fields `fact edit` / `faq edit` change; list fields take items separated by ";".
FACT_FIELDS = (
    "text_en",
    "text_zh",
    "title_en",
    "title_zh",
    "priority",
    "kind",
    "year",
    "tags",
    "keywords_zh",
    "questions_en",
    "questions_zh",
)
FAQ_FIELDS = ("question_en", "question_zh", "answer_en", "answer_zh", "alternates", "priority")
LIST_FIELDS = frozenset({"tags", "keywords_zh", "questions_en", "questions_zh", "alternates"})
LANGS = ("en", "zh")

SPECS: tuple[Spec, ...] = (
    Spec("help", ("help",), (Param("topic", optional=True),)),
    Spec("budget.set", ("budget", "set"), (Param("code"), Param("amount"), Param("year", True))),
    Spec("kpi.add", ("kpi", "add"), (Param("theme"), _text("text_en"), _text("text_zh"))),
    Spec(
        "kpi.edit",
        ("kpi", "edit"),
        (Param("code"), Param("lang", choices=LANGS), _text("text", rest=True)),
    ),
    Spec("kpi.retire", ("kpi", "retire"), (Param("code"),)),
    # With a VALUE it records progress; without, it shows the KPI's history.
    Spec(
        "progress",
        ("progress",),
        (Param("kpi"), Param("value", optional=True), _text("note", optional=True, rest=True)),
        options=("target", "as-of"),
    ),
    Spec(
        "fact.add",
        ("fact", "add"),
        (Param("key"), _text("text_en"), _text("text_zh")),
        options=("priority", "title-en", "title-zh", "kind", "year"),
    ),
    Spec(
        "fact.edit",
        ("fact", "edit"),
        (Param("key"), Param("field", choices=FACT_FIELDS), _text("text", rest=True)),
    ),
    Spec("fact.remove", ("fact", "remove"), (Param("key"),)),
    Spec(
        "faq.add",
        ("faq", "add"),
        (
            Param("key"),
            _text("question_en"),
            _text("question_zh"),
            _text("answer_en"),
            _text("answer_zh"),
        ),
        options=("priority", "alternates"),
    ),
    Spec(
        "faq.edit",
        ("faq", "edit"),
        (Param("key"), Param("field", choices=FAQ_FIELDS), _text("text", rest=True)),
    ),
    Spec("faq.remove", ("faq", "remove"), (Param("key"),)),
    Spec("alias.add", ("alias", "add"), (Param("code"), _text("alias", rest=True))),
    Spec("alias.edit", ("alias", "edit"), (Param("code"), _text("alias"), _text("new_alias"))),
    Spec("alias.remove", ("alias", "remove"), (Param("code"), _text("alias", rest=True))),
    Spec("history", ("history",), (Param("code", optional=True),)),
    Spec("undo", ("undo",), (Param("change"),)),
    Spec("feedback", ("feedback",), (Param("days", optional=True),)),
    Spec("admin.add", ("admin", "add"), (Param("user"),)),
    Spec("admin.remove", ("admin", "remove"), (Param("user"),)),
    Spec("editor.add", ("editor", "add"), (Param("user"), Param("code"))),
    Spec("editor.remove", ("editor", "remove"), (Param("user"), Param("code"))),
    Spec("roles", ("roles",)),
    # "until DATE", "DATE DATE", "off", "list", or nothing (what is set now).
    Spec("away", ("away",), (Param("when", optional=True, rest=True),)),
    Spec("holidays", ("holidays",)),
    Spec(
        "schedule.add",
        ("schedule", "add"),
        (
            Param("kind", choices=("reminder", "digest")),
            Param("channel"),
            Param("scope"),
            Param("when", optional=True, rest=True),
        ),
        options=("cron", "tz", "lang", "holidays"),
        flags=("always",),
    ),
    Spec("schedule.holidays", ("schedule", "holidays"), (Param("id"), Param("calendar"))),
    Spec("schedule.list", ("schedule", "list")),
    Spec("schedule.pause", ("schedule", "pause"), (Param("id"),)),
    Spec("schedule.resume", ("schedule", "resume"), (Param("id"),)),
    Spec("schedule.remove", ("schedule", "remove"), (Param("id"),)),
    Spec("schedule.preview", ("schedule", "preview"), (Param("id"),)),
    Spec("schedule.status", ("schedule", "status"), (Param("id", optional=True),)),
)
SPECS_BY_NAME = {spec.name: spec for spec in SPECS}
# Options whose value is free text, kept as typed (others are NFKC-normalised like codes).
_TEXT_OPTIONS = frozenset({"title-en", "title-zh", "alternates"})
# Words a Chinese keyboard user may type for the first word.
_WORD_ALIASES = {
    "帮助": "help",
    "?": "help",
    "历史": "history",
    "撤销": "undo",
    "休假": "away",
    "不在": "away",
    "假日": "holidays",
}


@dataclass(frozen=True)
class Command:
    """A parsed /kb command: its spec's name, its arguments as written, and its text."""

    name: str
    args: dict[str, str | None]
    options: dict[str, str] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    text: str = ""

    def get(self, name: str) -> str | None:
        return self.args.get(name)

    def require(self, name: str) -> str:
        value = self.args.get(name)
        if value is None:
            raise KbInputError("missing_argument", argument=name.upper(), usage=self.usage)
        return value

    @property
    def usage(self) -> str:
        return SPECS_BY_NAME[self.name].to_usage()


def _suggest(word: str, choices: list[str]) -> list[str]:
    return difflib.get_close_matches(word.lower(), choices, n=3, cutoff=SUGGESTION_CUTOFF)


def _find_spec(words: list[str]) -> tuple[Spec, list[str]]:
    words = [unicodedata.normalize("NFKC", w) if i < 2 else w for i, w in enumerate(words)]
    first = _WORD_ALIASES.get(words[0], words[0].lower()) if words else "help"
    firsts = list(dict.fromkeys(spec.words[0] for spec in SPECS))
    if first not in firsts:
        raise KbInputError("unknown_subcommand", word=words[0], suggestions=_suggest(first, firsts))
    candidates = [spec for spec in SPECS if spec.words[0] == first]
    if len(candidates) == 1 and len(candidates[0].words) == 1:
        return candidates[0], words[1:]
    seconds = [spec.words[1] for spec in candidates]
    second = words[1].lower() if len(words) > 1 else None
    for spec in candidates:
        if spec.words[1] == second:
            return spec, words[2:]
    raise KbInputError(
        "unknown_action",
        subcommand=first,
        word=words[1] if len(words) > 1 else "",
        actions=seconds,
        suggestions=_suggest(second, seconds) if second else [],
    )


def _to_option_name(word: str) -> str | None:
    match = _OPTION_DASHES.match(word)
    return word[match.end() :].lower() if match else None


def _split_options(spec: Spec, words: list[str]) -> tuple[list[str], dict[str, str], set[str]]:
    positional: list[str] = []
    options: dict[str, str] = {}
    flags: set[str] = set()
    known = [*spec.options, *spec.flags]
    i = 0
    while i < len(words):
        name = _to_option_name(words[i])
        if name is None:
            positional.append(words[i])
            i += 1
            continue
        value: str | None = None
        if "=" in name:
            name, value = name.split("=", 1)
        name = name.replace("_", "-")
        if name not in known:
            raise KbInputError(
                "unknown_option",
                option=f"--{name}",
                usage=spec.to_usage(),
                suggestions=[f"--{s}" for s in _suggest(name, known)],
            )
        if name in options or name in flags:
            raise KbInputError("duplicate_option", option=f"--{name}", usage=spec.to_usage())
        if name in spec.flags:
            flags.add(name)
            i += 1
            continue
        if value is None:
            if i + 1 >= len(words):
                raise KbInputError(
                    "missing_option_value", option=f"--{name}", usage=spec.to_usage()
                )
            value = words[i + 1]
            i += 1
        options[name] = value if name in _TEXT_OPTIONS else unicodedata.normalize("NFKC", value)
        i += 1
    return positional, options, flags


def _check_text(param: Param, value: str) -> None:
    if param.is_text and len(value) > MAX_TEXT_CHARS:
        raise KbInputError(
            "text_too_long", argument=param.name, length=len(value), limit=MAX_TEXT_CHARS
        )


def _bind(spec: Spec, positional: list[str]) -> dict[str, str | None]:
    args: dict[str, str | None] = {}
    for index, param in enumerate(spec.params):
        if param.rest:
            rest = positional[index:]
            value = " ".join(rest) if rest else None
            positional = positional[:index]
        else:
            value = positional[index] if index < len(positional) else None
        if value is None and not param.optional:
            raise KbInputError(
                "missing_argument", argument=param.name.upper(), usage=spec.to_usage()
            )
        if value is not None and not param.is_text:
            # Chinese keyboards in full-width mode type "Ｐ１" and "５２０，０００".
            value = unicodedata.normalize("NFKC", value)
        if value is not None and param.choices:
            normalized = value.lower().replace("-", "_")
            if normalized not in param.choices:
                raise KbInputError(
                    "bad_choice",
                    argument=param.name.upper(),
                    value=value,
                    choices=list(param.choices),
                    usage=spec.to_usage(),
                )
            value = normalized
        if value is not None:
            _check_text(param, value)
        args[param.name] = value
    if not any(p.rest for p in spec.params) and len(positional) > len(spec.params):
        extra = positional[len(spec.params)]
        raise KbInputError("too_many_arguments", extra=extra, usage=spec.to_usage())
    return args


def parse_command(text: str) -> Command:
    """The command in `text` (what follows "/kb"); raises KbInputError saying what is wrong."""
    if len(text) > MAX_COMMAND_CHARS:
        raise KbInputError("command_too_long", length=len(text), limit=MAX_COMMAND_CHARS)
    words = tokenize(text.strip())
    spec, rest = _find_spec(words)
    positional, options, flags = _split_options(spec, rest)
    args = _bind(spec, positional)
    return Command(spec.name, args, options, frozenset(flags), text.strip())


def to_list(value: str) -> list[str]:
    """Items of a list field, separated by ";" (or the Chinese "；")."""
    return [item.strip() for item in re.split(r"[;；]", value) if item.strip()]


def to_change_id(value: str) -> int:
    """A change id as `/kb undo` takes it: 12 or #12."""
    match = _CHANGE_ID.match(value.strip())
    if match is None:
        raise KbInputError("bad_change_id", value=value)
    return int(match.group(1))


def to_days(value: str | None) -> int:
    if value is None:
        return DEFAULT_FEEDBACK_DAYS
    if not value.isdigit() or not 1 <= int(value) <= MAX_FEEDBACK_DAYS:
        raise KbInputError("bad_days", value=value, limit=MAX_FEEDBACK_DAYS)
    return int(value)


def to_user_id(value: str) -> str:
    """A user id as the chat adapter passed it (mentions already turned into ids)."""
    if value.startswith("@") or not _USER_ID.match(value):
        raise KbInputError("not_a_user", value=value)
    return value


def to_id(value: str) -> int:
    """A schedule id: a positive number (#3 also works)."""
    match = _CHANGE_ID.match(value.strip())
    if match is None or int(match.group(1)) == 0:
        raise KbInputError("bad_id", value=value)
    return int(match.group(1))
