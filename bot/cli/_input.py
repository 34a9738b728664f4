"""Questions typed or piped into `staffbot`, cleaned once before the knowledge layer sees them.

Python decodes argv, and stdin (made to do so by `use_lenient_stdin`), with the locale's
encoding and turns each byte it cannot decode into a lone surrogate (PEP 383). Such text
breaks whatever encodes it again (OpenCC, a strict stdout), so every question passes through
`to_question_text`, which puts U+FFFD (the replacement character) where such a byte was and
counts them, for a warning.

Why U+FFFD and not a guess such as GB18030: a GBK locale (zh_CN.GBK) already decodes GBK
input correctly, so undecodable bytes mean the bytes and the locale disagree and nothing
says which encoding they are in; and GB18030 decodes almost any byte sequence, so UTF-8
Chinese with a few stray GBK bytes would be read as other Chinese characters and answered
as a different question. U+FFFD never invents text: the rest of the question is answered and
the warning says what was left out. `staffbot kb import` follows the same rule for files.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass

REPLACEMENT = "\ufffd"
# A byte order mark some Windows tools put before the first line: never part of a question.
_BOM = "\ufeff"
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class QuestionText:
    text: str
    unreadable: int  # bytes that could not be decoded, each now U+FFFD


def to_question_text(raw: str) -> QuestionText:
    """The question with every undecodable byte (a lone surrogate) as U+FFFD."""
    text, unreadable = _SURROGATE.subn(REPLACEMENT, raw)
    return QuestionText(text.lstrip(_BOM).strip(), unreadable)


def use_lenient_stdin() -> None:
    """Undecodable stdin bytes arrive as surrogates, as argv's do, whatever the locale: a
    strict stdin (e.g. en_US.UTF-8) would otherwise raise UnicodeDecodeError mid-batch."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="surrogateescape")
