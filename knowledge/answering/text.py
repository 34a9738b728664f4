"""Text normalisation and tokenisation for English and Chinese (simplified or traditional)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
# Taiwan's words for ICT terms, with the mainland word the documents use (in traditional
# characters; converted to simplified with the rest).
_TAIWAN = {
    "數位轉型": "數字化轉型",
    "網際網路": "互聯網",
    "行動網路": "移動網絡",
    "網路": "網絡",
    "數位": "數字",
    "資訊": "信息",
    "軟體": "軟件",
    "硬體": "硬件",
    "寬頻": "寬帶",
    "人工智慧": "人工智能",
    "專案": "項目",
    "影片": "視頻",
    "連線": "連接",
    "持份者": "利益攸關方",  # (Hong Kong's word for stakeholders)
    "利害關係人": "利益攸關方",  # (Taiwan's)
    "利害關係者": "利益攸關方",
    # colleagues counted, as Taiwan's offices say ("多少同仁", "幾位同仁"; not "同仁想知道…",
    # the asker's colleagues)
    "少同仁": "少職員",
    "位同仁": "位職員",
    "名同仁": "名職員",
    "資安": "網絡安全",
    "計畫": "計劃",
    "使用者": "用戶",  # (users: "新增多少使用者")
    "蜂巢式": "蜂窩",  # (cellular)
    "回覆": "答覆",  # (responding: "回覆會員國")
}
_TAIWAN_WORDS = re.compile("|".join(sorted(_TAIWAN, key=len, reverse=True)))
# Scripts of an answer: the question's; Chinese is written simplified unless asked in
# traditional characters.
HANS = "hans"
HANT = "hant"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_DIGIT_GROUPS = re.compile(r"(?<=\d)[,'\u00a0\u202f](?=\d{3}(?!\d))")
# "35 000": a space between digit groups, as some of the sources write thousands.
_SPACED_GROUPS = re.compile(r"(?<!\d)(\d{1,3})((?: \d{3})+)(?!\d)")
_SPACES = re.compile(r"\s+")

# Words that carry no content in a question. Intent words (budget, KPI, ...) are not here:
# the intent reader consumes them, and fact search still sees them.
EN_STOPWORDS = frozenset(
    """a an the of for to in on at by with from and or is are was were be been being do does
    did what whats which who whom whose when where why how much many me my i we us our you your it
    its this that these those there their them they he she his her please tell show give list
    can could would should will shall may might about any some all each every get gets got
    has have had having as into single than then so if not no yes also just only per s vs via up
    out over under more most less least like know let lets want need go goes going went gone roughly
    approximately around whether across among pls plz itself themselves himself herself
    ourselves yourself yourselves myself supposed individual looking""".split()
)

# Chinese particles and question words: a bigram made with one of them is glue, not content,
# and is left out of queries (content words such as 能力 or 多样性 must not contain them).
ZH_PARTICLES = frozenset("的了吗呢吧啊么是请问哪怎什谁")
ZH_STOP_GRAMS = frozenset(
    """多少 什么 哪些 哪个 怎么 如何 为何 为什 是否 请问 一下 告诉
    有没 没有 有多 有哪 几个 几项 这个 那个 这些 那些 这项 那项 那场 这场 那次 这次 那份
    这份 一项 一条 一个 一种 里面 列出 列举 列一 根据 依据 按照 之间 这一 听说""".split()
)
# Content words written with a particle's character: "three questions" (三个问题), a consultant
# (顾问), the purpose (目的) are what a question is about, not its glue.
ZH_CONTENT_GRAMS = frozenset("问题 顾问 访问 问卷 目的 了解".split())
# Characters that are glue on their own too (measure words, adverbs, prepositions): never a
# word between two particles.
LONE_GLUE = frozenset(
    "个项名位次条家所种场门篇些也都就还在有和与及或把被给对从向到这那一不很又才将会能可要想得着过"
    "干用指里内中上下前后为以于让叫算做搞弄看说讲来去它他她们其此该"
)


def is_chinese(text: str) -> bool:
    return _HAN.search(text) is not None


def detect_lang(text: str) -> str:
    return "zh" if is_chinese(text) else "en"


def detect_script(text: str) -> str:
    """HANT for a question in traditional characters, HANS for other Chinese, "" else.

    Read character by character: OpenCC converts some simplified words as phrases (覆盖 reads
    as a traditional 覆 for 复, 复盖), but a character that is simplified as well is left alone
    on its own."""
    if not is_chinese(text):
        return ""
    if any(_is_traditional(c) for c in _HAN.findall(text)):
        return HANT
    # (a character traditional only in its word, 瞭 of 瞭解, is read with its word: a text
    # OpenCC simplifies, and that writing in traditional characters leaves as it is)
    return HANT if _T2S.convert(text) != text and _s2t().convert(text) == text else HANS


@lru_cache(maxsize=4096)
def _is_traditional(character: str) -> bool:
    return bool(_T2S.convert(character) != character)


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")  # loaded on first use: most processes never write traditional


# Words OpenCC's Taiwan table leaves in a form Taiwan's standard does not write (夥伴
# "partner", as in 戰略夥伴關係), or writes wrongly where a long text is cut into words
# around a name (索馬裡 for Somalia, 馬裡 for Mali: 里 of a name is no 裡, "inside")
_TAIWAN_FORMS = {"伙伴": "夥伴", "馬裡": "馬里"}
_TAIWAN_FORM = re.compile("|".join(_TAIWAN_FORMS))


def to_script(text: str, script: str) -> str:
    """Text written in simplified characters, in the script asked for."""
    if script != HANT:
        return text
    return _TAIWAN_FORM.sub(lambda m: _TAIWAN_FORMS[m.group()], _s2t().convert(text))


# Accented Latin letters as their base letters ("ü" as "u", "ç" as "c"): the tokenizer reads
# a-z, and staff type names with and without accents.
_LATIN_FOLDED = {
    code: "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if c.isascii())
    for code in range(0xC0, 0x250)
    if chr(code).isalpha() and any(c.isascii() for c in unicodedata.normalize("NFKD", chr(code)))
}
# A month written short before a year or after a day ("Feb 2023", "5 Feb"): its full name,
# as the documents write it.
_MONTHS = {
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}
_MONTH_ABBREVIATION = re.compile(
    r"(?<=\d )(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?"
    r"|\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?(?=\s*\d{4})"
)


# "有那几个", "那些": 哪 typed as 那 (the same pinyin, na), in a question that asks nothing
# else; "那几个项目完成了吗" asks with 吗, and 那 there points to something said before.
_ZH_THAT_FOR_WHICH = re.compile(r"那(?=几|些)")
_ZH_ASKING = re.compile(
    r"什么|啥|多少|哪|谁|吗|呢|怎么|怎样|如何|为何|为什么|是否|有没有|是不是|几(?![个项位名种条家所大点])"
)
_ZH_QUESTION_PARTS = re.compile(r"[^？?。！!]+[？?。！!]*")


def _which_typed_as_that(text: str) -> str:
    """Each question of a Chinese text with 那几/那些 read as 哪几/哪些 when it asks nothing
    else."""
    if "那" not in text:
        return text
    return "".join(
        _ZH_THAT_FOR_WHICH.sub("哪", part, count=1)
        if _ZH_THAT_FOR_WHICH.search(part)
        and not _ZH_ASKING.search(_ZH_THAT_FOR_WHICH.sub("", part))
        else part
        for part in _ZH_QUESTION_PARTS.findall(text)
    )


# Written Cantonese, as the Mandarin the documents are written in ("UNDP同國際電聯嘅…機制係邊一
# 年啟動㗎": 和, 的, 是, 哪一年): read only in a question that writes one of its own words
# (嘅, 咗, 喺, 幾多, 幾耐, 乜嘢, 冇, 佢, 啲, 唔, 㗎, 嗰, 咩, 睇, 畀, 嚟, 依家, 而家, 邊個), for
# 同 and 係 are Mandarin words too (同时, 关係).
_WHY_IN_CANTONESE = r"(?<![重要焦特觀观優优缺論论疑難难亮盲])[點点]解(?![決决釋释析答讀读])"
_CANTONESE_MARK = re.compile(
    r"[嘅咗喺乜冇佢啲唔㗎嗰咩睇畀嚟]|[幾几][多耐時时]|依家|而家(?![庭族具長长屬属務务鄉乡園园電电])"
    r"|[邊边](?:個|个|度|位|間|间|啲|幾|几)"
    # 點解 "why", which writes a question in Cantonese on its own ("點解要搞LearningLabs？";
    # not 重點解決, 觀點解釋)
    rf"|{_WHY_IN_CANTONESE}"
)
_WHOLE_IN_CANTONESE = re.compile(r"(?<![完变變组組形构構造达達促合变换換转轉])成[個个]")
_CANTONESE = {
    "嘅": "的",
    "咗": "了",
    "喺": "在",
    "幾多": "多少",
    "几多": "多少",
    "乜嘢": "什麼",
    "乜": "什麼",  # "NOW係乜": what NOW is
    "咩": "什麼",
    "冇": "沒有",
    "佢哋": "他們",
    "我哋": "我們",
    "你哋": "你們",
    "佢": "它",
    "啲": "些",
    "唔係": "不是",
    "唔": "不",
    "嗰": "那",
    # "網絡安全嗰part": that part, the theme just named (an English word in Cantonese)
    "嗰part": "",
    "嗰個part": "",
    "嗰Part": "",
    "睇": "看",
    "畀": "給",
    "依家": "現在",
    "而家": "現在",
    "邊度": "哪裡",
    "边度": "哪里",
    "邊個": "哪個",
    "边个": "哪个",
    "邊位": "哪位",
    "边位": "哪位",
    "幾時": "什麼時候",
    "几时": "什么时候",
    # (the text is NFKC-folded first: "？" is "?")
    "係點樣?": "是什麼?",
    "係點樣嘅?": "是什麼?",
    "係點樣㗎?": "是什麼?",
    "點樣": "怎麼",
    "点样": "怎么",
    # 傾 "talk" only as a verb done (not 傾向, a tendency)
    "傾過": "談過",
    "傾咗": "談了",
    "幾耐": "多久",
    "几耐": "多久",
    "邊啲": "哪些",
    "边啲": "哪些",
    "嚟": "來",
    "加埋": "加起來",
    "入面": "裡面",
    "係咪": "是不是",
    "聽講": "聽說",
    "听讲": "听说",
    # 仲 "still" (not 仲裁, arbitration)
    "仲有": "還有",
    "仲係": "還是",
    "仲未": "還沒",
    "㗎": "",
    "喎": "",
}
_CANTONESE_WORD = re.compile(
    "|".join(re.escape(w) for w in sorted(_CANTONESE, key=len, reverse=True))
    # 邊 "which" before a measure word or what is asked (not 旁邊, "beside"); 呢 "this"
    # before a measure word (not the 呢 that ends a question); 係 "is" (not 關係, 聯係)
    + r"|[邊边](?=[個个度一幾几間间年位些種种項项次份條条屆届])|呢(?=[個个些份項项次間间])"
    + r"|(?<![關关聯联維维干幹])係"
    # (係 written simplified: 系, not in 体系, 系统, 关系, 联系, 系列 …)
    + r"|(?<![体體關关聯联維维派院水星直世干幹])系(?![统統列数數])"
    # 同 "and", not in 共同, 協同, 不同, 相同, 合同, 同事, 同時, 同意 …
    + r"|(?<![共協协合不相陪一連连偕認认贊赞])同(?![時时意樣样等比期年類类一步行事學学伴])"
    # 間 counting institutions ("14間機構", "邊幾間"): 家
    + r"|(?<=[0-9幾几邊边哪])[間间]"
    # 人工 "pay" (not 人工智能 / 人工智慧, artificial intelligence)
    + r"|人工(?!智能|智慧)"
    + rf"|{_WHY_IN_CANTONESE}"
)
_WHO_IN_CANTONESE = re.compile(
    # (after 由, whoever does it: "風險所有者由邊個指定")
    r"[邊边][個个](?=\s*(?:[？?，,。！!呀啊㗎呢係系是]|$))|(?<=由)[邊边][個个]"
)
_CANTONESE_AS = {
    "邊": "哪",
    "边": "哪",
    "呢": "這",
    "係": "是",
    "系": "是",
    "同": "和",
    "間": "家",
    "间": "家",
    "人工": "工資",
    "點解": "為什麼",
    "点解": "为什么",
}


def _from_cantonese(text: str) -> str:
    """A question written in Cantonese, in Mandarin words; any other as it is."""
    if not _CANTONESE_MARK.search(text):
        return text
    # 成個 is "the whole" ("成個OP-23影響框架"), not the 成 of 完成, 變成, 組成
    text = _WHOLE_IN_CANTONESE.sub("整個", text)
    # 邊個 asks "who" where no noun follows ("秘書長係邊個？", "邊個係主任"), else "which"
    # ("邊個重點工作")
    text = _WHO_IN_CANTONESE.sub("誰", text)
    return _CANTONESE_WORD.sub(
        lambda m: _CANTONESE.get(m.group(), _CANTONESE_AS.get(m.group(), m.group())), text
    )


# ("who'll appoint …" is left as written: a question word's own contraction)
_WILL_SHORT = re.compile(
    r"\b(?!(?:who|what|where|when|how|which|it|that|there|they|we|i|you)'ll)([a-z]+)'ll\b"
)


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """NFKC, traditional → simplified, lower case, digit groups joined, one space."""
    text = unicodedata.normalize("NFKC", text)
    if is_chinese(text):
        text = _from_cantonese(text)
        simplified = _T2S.convert(text)
        if simplified != text:
            # written in traditional characters: Taiwan's words for what the documents say
            # otherwise ("數位" digital, "網路" network); OpenCC's tw2sp does this for every
            # word, and some wrongly here ("指標" indicator becomes 指针, a pointer)
            simplified = _T2S.convert(_TAIWAN_WORDS.sub(lambda m: _TAIWAN[m.group()], text))
        # "甚麼" is converted to 甚么, a variant of 什么 the readers of questions do not know
        # (啥 is what 什么 is, said colloquially: "都是啥", "是啥意思")
        text = _which_typed_as_that(simplified.replace("甚么", "什么").replace("啥", "什么"))
        text = _WHAT_KIND_OF.sub("是什么", text)  # "这是个啥": what it is
        text = _UNDER_A_LINE.sub("的", text)  # "P2底下那两个主题": P2's two themes
        text = text.replace("瑞士法郎", "瑞郎")  # Swiss francs, as the documents write them
        text = _OF_THAT_KIND.sub("", text)  # "环境那一类风险": the environmental risk
        text = _SHORT_YEAR_ZH.sub(r"20\1年", text)  # "ITU学院22年新增了多少用户": 2022
    text = text.lower().replace("’", "'").replace(" & ", " and ")  # "products & services"
    text = _SHORT_YEAR_SPAN.sub(_with_full_years, text)  # "mar 22 to mar 23": 2022 to 2023
    text = text.replace("kpi's", "kpis")  # the plural written with an apostrophe
    text = _SIGN_UPS.sub("sign", text)  # "new sign-ups": one word, as "signups" is
    text = _PLUS_ITS.sub("and", text)  # "its budget, plus its share": also asked, not added
    if _SUM_ASKED.search(text):
        text = _PLUS_SIGN.sub(_plus_as_and, text)  # "UMC + VaMoz Digital … total value"
    text = _WITH_SHORT.sub(lambda m: "without" if m[1] else "with", text)  # "w/", "w/o"
    text = _SHORTHAND_WORD.sub(lambda m: _SHORTHAND[m[1]], text)  # "alloc", "ppl", "acc. to"
    text = _G_DROPPED.sub(r"\1ing", text)  # "how much is E3 gettin"
    text = _SITS_UNDER.sub("is part of", text)  # "LearningLabs sits under which initiative"
    text = _WHICH_WIDER.sub("which ", text)  # "part of which bigger initiative": which one
    text = _ARE_SHORT.sub(lambda m: f"{m[1] or m[2]} are", text)  # "what r the main risks"
    text = _WILL_SHORT.sub(r"\1 will", text)  # "what the weather'll be like"
    text = _AND_SHORT.sub(" and ", text)  # "when n where", "dates n location"
    text = _AT_A_LEVEL.sub(r"\1", text)  # "at the theme level": themes
    text = _SHORT_IN_PLACE.sub(_short_in_place, text)  # "can u", "2 yrs", "diff btwn"
    text = text.translate(_LATIN_FOLDED)  # "Türkiye" as "Turkiye": one word, either way
    text = _MONTH_ABBREVIATION.sub(lambda m: _MONTHS[m[1] or m[2]], text)  # "Feb 2023"
    text = _SHORT_YEAR_RANGE.sub(_year_span_in_full, text)  # "2024-27"
    text = _CODE_UNHYPHENATED.sub(r"\1-\2", text)  # "OP23 budget", "WTDC 22"
    text = _DIGIT_GROUPS.sub("", text)
    text = _SPACED_GROUPS.sub(lambda m: m[1] + m[2].replace(" ", ""), text)
    return _SPACES.sub(" ", text).strip()


# "是个什么", "是一个什么" (what it is, said colloquially; not "是个什么样的", what it is like).
_WHAT_KIND_OF = re.compile(r"是(?:一)?个什么(?!样)")
# "X那一类", "X这类" after what names the kind: of kind X.
_OF_THAT_KIND = re.compile(r"(?<=[\u4e00-\u9fff])(?:那|这)一?类")
# A year written with two digits in Chinese ("22年新增", "去年即23年"), not a number of years
# ("经过22年", "22年来", "近20年间").
_SHORT_YEAR_ZH = re.compile(
    r"(?<![\d.])(?<!经过)(?<!过去)(?<!近)(?<!约)(?<!超过)(?<!长达)(?<!第)(?<!前)(?<!后)(?<!这)"
    r"(1[5-9]|2\d)年(?![来间内里多以之前后度代])"
)
# A span of years with the second written short: "the 2024-27 strategic plan" (2024-2027).
_SHORT_YEAR_RANGE = re.compile(r"(?<![\d-])((?:19|20)\d\d)\s*[-–]\s*(\d\d)(?![\d-])")


# A meeting's or plan's code written without its hyphen, as the documents never do: "OP23
# budget", "TDAG 23", "WTDC22决议" (not "pp 22", pages).
_CODE_UNHYPHENATED = re.compile(
    r"(?<![A-Za-z0-9-])(op|tdag|wtdc|gsr|wrc|pp(?=\d))\s?(1[7-9]|2\d)(?![\d.])", re.IGNORECASE
)


def with_codes_hyphenated(text: str) -> str:
    """A question with the codes of meetings and plans written as the documents write them
    ("OP23" as OP-23), read so by every reader of it (the name a definition asks of too)."""
    return _CODE_UNHYPHENATED.sub(r"\1-\2", text)


def _year_span_in_full(match: re.Match[str]) -> str:
    """ "2024-27" as 2024-2027; "2023-05" (a month, no later year) as written."""
    first, last = match[1], match[2]
    return f"{first}-{first[:2]}{last}" if int(last) > int(first[2:]) else match.group()


_FULL_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A span of months written with two-digit years ("mar 22 to mar 23", "Jan 22 - Dec 22"): the
# years in full (a day would not end both sides of a span of months).
_SHORT_YEAR_SPAN = re.compile(
    rf"\b{_MONTH}\s*'?(\d{{2}})\s*(?:-|–|to|until|till|thru|through)\s*{_MONTH}\s*'?(\d{{2}})\b"
    # (days, where a year follows: "Mar 22 to Mar 23 2023")
    r"(?!,?\s*(?:19|20)\d\d)"
)


def _with_full_years(match: re.Match[str]) -> str:
    def month(short: str) -> str:
        return next(m for m in _FULL_MONTHS if m.startswith(short))

    return f"{month(match[1])} 20{match[2]} to {month(match[3])} 20{match[4]}"


# Words staff write short in chat, as the words they stand for ("whats the OP-23 alloc for
# cybersec", "how many ppl", "acc. to the vision doc", "avg per line").
_SHORTHAND = {
    "alloc": "allocation",
    "bdgt": "budget",
    "bdgts": "budgets",
    "rpt": "report",
    "mgmt": "management",
    "emerg": "emergency",
    "incl": "including",
    "incl.": "including",
    "pct": "percent",
    "wrt": "about",
    "w.r.t.": "about",
    "def of": "definition of",
    "strat plan": "strategic plan",
    "wat": "what",
    "whats": "what is",  # ("whats NETP short for")
    "approx": "approximately",
    "approx.": "approximately",
    "ppl": "people",
    "costing": "cost",  # ("how much is the programme costing us": what it costs)
    "acc. to": "according to",
    "acc to": "according to",
    "avg": "average",
    "cybersec": "cybersecurity",
    "govt": "government",
    "intl": "international",
    "btwn": "between",
    "b/w": "between",
    "abt": "about",
    "amt": "amount",
    "defn": "definition",
    "def'n": "definition",
    "mtg": "meeting",
    "mtgs": "meetings",
    "pls": "please",
    "plz": "please",
    "kap": "kigali action plan",  # the documents never write it short
    "kigali ap": "kigali action plan",
    "resource mob": "resource mobilization",
    "res mob": "resource mobilization",
    "capacity dev": "capacity development",  # a theme's name, cut short ("capacity dev / stats")
    "cap dev": "capacity development",
    "policy and reg": "policy and regulation",
    "policy/reg": "policy and regulation",
    "no. of": "number of",
    "# of": "number of",
    "conf": "conference",
    "confs": "conferences",
    "hw much": "how much",
    "hw many": "how many",
    "hw long": "how long",
    "hw do": "how do",
    "hw does": "how does",
}
# (a Chinese character may touch it: "OP23 bdgt一共多少")
_SHORTHAND_WORD = re.compile(
    r"(?<![A-Za-z0-9_#.-])("
    + "|".join(re.escape(w) for w in sorted(_SHORTHAND, key=len, reverse=True))
    + r")(?![A-Za-z0-9_/-]|\.[A-Za-z0-9])"
)
# Where something sits, as the documents say it ("is part of"): "sits under which initiative",
# "falls within which programme" (not "falls under which priority", asked of the line).
_SITS_UNDER = re.compile(
    r"\b(?:sits?|sitting|falls?|falling|comes?|coming|housed|belongs?) (?:under|within|inside)"
    r"(?= (?:which|what) (?:(?:bigger|larger|broader|wider|overarching|umbrella) )?(?:itu |bdt )?"
    r"(?:initiative|programme|program|project|framework|strategy|effort|observatory)s?\b)"
)
# "which bigger initiative", "which broader programme": what it is part of, no ranking
# (not "which is bigger", "which bigger one gets more").
_WHICH_WIDER = re.compile(
    r"\bwhich (?:bigger|larger|broader|wider|overarching|umbrella) (?=(?:itu |bdt )?"
    r"(?:initiative|programme|program|project|framework|strategy|effort|plan|observatory)s?\b)"
)
# A doing written without its g: "what's E3 gettin", "wat r they plannin" (the verbs staff
# ask with, not "main", "within", "Berlin").
_G_DROPPED = re.compile(
    r"\b(gett|go|do|look|ask|com|work|wonder|try|spend|plann|think|hav|mak|tak|runn|happen"
    r"|hold|mean|say|talk|fund|lead|receiv|allocat)in'?(?![\w'])"
)
# "r" for "are", after a word that asks and before what it asks of ("what r the main risks",
# "how r they rated"; not "what R stands for in ITU-R")
_ARE_SHORT = re.compile(
    r"\b(what|which|how|who|where|when|why|there|they) r(?= (?:the|they|these|those|there|we"
    r"|you|our|its|their|all|some|any|p\d|e\d)\b)"
    # "how many KPIs r there"
    r"|\b([a-z]{2,}s) r(?= there\b)"
)
# A class of budget lines named as a level: "at the theme level", "at priority level".
_AT_A_LEVEL = re.compile(r"\bat (?:the )?(themes?|priority|priorities|enablers?)[- ]level\b")
# "n" for "and" between two words ("when n where", "dates n location", "sessions n how many
# attended"; not a letter asked of, "what does n stand for", "the letter n", nor "N'Djamena")
_AND_SHORT = re.compile(
    # (after a question too: "launch month? n how many staff came")
    r"(?<=[a-z0-9?])(?<!\bdoes)(?<!\bdo)(?<!\bis)(?<!\bthe)(?<!\bletter)(?<!\bof)(?<!\ba)"
    r" n (?!(?:stand|stands|mean|means|refer|refers)\b)(?=[a-z])"
    # (a question of its own that opens on it, cut from the one before)
    r"|^n (?=(?:how|what|when|where|who|which|why)\b)"
)
# Words written short that stand for others only where they are placed so: "u" after a verb
# that asks ("can u tell me"; not "Annex u"), "yr" after a number or a word of time ("2 yrs",
# "this yr"; "yr data" is "your data"), "diff" as "difference" between two things named ("diff
# btwn policy & regulation and stats"; not "diff between the 26.5% and 26.4%", two figures
# of one share), as "different" before a plural ("diff themes", "the diff risks")
_SHORT_IN_PLACE = re.compile(
    r"\b(?P<lead>(?:can|could|would|will|do|did|are|if|thank|should) )u\b"
    r"|(?P<when>(?:\d|\b(?:this|last|next|per|each|every|one|a|many|few|several|the)) )"
    r"(?P<yr>yrs?)\b"
    r"|\bdiff(?P<apart>(?= (?:between|btwn|btw|b/w) (?![^?,]*(?:%|\bshares?\b|\bpercent|\btable\b"
    r"|\bsection\b|\bnumbers?\b|\bfigures?\b))[^?,]* (?:and|vs) ))"
    r"|\bdiff(?= [a-z]+s\b)"
    # ("btw" is "by the way" but after "diff": "diff btw cybersec and emerg telecom bdgts")
    r"|(?<=\bdiff )(?P<btw>btw)\b"
)


def _short_in_place(match: re.Match[str]) -> str:
    if match["lead"]:
        return match["lead"] + "you"
    if match["yr"]:
        return match["when"] + ("years" if match["yr"] == "yrs" else "year")
    if match["btw"]:
        return "between"
    return "difference" if match["apart"] is not None else "different"


# "with" and "without" written short: "w/ a certificate", "w/o the P5 line".
_WITH_SHORT = re.compile(r"(?<![\w/])w/(o)?(?=\s)")
# What stands under a line, said as under it: "P2底下那两个主题", "E1下面的KPI" (its themes,
# its KPIs).
_UNDER_A_LINE = re.compile(
    r"(?:(?<=[A-Za-z0-9])|(?<=重点工作))\s*(?:底下|下面|下边|旗下|下属)(?:细分)?的?"
    r"(?=[^，。？?]{0,4}(?:主题|指标|kpi|KPI|成果|产出))"
)
# "plus" before what is also asked of the same thing ("plus its share of the budget", "plus
# their KPIs"): and, not a sum.
_PLUS_ITS = re.compile(r"\bplus(?= (?:its|their)\b)")
# Two things joined by a plus sign between words, spaced ("UMC + VaMoz Digital", "连接项目 +
# “为VaMoz Digital奠基！”"): "and" (a sum is read from the words around it; "35k+ users"
# and "P1+P2" are left as written)
_PLUS_SIGN = re.compile(r"(?<=(?P<before>[^\s\d+]))\s+\+\s+(?=(?P<after>[^\s\d+]))")


# (only where a sum is asked: "EGTI + EGH - what are they?" asks two things)
_SUM_ASKED = re.compile(
    r"\b(?:total|combined|together|altogether|sum)\b|加起来|加在一起|一共|总共|合计|共计|总计"
    r"|加起來|總共|合計|共計|總計"
)


_HAN_BESIDE = re.compile(r"[\u4e00-\u9fff“”「」（）]")


def _plus_as_and(match: re.Match[str]) -> str:
    chinese = _HAN_BESIDE.match(match["before"]) or _HAN_BESIDE.match(match["after"])
    return "和" if chinese else " and "


# A registration as a noun, written with a hyphen ("sign-ups"); the verb "sign up" is left.
_SIGN_UPS = re.compile(r"\bsign-(?=ups?\b)")


# Irregular past forms, as their verb: "laid the foundation" answers "lay the groundwork",
# "brought in" answers "bring in" (regular forms share a prefix, which matching allows for).
# Forms that are also other words of this knowledge (found, left, set, rose) are left alone,
# "held", which says an event took place ("holds" values is no meeting held), and "led", a
# part that scopes a hyphenated word ("country-led").
_IRREGULAR = {
    # ordinals in digits, as the documents write them ("the 2nd round": the second; not
    # "1st", whose "first" the documents write of other things: "the first version")
    **dict.fromkeys(("2nd",), "second"),
    **dict.fromkeys(("3rd",), "third"),
    **dict.fromkeys(("laid",), "lay"),
    **dict.fromkeys(("brought",), "bring"),
    **dict.fromkeys(("began", "begun"), "begin"),
    **dict.fromkeys(("grew", "grown"), "grow"),
    **dict.fromkeys(("took", "taken"), "take"),
    **dict.fromkeys(("gave", "given"), "give"),
    **dict.fromkeys(("made",), "make"),
    **dict.fromkeys(("won",), "win"),
    **dict.fromkeys(("chose", "chosen"), "choose"),
    **dict.fromkeys(("sought",), "seek"),
    **dict.fromkeys(("built",), "build"),
    **dict.fromkeys(("ran",), "run"),
    **dict.fromkeys(("wrote", "written"), "write"),
    **dict.fromkeys(("paid",), "pay"),
    **dict.fromkeys(("spent",), "spend"),
    **dict.fromkeys(("sent",), "send"),
    **dict.fromkeys(("met",), "meet"),
    **dict.fromkeys(("taught",), "teach"),
    **dict.fromkeys(("kept",), "keep"),
    **dict.fromkeys(("told",), "tell"),
    **dict.fromkeys(("became",), "become"),
    **dict.fromkeys(("drew", "drawn"), "draw"),
    **dict.fromkeys(("shown",), "show"),
    **dict.fromkeys(("knew", "known"), "know"),
    **dict.fromkeys(("went", "gone"), "go"),
    **dict.fromkeys(("undertook", "undertaken"), "undertake"),
    **dict.fromkeys(("bought",), "buy"),
    **dict.fromkeys(("caught",), "catch"),
    **dict.fromkeys(("understood",), "understand"),
    **dict.fromkeys(("oversaw", "overseen"), "oversee"),
}


# An adverb made from an adjective ("physically", "officially", "approximately", "currently"):
# how, not what, a question asks about; nouns that end the same way (Italy, family, assembly)
# are made from no adjective.
_MANNER_ADVERB = re.compile(
    r"[a-z]{3,}(?:al|ous|ive|ful|ent|ant|ate|ic|ible|able|ar|less|ise|ize)ly"
)


def is_manner_adverb(word: str) -> bool:
    """Whether a word is an adverb of manner made from an adjective ("physically")."""
    return _MANNER_ADVERB.fullmatch(word) is not None


def stem(word: str) -> str:
    """A light English stemmer: plural forms and irregular past forms only, so that typos
    still look alike."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        if word.endswith("is") and len(word) > 4:  # analysis, basis
            return word
        word = word[:-1]
    # the British spelling as the documents' ("mobilisation": mobilization)
    if len(word) > BRITISH_SUFFIX_MIN_CHARS and word.endswith("isation"):
        return word[: -len("isation")] + "ization"
    return word


# A word this long that ends in "-isation" is the "-ization" word (not a short one).
BRITISH_SUFFIX_MIN_CHARS = 8


# The second part of a hyphenated word that only scopes the first: "ITU-wide", "country-led".
SCOPE_SUFFIXES = frozenset(
    "wide led based level specific focused driven related owned wise backed sponsored oriented"
    " linked centred centered".split()
)
# ... of which these add nothing to the word before them ("money-wise", "EC-backed"): no
# word of their own in a query
LIGHT_SUFFIXES = frozenset("wise backed sponsored".split())


def latin_tokens(normalized: str, *, keep_stopwords: bool = False) -> list[str]:
    """Words and numbers; hyphenated words also give their parts (gsr-23 → gsr, 23)."""
    tokens: list[str] = []
    for match in _LATIN.finditer(normalized):
        word = match.group().strip("'")
        if word.endswith("'s"):
            word = word[:-2]
        if not keep_stopwords and word in EN_STOPWORDS:
            continue
        tokens.append(stem(word))
        if "-" in word:
            tokens.extend(
                stem(part)
                for part in word.split("-")
                if len(part) > 1
                and (keep_stopwords or part not in EN_STOPWORDS)
                and not (part in LIGHT_SUFFIXES and not word.startswith(part))
            )  # "policy-and-regulation": no "and"; "money-wise": no "wise"
    return tokens


def han_bigrams(normalized: str) -> list[str]:
    """Character bigrams of every run of Chinese characters (a lone character stands alone)."""
    grams: list[str] = []
    for match in _HAN_RUN.finditer(normalized):
        run = match.group()
        if len(run) == 1:
            grams.append(run)
        else:
            grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def han_lone_words(normalized: str) -> list[str]:
    """Characters of a longer run whose every pair is glue, so that they stand alone as a
    word: "拿了个什么奖" asks about 奖."""
    words: list[str] = []
    for match in _HAN_RUN.finditer(normalized):
        run = match.group()
        pairs = [run[i : i + 2] for i in range(len(run) - 1)]
        for i, char in enumerate(run):
            around = pairs[max(0, i - 1) : i + 1]
            if (
                around
                and char not in ZH_PARTICLES
                and char not in LONE_GLUE
                and all(is_function_gram(p) and p not in ZH_STOP_GRAMS for p in around)
            ):
                words.append(char)
    return words


def tokenize(normalized: str) -> list[str]:
    return latin_tokens(normalized) + han_bigrams(normalized)


def is_function_gram(gram: str) -> bool:
    if gram in ZH_CONTENT_GRAMS:
        return False
    return gram in ZH_STOP_GRAMS or gram[0] in ZH_PARTICLES or gram[-1] in ZH_PARTICLES
