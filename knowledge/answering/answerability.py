"""Whether a record can answer what a question asks: a person for "who is", a date for
"when", a number for "how many", contact details for "phone" — before it is given as the answer.

A question about the head of P2 shares words with everything said about P2; only the kind of
answer it wants tells that nothing said about P2 answers it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Kinds of answer a question may want; None when any record that matches may answer.
PERSON = "person"
DATE = "date"
COUNT = "count"
CONTACT = "contact"

# Quoted words are named, not asked: "the answers to 'who are we'".
_QUOTED = re.compile(r"[\"“「『'‘][^\"”」』'’]{0,40}[\"”」』'’]")

_WANTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        CONTACT,
        re.compile(
            r"\b(?:phone|telephone|fax|e-?mail|email address|postal address|mailing address"
            r"|password|contact details|hotline|helpdesk number)\b"
            r"|电话|邮箱|电邮|邮件地址|邮寄地址|通信地址|传真|密码|联系方式",
            re.IGNORECASE,
        ),
    ),
    (
        PERSON,
        re.compile(
            # "who is the head of …", "who leads P2", "the name of the director"; not
            # "who is included in …" (a participle: the answer is a group) nor "who owns".
            r"^who(?:'s| is| are| was| were)(?! \w+(?:ed|en)\b)"
            r"|\bwho (?:heads|leads|runs|chairs|manages|directs|supervises|coordinates|is in charge"
            r"|is responsible|should i contact|can i contact|do i contact)\b"
            r"|\b(?:name|names) of (?:the )?(?:head|director|chief|manager|chair|leader|person)"
            r"|\bcontact person\b|\bin charge of\b"
            r"|谁是|是谁|(?:谁|由谁)(?:负责|领导|主管|牵头|主持|掌管|管理|联系)|找谁"
            r"|负责人|主管是|领导是|叫什么名字|名字是|姓名|联系人",
            re.IGNORECASE,
        ),
    ),
    (
        DATE,
        re.compile(
            r"^when\b|\bwhen (?:is|was|will|does|did|do|are|were)\b"
            r"|\bwhat (?:date|day|month|year)\b|\bwhat time\b"
            r"|何时|什么时候|哪一?天|几月|哪一?年|几点|日期是",
            re.IGNORECASE,
        ),
    ),
    (
        COUNT,
        re.compile(
            r"\bhow many\b|\bnumber of\b|多少(?:个|项|人|名|位|次|家|所|条|种|天|国)"
            r"|几(?:个|项|人|名|位|次|家|所|条|种|天|国)|有多少",
            re.IGNORECASE,
        ),
    ),
)

# A person named in a record: an honorific and a name, or a name and a Chinese title.
_PERSON = re.compile(
    r"\b(?:Mr|Ms|Mrs|Miss|Dr|Prof|Sir|Dame|H\.E\.)\.?\s+[A-Z][a-z]"
    r"|[A-Za-z\u4e00-\u9fff]{2,}(?:先生|女士|博士|教授)"
)
_DATE = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?!\d)|\d{1,2}月|\d{1,2}日|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep"
    r"|oct|nov|dec)[a-z]*\b|\bquarter\b|\bq[1-4]\b|季度|上半年|下半年|年底|年初",
    re.IGNORECASE,
)
# A number that counts something: not a year, not part of a code ("P2", "PP-22", "3.3").
_COUNT = re.compile(
    r"(?<![A-Za-z0-9_.\-])(?!(?:19|20)\d\d(?!\d))\d[\d,  ]*(?:\.\d+)?(?![A-Za-z0-9_\-]|\.\d)"
    r"|[一二两三四五六七八九十百千万]+(?:个|项|名|人|家|国|次|条|种|天|位)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozens?|million)\b",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"\+\d[\d ]{6,}|[\w.]+@[\w.]+\.\w+|\b(?:tel|phone|fax)\b", re.IGNORECASE)

_SUPPLIED_BY: dict[str, re.Pattern[str]] = {
    PERSON: _PERSON,
    DATE: _DATE,
    COUNT: _COUNT,
    CONTACT: _CONTACT,
}


def read_wanted(text: str) -> str | None:
    """The kind of answer a question wants, if it wants a particular one (text normalised:
    lower case, simplified Chinese)."""
    unquoted = _QUOTED.sub(" ", text).strip()
    for kind, pattern in _WANTS:
        if pattern.search(unquoted):
            return kind
    return None


def is_supplied(wanted: str | None, texts: Iterable[str]) -> bool:
    """Whether the texts of a record hold the kind of answer wanted."""
    if wanted is None:
        return True
    pattern = _SUPPLIED_BY[wanted]
    return any(pattern.search(text) for text in texts)
