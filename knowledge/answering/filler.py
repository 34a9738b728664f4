"""Politeness and small talk around a question: found and set aside before it is matched.

"Hi! Sorry to bother you — do you happen to know roughly how much P2 gets? Thanks!" asks
what "how much P2 gets" asks; the rest only dilutes the match. A question is cut into
clauses; a clause that is small talk (a greeting, thanks, an apology, the asker speaking of
themselves) and asks nothing is dropped, and filler phrases are taken out of the others.
The lexicon is written in simplified Chinese; traditional spellings are derived from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.answering.text import (
    EN_STOPWORDS,
    HANT,
    detect_script,
    is_chinese,
    normalize,
    to_script,
)

# A clause ends at sentence punctuation, a comma, a colon or a dash (not a hyphen in a word).
_CLAUSE_END = re.compile(
    r"[!?;:…~～！？。；：，、\u2600-\u27bf\U0001f300-\U0001faff]+|(?<!\d)[.,]+|[.,]+(?!\d)"
    r"|\s[-–—]+\s|—+|\s(?=but\s)",
    re.IGNORECASE,
)

# Clauses that start with one of these are small talk unless they ask something.
_SOCIAL_EN = (
    r"hi+|hello|hey+|hiya|howdy|good (?:morning|afternoon|evening|day)|morning|greetings|dear",
    r"thanks?|thank you|thx|cheers|many thanks|much appreciated|appreciated|ta",
    r"sorry|apologies|pardon|excuse me",
    r"i(?:'m| am|'ve| have|'d| would| keep| was| need| think| just| hope)\b",
    r"hope\b|no rush|no worries|no hurry|quick (?:one|question|q|maths?|sum|calc\w*|check)\b"
    r"|random (?:one|question)"
    r"|bit of a|one more|another (?:one|question)|just curious|curious|out of curiosity",
    r"for (?:a|an|the|my|our) (?:[a-z\-]+ ){0,2}(?:note|slides?|deck|report|briefing|newsletter"
    r"|memo|email|presentation|call|meeting|paper|prep|preparations?|workshop|session|talk)\b",
    # "two things for the TDAG prep", "a couple of questions"
    r"(?:two|three|2|3|a few|a couple of|couple of) (?:quick )?(?:things|questions|qs|ones)\b",
    r"a colleague|my (?:boss|manager|colleague|team)|my \w+ (?:wants|asked|is asking|needs)",
    # (not "ok and the cybersec line, what % of P4 is it": a subject taken up)
    r"we(?:'re| are)\b|lol|haha|ok(?:ay)?(?![\s,]+(?:(?:and|now|also)\s+(?:the|its|their)"
    r"|(?:and\s+)?(?:what|how) about)\b)"
    r"|so\b$",
    r"if you (?:know|have it|can|don't mind)|if possible|when you (?:have|get) a (?:moment|sec)",
    r"working on|drafting|preparing|writing|putting together",
    # how the asker wants it answered: "keep it short", "a short answer is fine"
    r"keep it (?:short|brief|simple)|(?:a )?(?:short|quick|brief) (?:answer|version)"
    r"|in (?:short|brief)|(?:rough(?:ly)?|approx(?:imately)?|(?:a )?ballpark(?: figure| number)?"
    r"|(?:an )?estimate)(?: is| are)? (?:fine|ok|okay|enough)"
    r"|briefly|tl;?dr"
    # "bullets fine", "bullet points are ok", "a list is fine"
    r"|(?:in )?(?:bullets?|bullet points?|a list)(?: (?:are|is))? (?:fine|ok|okay|please|pls)",
    # who the asker is, said before asking: "newbie here", "new here", "new to BDT"
    r"(?:newbie|new joiner|newcomer|new) (?:here|to (?:bdt|itu|the team))\b",
)
# Small talk wherever it stands in a clause that asks nothing.
_SOCIAL_ANYWHERE_EN = (
    r"\b(?:thanks|thank you|cheers|appreciated|no rush|lol|haha)\b",
    # why the asker asks, in a clause that asks nothing: "my manager asked me to check"
    r"\bmy (?:boss|manager|director|supervisor|colleague|team|unit|chief) (?:asked|wants|needs"
    r"|is asking|has asked)\b",
    r"would be (?:great|nice|helpful|perfect|appreciated|ideal)",
    r"\b(?:that|this|it)(?: was|'s| is) (?:very |really |so |super )?(?:helpful|great|useful"
    r"|perfect|clear)\b",
)
_SOCIAL_ANYWHERE_ZH = ("谢谢", "感谢", "感恩", "多谢", "麻烦您了", "麻烦了", "辛苦", "冒昧")
_SOCIAL_ZH = (
    "你好|您好|嗨|哈喽|哈啰|哈罗|嘿|早上好|下午好|晚上好|老师好|各位好|大家好|hello",
    "谢谢|多谢|感谢|感恩|谢啦|辛苦了|麻烦了|劳驾",
    "不好意思|打扰了|打扰一下|抱歉|对不起",
    "我是|我刚|我在|我正在|我其实|我有点|我想确认|我们|同事|领导",
    "再问一个|顺便问|随便问|好奇|请教一下|想请教|问一下|问个问题|嗯",
    # why the asker asks: "想放到PPT里", "要写进报告"
    "想放到|想放进|要放到|要放进|想写进|要写进|想用在|要用在|准备放到|准备写进",
    # what the asker wants to check, and how briefly: "想跟你确认一件事", "麻烦简短回答就好"
    "想跟你确认|想和你确认|跟你确认|想确认|确认一件事|问你一件事|想问你一件事",
    "麻烦简|简短回答|简单回答|简单说|长话短说|一句话回答|简短点|简单点",
)

# Phrases that carry no content wherever they stand (longest first when applied).
_FILLER_EN = (
    # where the asker came across it: "the LearningLabs that were mentioned in my induction"
    # (not "the KPIs mentioned in the report", which places them)
    r"\b(?:that|which) (?:were|was|got|have been|has been|are|is) (?:mentioned|brought up"
    r"|talked about|discussed|referred to) (?:in|at|during|by) (?:my|our|a) [a-z]+"
    r"(?: (?:meeting|session|call|chat|training|briefing))?\b",
    r"(?:do|would|did|might) you (?:happen to )?(?:know|remember|recall)(?: by any chance)?"
    r"(?: if| whether)?",
    r"(?:could|can|would|will) (?:you|someone|somebody|anyone|anybody) (?:please |kindly )?"
    r"(?:tell|remind|show|give|let) me",
    r"would you mind (?:telling|reminding|showing) me",
    r"\bremind me(?: of| about)?\b",
    # a request for a summary: "what's the deal with the Transformers programme", "give me a
    # rundown of …"
    r"\bthe (?:deal|story|lowdown|scoop) (?:with|on)\b"
    r"|(?:(?:can|could) you )?(?:(?:give|send) me )?\b(?:a |an )?(?:quick |short |brief )?"
    r"(?:rundown|recap|run-through|explanation) (?:of|on)\b",
    # how plainly: "in plain words, what's …", "simply put"
    r"\bin (?:plain|simple|layman'?s?|everyday) (?:words|terms|english|language)\b"
    r"|\bin a nutshell\b|\bsimply put\b|\bput simply\b",
    # how long: "what is ITU as One, in a sentence?", "in two lines", "in a few words"
    r"\bin (?:a|one|two|three|a few|few|\d) (?:short )?(?:sentences?|lines?|words)\b",
    r"(?:could|can|would) you (?:please )?(?:check|find out|look up|confirm)",
    # where something came from: "the pillars that came out of the visioning exercise" are
    # the visioning exercise's pillars
    # (but "what came out of the Council session" asks what resulted, and is kept)
    r"(?<!\bwhat )(?<!\bwhat has )(?<!\bwhat have )"
    r"\b(?:that |which )?(?:came|come|comes) out of\b|\b(?:that |which )?emerged from\b",
    r"i (?:was|am|'m) (?:just )?wondering(?: if| whether)?",
    # what is not asked, said beside what is: a level of the figures ("at theme level
    # rather than priority totals"; not "instead of the CoE", nor a line left out)
    r"\brather than (?:the )?(?:priority|priorities|theme|themes|line|lines|enabler|enablers"
    r"|overall|individual|single)(?: (?:totals?|levels?|figures?|budgets?|ones|regions?))?"
    r"(?=[,;?]|$)",
    r"i(?: was|'m| am|'ve been| have been)? (?:just )?trying to (?:remember|recall|find out"
    r"|work out|figure out)",
    r"i (?:can't|cannot|don't|do not|couldn't) (?:quite )?(?:remember|recall)",
    r"(?:does|do) (?:anyone|anybody|you guys) know",
    # who asked it, before the question: "someone in the thread asked what ATC stands for"
    r"\b(?:someone|somebody|a colleague|my (?:boss|manager|colleague|team))"
    r" (?:(?:in|on) (?:the|our|a) (?:thread|channel|chat|call|meeting) )?"
    r"(?:asked|was asking|is asking|wants to know|wanted to know)(?: me)?(?= (?:what|which|who"
    r"|when|where|why|how|if|whether)\b)(?: if| whether)?",
    r"i(?:'d| would) (?:like|love) to know",
    r"i want to know|i need to know|i'm trying to find out|any idea",
    r"if you know|if you have it|by any chance|off the top of your head|just to confirm",
    r"\bplease\b|\bkindly\b|\broughly\b|\bapproximately\b|\babout how\b|\bagain\b",
    r"\bexactly\b|\bactually\b|\breally\b|\bprecisely\b|\bbasically\b",
    r"(?:tell|show) me (?:everything|more|all|a bit|something) about",
    # what only joins a question to the one before: "By the way, …", "btw", "Quick follow-up:"
    # (not "diff btw X and Y", between)
    r"\bby the way\b|(?<!\bdiff )\bbtw\b|\bone more thing\b|\b(?:quick |one )?follow-?up\b"
    r"|\bon (?:another|a different|a separate) note\b|\bside question\b|^oh(?: and)?(?: also)?\b",
    # the document saying what is asked, after it: "the main risks it lists", "the KPIs OP-23
    # names" (what the document lists is asked, not its listing)
    r"(?<=[a-z]s )(?:that |which )?(?:it|op-23|the (?:op|plan|document|report|operational plan))"
    r" (?:lists|mentions|names|identifies|sets out|describes|cites)\b",
)
_FILLER_ZH = (
    "请问一下下",
    "想请问一下",
    "想请问",
    "请问一下",
    "请问",
    "就想问问",
    "不太确定该问谁",
    "不知道该问谁",
    # who asks: "同事问P1应急通信有哪些KPI" (a colleague, not staff asked about)
    "有个同事问",
    "有位同事问",
    "我的同事问",
    "有同事问",
    "同事在问",
    "同事问",
    # a request to list or look up what the question asks, after it: "P1应急通信有哪些KPI，能帮
    # 忙列一下吗"
    "能帮忙列一下吗",
    "能帮我列一下吗",
    "可以帮忙列一下吗",
    "可以帮我列一下吗",
    "能不能帮忙列一下",
    "能帮忙查一下吗",
    "能帮我查一下吗",
    "帮忙列一下",
    "帮我列一下",
    # a computation asked for after what it works on: "内外部加起来算一下" (the sum stays; not
    # 算算, which "预算算大约多少" writes too)
    "帮我算一下",
    "帮忙算一下",
    "算一下",
    "能不能帮我看一下",
    "帮我看一下",
    "帮忙看一下",
    "麻烦问一下",
    "麻烦问下",
    "麻烦帮我查一下",
    "能不能帮我查一下",
    "能不能告诉我",
    "能告诉我",
    "麻烦您告诉我",
    "麻烦你告诉我",
    "麻烦告诉我",
    "请告诉我",
    "告诉我一下",
    "麻烦您",
    "麻烦你",
    "告诉我",
    "帮我查一下",
    "帮忙查一下",
    "想请教一下",
    "请教一下",
    "想问问看",
    "想问一下",
    "想问下",
    "问下",
    "想问问",
    "问一下",
    "我想知道",
    "想知道",
    "想确认一下",
    "确认一下",
    "顺便说说",
    "顺便问一下",
    "顺便",
    "听说",
    # where it was read: "文件里说的CIRT", "文件中提到的UMC项目"
    "文件里说的",
    "文件中说的",
    "文件里提到的",
    "文件中提到的",
    "文件里面提到的",
    "到底",
    # "具体是多少钱" (specifically how much): how it is asked, not what (not "具体目标", a
    # specific target, nor "具体是哪一天", the exact day)
    "具体是多少",
    "具体多少",
    # colloquial: "波士顿咨询那边" (BCG's side: BCG), "打算借助…" (plans to use …)
    "那边",
    "这边",
    "打算",
    "大概",
    "大约",
    "一下下",
    "来着",
    "还有一个问题",
    "还有个问题",
    "还有就是",
    "另外",
    "此外",
    "对了",
)
# Sentence-final particles that only soften a question.
_PARTICLES_ZH = "呀啊呢啦吧哦嘛哈"

# A clause that asks: it holds a question word.
_ASKS = re.compile(
    r"\b(?:what|which|who|whom|whose|when|where|why|how)\b"
    r"|多少|什么|哪|谁|几|吗|如何|怎么|怎样|是否|有没有|为何|为什么"
    # (in traditional characters, and Cantonese: "係咩", "邊度", "幾多", "點樣")
    r"|什麼|甚麼|誰|幾|嗎|怎麼|怎樣|為何|為什麼|咩|乜|邊|點樣|點解",
    re.IGNORECASE,
)
# A whole clause that only says where a question comes from, who asks it or what it is for
# ("pasting from the thread", "following on from the DCM thread", "follow-up to Ana's
# question", "KPI owners are asking in the channel", "Europe RO here", "dumb question"):
# small talk. Only the whole clause: "re the GSR-23", "people are asking
# about the cybersecurity theme" name what is asked about.
_THREAD = (
    r"(?:thread|channel|chat|conversation|email|e-mail|discussion|question|q|message|post"
    r"|comment|point|meeting|call|standup|stand-up)s?"
)
# Who asks, said before asking: "Europe RO here", "Pacific colleague here"
_HERE = r"(?:(?!(?:is|are|was|were)\b)[\w'&/-]+ ){1,4}here"
_CONTEXT_EN = re.compile(
    r"(?:pasting|pasted|copying|copied|forwarding|forwarded|quoting)"
    r"(?: this| it| that| a question)?"
    rf" (?:from|in) (?:the|a|an|our|my|your|this|that) (?:[\w'-]+ ){{0,3}}{_THREAD}"
    r"|(?:following (?:on|up) from|following up on|further to|re:?|continuing|(?:follow-?up )?to)"
    rf" (?:the|a|an|our|my|your|that|this|[a-z]+'s) (?:[\w'-]+ ){{0,3}}{_THREAD}"
    r"|(?:[\w-]+ )?(?:owners|colleagues|people|folks|staff|someone|somebody|the team|my team"
    r"|(?:my|our) (?:boss|manager|director|colleagues?)) (?:are|is|were|was|keeps?) (?:asking"
    rf"|wondering)(?: (?:in|on) (?:the|our|a) (?:[\w'-]+ )?{_THREAD})?"
    # who asks (not "CIS regional office", which may be what is asked about)
    rf"|{_HERE}"
    # what the asker thinks of the question: "dumb question", "probably a silly one"
    r"|(?:(?:probably|maybe|possibly|perhaps|prob) )?(?:a |another )?(?:dumb|silly|stupid|naive"
    r"|basic|newbie|noob|obvious|simple) (?:question|q|one)",
    re.IGNORECASE,
)
# In Chinese (simplified), the words such a clause is made of: for when and for whom the answer
# is ("明天给领导汇报用", "为明天周会准备"), a request to check ("帮手check下"), who asks ("新来的",
# "小白") and what they think of it ("问个蠢问题"); one of the first set must be there (a time
# alone may be what is asked about: "今天的会议，讨论了什么？").
_CONTEXT_ZH_ANCHOR = (
    "领导|老板|上级|帮手|check|汇报|准备|要用|新来的|刚来的|新人|小白|蠢问题|傻问题|笨问题"
    "|简单问题|基础问题|小白问题"
)
_CONTEXT_ZH = re.compile(
    f"(?:{_CONTEXT_ZH_ANCHOR}|明天|今天|今晚|下周|下星期|下礼拜|待会|等下|上午|下午|晚上|本周|这周"
    r"|周[一二三四五]|周会|例会|组会|会议|开会|简报|ppt|slides?|deck|帮忙|一下|为了|问个|一个"
    r"|可能是个|[下用为给向跟的写做在先急问想我])+",
    re.IGNORECASE,
)
_CONTEXT_ZH_ANCHORS = re.compile(_CONTEXT_ZH_ANCHOR, re.IGNORECASE)


# The words of such a clause that name no topic ("pasting from the thread", "noob q", "KPI
# owners are asking"): a clause with any other word of content may name what is asked about.
_CONTEXT_WORDS = frozenset(
    """pasting pasted copying copied forwarding forwarded quoting following follow followup
    further re continuing thread threads channel chat conversation email e-mail discussion
    question questions q message post comment point meeting call standup stand-up owners
    colleagues colleague people folks staff someone somebody team boss manager director asking
    wondering keeps keep here dumb silly stupid naive basic newbie noob obvious simple probably
    maybe possibly perhaps prob another one kpi quick random check pls please help""".split()
)


def _names_a_topic(clause: str) -> bool:
    """Whether a clause that says where a question comes from names something else too ("the
    GSR-23 thread", "the CIS regional office"; not "Ana's question", "the thread")."""
    words = re.findall(r"[a-z][a-z0-9'-]*|\d+", clause.lower())
    return any(
        w not in EN_STOPWORDS and w not in _CONTEXT_WORDS and not w.endswith("'s") for w in words
    )


# … and, greeting first, as a clause of its own
_SAYS_WHO_ASKS = re.compile(rf"(?:hi,? |hello,? )?{_HERE}", re.IGNORECASE)
# A name of the question's own: an acronym of two letters or more ("RDF-EUR", "GSR-23"; not a
# currency, a line's code or "KPI")
_ACRONYM = re.compile(r"\b(?!(?:CHF|EUR|USD|KPIS?|OP)\b)[A-Z]{2,}[A-Z0-9]*(?:-[A-Z0-9]+)?\b")
_ADDRESSED = re.compile(r"\byour?\b", re.IGNORECASE)
# "你好吗", "您好嗎": a greeting, not a question
_HOW_ARE_YOU = re.compile(r"(?:[你您]|大家|各位)[们們]?[好最近还還]*[吗嗎]")


def _is_context(clause: str) -> bool:
    """Whether a whole clause only says where the question comes from, who asks or what for."""
    bare = clause.strip(" \t:：-–—,，.。!！")
    if not bare or _ASKS.search(bare):
        return False
    if _CONTEXT_EN.fullmatch(bare):
        return True
    if not is_chinese(bare):
        return False
    simplified = normalize(bare)  # (in simplified characters)
    return bool(_CONTEXT_ZH.fullmatch(simplified) and _CONTEXT_ZH_ANCHORS.search(simplified))


# A clause that states what the asker needs asks for it: "… and need the budget of the
# cybersecurity theme", "我需要网络安全的预算".
_REQUESTS = re.compile(
    r"\b(?:need|needs|want|wants|looking for|would like|after|require|requires|interested in)"
    r"\s+(?:to (?:know|find|get|see|check) )?(?:the|a|an|some|its|their|our|all|every|p\d|e\d)\b"
    r"|需要|想要|想了解|想查|要查|在找",
    re.IGNORECASE,
)
# "Name the pillars …", "name three outputs": a list asked for (the verb "name" is no word of
# what is asked, as "list" is none).
_NAME_VERB = re.compile(
    r"^name\b(?=\s+(?:the|all|every|each|any|some|its|their|\d+|two|three|four|five|six"
    r"|seven|eight|nine|ten)\b)"
    # "name the Director of BDT" asks a person's name: kept as asked
    r"(?!\s+(?:the\s+)?(?:[\w-]+\s+)?(?:director|head|chair|chairman|chairperson|chief"
    r"|secretary|deputy|president|leader|coordinator|manager|officer|focal|contact|person"
    r"|people|members?|staff)\b)",
    re.IGNORECASE,
)
# A question asked inside another ("do you know who the BDT Director is?", once "do you
# know" is dropped): the question word's verb put back before its subject, as asked alone
# ("who is the BDT Director?"), so that what it asks of reads as it does then.
_EMBEDDED = re.compile(
    r"^(?P<w>who|what|where|when|which \w+|how (?:much|many)(?: \w+)?)\s+"
    r"(?P<s>(?!(?:is|are|was|were)\b)\S.*?)\s+(?P<v>is|are|was|were)(?P<e>\s*[?.!]*)$",
    re.IGNORECASE,
)
# "能列出OP-23的风险吗", "可以列举一下…": a list asked politely ("能列" is no word of it).
# "How big / large is the OP-23 budget": how much, of money (of anything else it may ask a
# count or a size, and is kept).
_HOW_BIG = re.compile(
    r"\bhow (?:big|large|sizeable|sizable)\b(?=[^?]*\b(?:budget|allocation|envelope|funding"
    r"|funds|money|share|slice)s?\b)",
    re.IGNORECASE,
)
# "Which priority ends up with the smallest allocation": has.
_ENDS_UP_WITH = re.compile(r"\b(?:ends?|ended|ending) up with\b", re.IGNORECASE)
# "how many staff ended up working on it / involved": what they did or were, "ended up" only
# says it came last
_ENDED_UP_DOING = re.compile(r"\b(?:ends?|ended|ending) up (?=[a-z]+(?:ing|ed)\b)", re.IGNORECASE)
# "how many were involved at the start": initially, as the documents say it
_AT_THE_START = re.compile(r"\bat (?:the )?(?:start|beginning|outset)\b", re.IGNORECASE)
_CAN_YOU_ZH = re.compile(r"(?:能不能|能否|可不可以|可以|能)(?=列出|列举|說說|说说|讲讲|講講)")
# "What does the operational plan say about regional presence", "according to OP-23, what
# about cybersecurity", "运作规划关于网络安全说了什么": what is asked is the topic; a
# document named around it only places it (its words would find records about the document).
_DOCUMENT_WORDS = (
    r"(?:(?:operational|strategic|itu-d|op-23|bdt|itu|council|20\d\d|annual|main|impact)\s+){0,3}"
    r"(?:plan|report|document|paper|op-23|tdag-23|c2\d/\d+|council(?: 20\d\d)?|framework|it)"
)
_SAYS_ABOUT = re.compile(
    r"^(?:so |and )?what (?:does|do|did) (?:the |this |that |our )?"
    + _DOCUMENT_WORDS
    + r" (?:say|state|write|mention|tell us|contain|cover)s? (?:about|on|regarding) "
    r"|^(?:according to|as per|in) (?:the |this )?" + _DOCUMENT_WORDS + r",? what about ",
    re.IGNORECASE,
)
_SAYS_ABOUT_ZH = re.compile(
    r"^(?:[^，,。？?]{0,20}?(?:里|中|里面|裏|裏面)?)?(?:关于|關於)(?P<t>[^，,。？?]{2,20}?)"
    r"(?:[说說]了(?:些)?什[么麼]|怎[么麼][说說]|[写寫]了什[么麼]|[讲講]了什[么麼]"
    r"|有什[么麼]内容|有哪些内容|有什[么麼][说說]法)"
    r"|^(?:关于|關於)(?=[^，,。？?]{2})"
)
# Joining words a dropped clause leaves at the start of the next one.
_LEADING_GLUE = re.compile(
    r"^(?:but(?! not\b)|so|and|also|well|um+|uh+|anyway|just)\b\s*", re.IGNORECASE
)  # "but not X" leaves X out of what is asked


def _in_scripts(phrases: tuple[str, ...], traditional: bool) -> list[str]:
    """The phrases, and with `traditional` their traditional forms too, longest first."""
    out: list[str] = []
    for phrase in phrases:
        for form in (phrase, to_script(phrase, HANT)) if traditional else (phrase,):
            if form not in out:
                out.append(form)
    return sorted(out, key=lambda p: -len(p))


@dataclass(frozen=True)
class _Patterns:
    social_start: re.Pattern[str]
    social_anywhere: re.Pattern[str]
    filler_zh: re.Pattern[str]


@lru_cache(maxsize=2)
def _get_patterns(traditional: bool) -> _Patterns:
    """The Chinese phrases in simplified characters, and for a question written in
    traditional ones their traditional forms too: converting them loads OpenCC's s2t tables
    (about 60 ms), which a process that never sees traditional text does not need."""
    return _Patterns(
        social_start=re.compile(
            r"^(?:"
            + "|".join(_SOCIAL_EN)
            # whole words: "ta" is thanks, "Taken together" is not; "hi" is no "historic"
            + r")(?![a-z])|^(?:"
            + "|".join(_in_scripts(_SOCIAL_ZH, traditional))
            + ")",
            re.IGNORECASE,
        ),
        social_anywhere=re.compile(
            "|".join(_SOCIAL_ANYWHERE_EN)
            + "|"
            + "|".join(_in_scripts(_SOCIAL_ANYWHERE_ZH, traditional)),
            re.IGNORECASE,
        ),
        filler_zh=re.compile("|".join(re.escape(p) for p in _in_scripts(_FILLER_ZH, traditional))),
    )


_FILLER = re.compile("|".join(_FILLER_EN), re.IGNORECASE)
# A budget line named by its code: a clause that names one says what is asked about ("I've
# seen two percentages for P3's share"), however socially it starts.
_NAMES_A_LINE = re.compile(r"(?<![A-Za-z0-9])[PpEe][1-7](?![0-9])")
_PARTICLE_END = re.compile(f"[{_PARTICLES_ZH}]+(?=[?？!！。，,~～]|$)")
_SPACES = re.compile(r"\s+")


def _is_small_talk(clause: str, patterns: _Patterns) -> bool:
    # "I was trying to remember the session on ChatGPT": the filler set aside, what is left
    # starts with what is asked about, not with the asker
    unframed = _SPACES.sub(" ", _FILLER.sub(" ", clause)).strip()
    if any(_is_context(c) and not _names_a_topic(c) for c in (unframed, clause)):
        return True  # (one that names a topic is read as any other clause)
    social = patterns.social_start.search(unframed) or patterns.social_anywhere.search(clause)
    if social is None or _REQUESTS.search(clause) or _NAMES_A_LINE.search(clause):
        return False
    asked = _HOW_ARE_YOU.sub(" ", _FILLER.sub(" ", patterns.filler_zh.sub(" ", clause)))
    return not _ASKS.search(asked)


def _clauses(text: str) -> list[tuple[str, str]]:
    """(clause, the punctuation that ended it)."""
    pieces: list[tuple[str, str]] = []
    start = 0
    for match in _CLAUSE_END.finditer(text):
        pieces.append((text[start : match.start()], match.group()))
        start = match.end()
    pieces.append((text[start:], ""))
    return [(c, end) for c, end in ((_unwrap(c), end) for c, end in pieces) if c]


_OPENING = {"'": "'", '"': '"', "”": "“", "」": "「"}
_CLOSING = {"“": "”", "「": "」"}
_AROUND = " ()[]'\"“”「」"


def _unwrap(clause: str) -> str:
    """A clause without the spaces, brackets and quotes around it ("'thanks'"); a quote that
    closes a name inside it stays ("the definition of 'ITU as One'")."""
    stripped = clause.strip(_AROUND)
    closing = clause.rstrip(" ()[]")[-1:]
    opening = _OPENING.get(closing)
    if opening is not None and opening in stripped:
        return stripped + closing  # the name's closing quote
    first = clause.lstrip(" ()[]")[:1]
    if first in _CLOSING and _CLOSING[first] in stripped:
        stripped = first + stripped  # a name quoted first: "“国际电联是一家”到底是什么意思"
    for opened, closed in ("()", "[]"):
        # a bracket that closes one opened inside it stays ("E5 (HR and innovation)")
        unclosed = stripped.count(opened) - stripped.count(closed)
        if unclosed > 0 and clause.rstrip().endswith(closed):
            stripped += closed * min(unclosed, len(clause) - len(clause.rstrip(" " + closed)))
    return stripped


# Words that say, in brackets after a name, that it was another's before: "（以前叫CoE）",
# "(formerly CoE)" (not a question of the old name: "ATC以前叫什么").
_FORMERLY = re.compile(
    r"(?<=[（(])\s*(?:以前叫|以前称为|以前稱為|以前称|以前稱|原来叫|原來叫|原名|旧称|舊稱|前身是|前身为|前身為"
    r"|(?:formerly|previously|once)(?: (?:called|known as|named))?(?= [A-Za-z])"
    r"|a\.?k\.?a\.?(?= ))",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def strip_filler(text: str) -> str:
    """The question without small-talk clauses and filler phrases; the text itself when
    nothing would be left. A question that only points back to what a clause set aside as
    small talk says the asker wants to quote ("I wanted to quote the BDT core values agreed at
    the retreat - could you list them?") keeps what it wants to quote."""
    if _ASKS_WHICH.search(text):
        # "哪个主题（像应急通信、网络安全这种）预算最多": examples of the class asked over,
        # not the only ones to compare
        text = _EXAMPLES_GIVEN.sub(" ", text)
    # "我们组负责应急通信，2023年预算是多少？": what the asker's team works on is what is asked
    # about (the rest of that clause is small talk)
    # (not where the question names its own line: "我们组负责统计数据，P3一共多少钱？")
    # "数字包容性方面用哪些KPI来衡量": regarding the topic, no word of a record ("在数字包容性
    # 方面获得援助的国家" is one KPI, not the topic's KPIs)
    text = _REGARDING_ZH.sub("", text)
    # "ATC（以前叫CoE）", "the ATC programme (formerly CoE)": another name of what is asked
    # about, kept as a name, the words saying it was its name set aside
    text = _FORMERLY.sub(" ", text)
    # "I need the official definition of 'ITU as One' for a slide deck": what the asker
    # will put it in, no word of a record
    text = _FOR_THE_ASKERS_PAPER.sub(" ", text)
    work = _ASKERS_WORK_ZH.search(text)
    if work is not None and not _LINE_NAMED.search(text[work.end() :]):
        text = text[: work.start()] + work["obj"] + "，" + text[work.end() :]
    stripped = _strip(text, drop_small_talk=True)
    if (
        stripped != text
        and _POINTS_BACK.search(stripped)
        and not _names_things(_POINTS_BACK.sub(" ", stripped))
    ):
        kept = _strip(text, drop_small_talk=False)
        if kept != stripped:
            return kept
    return stripped


# Examples of a class, in brackets: "（像应急通信、网络安全这种）", "(e.g. cybersecurity, stats)".
_EXAMPLES_GIVEN = re.compile(
    # (two or more of them: "(e.g. global outputs)" may be the answer, or the class itself)
    r"[（(]\s*(?:像|比如|例如|譬如|诸如|such as|e\.g\.?|eg|like)\s*[^）()、,，]{1,20}"
    r"(?:[、,，]|\band\b|和)[^）()]{1,30}[）)]",
    re.IGNORECASE,
)
_ASKS_WHICH = re.compile(r"\bwhich\b|哪", re.IGNORECASE)
# What the asker writes, said inside a clause that asks: "for a slide deck", "for my briefing
# note" (not a meeting or a report, which the documents may speak of).
# (only after the words it follows: one that opens a clause, "For an email to the Director:",
# is small talk with its clause; nor "what was discussed in a briefing", its subject)
_FOR_THE_ASKERS_PAPER = re.compile(
    r"(?<=[a-z0-9'’\"”)] )(?<!discussed )(?<!said )(?:for|into) (?:a|an|my|our) (?:[a-z\-]+ ){0,2}"
    r"(?:slides?|slide ?deck|deck|ppt|powerpoint|briefing(?: note)?|newsletter|memo|e-?mail"
    r"|presentation|talking points)\b"
    r"(?= *(?:[-–—:,;.?!]|$))",
    re.IGNORECASE,
)
_REGARDING_ZH = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9])方面(?:的)?(?=[\u4e00-\u9fff])")
# (not a line a share is taken of: "我们组负责应急通信，占P1多少？" keeps 应急通信)
_LINE_NAMED = re.compile(r"(?<![A-Za-z0-9占佔])(?<!占了)(?<!佔了)[PpEe][1-7](?![0-9])")
# The asker's team and what it works on, told before the question: "我们组负责应急通信，",
# "我這邊跟進網絡安全，".
_ASKERS_WORK_ZH = re.compile(
    r"(?:^|(?<=[，。,！!？?\s]))(?:我|我们|我們)(?:组|組|处|處|科|部门|部門|团队|團隊|这边|這邊|单位|單位)?"
    r"(?:主要)?(?:是)?(?:负责|負責|主管|跟进|跟進)(?P<obj>[^，。,？?！!]{2,20})[，,]"
)


# A clause set aside as small talk names things with this many words of content, or Chinese
# characters, or more.
NAMING_MIN_WORDS = 4
NAMING_MIN_HAN = 8
_ASKER_PURPOSE = re.compile(
    r"\b(?:want(?:ed)?|need(?:ed)?|would like|'d like|hop(?:e|ed|ing)|tr(?:y|ied|ying)) to "
    r"(?:quote|cite|use|include|mention|reference|check|confirm|share|present|show)\b"
    r"|想引用|要引用|想用|要用|想确认|要确认",
    re.IGNORECASE,
)
# Words that point back to something named before ("list them", "它们是什么").
_POINTS_BACK = re.compile(r"\b(?:them|it|they|those|these)\b|它们|它|这些|那些|這些|它們", re.I)


def _names_things(clause: str) -> bool:
    """Whether a clause names things a later one may point back to: four words of content
    or more ("… quote the BDT core values agreed at the 2018 retreat"; not "Hi", "thanks a
    lot")."""
    words = [w for w in re.findall(r"[a-z][\w'-]*|\d+", clause.lower()) if w not in EN_STOPWORDS]
    return (
        len(words) >= NAMING_MIN_WORDS
        or len(re.findall(r"[\u4e00-\u9fff]", clause)) >= NAMING_MIN_HAN
    )


def _strip(text: str, drop_small_talk: bool) -> str:
    traditional = detect_script(text) == HANT
    patterns = _get_patterns(traditional)
    kept: list[str] = []
    changed = False
    # (the topic asked about, asked alone: "tell me about regional presence", "介绍一下网络安全")
    topic = _SAYS_ABOUT.sub("tell me about ", text.strip(), count=1)
    introduce = "介紹一下" if traditional else "介绍一下"
    topic = _SAYS_ABOUT_ZH.sub(lambda m: introduce + m["t"] if m["t"] else "", topic, count=1)
    if topic != text.strip():
        return strip_filler(topic)
    pieces = _clauses(text)
    for n, (clause, end) in enumerate(pieces):
        # (who asks, naming a place or a team, before a question that names its own subject:
        # "Europe RO here :) when & where was RDF-EUR 2023 held")
        # (not "Cyber team here: what is the 2023 budget …?", whose team is what is asked
        # about, nor "CIS regional office here — which UNCTs do you work with?")
        introduced = _SAYS_WHO_ASKS.fullmatch(clause.strip(" :：-–—,，")) is not None
        if introduced:
            rest = " ".join(c for c, _ in pieces[n + 1 :])
            introduced = (
                _names_things(rest)
                and _ACRONYM.search(rest) is not None
                and _ADDRESSED.search(rest) is None
            )
        if introduced or _is_small_talk(clause, patterns):
            # (but what the asker says they want to quote, when the question only points back
            # to it: "I'm preparing an induction session and wanted to quote the BDT core
            # values … - could you list them?")
            purpose = None if drop_small_talk else _ASKER_PURPOSE.search(clause)
            if purpose is None or not _names_things(clause[purpose.end() :]):
                changed = True
                continue
            clause = clause[purpose.end() :]
            changed = True
        cleaned = _ENDS_UP_WITH.sub("has", _HOW_BIG.sub("how much", clause.strip()))
        cleaned = _ENDED_UP_DOING.sub("eventually ", cleaned)
        cleaned = _AT_THE_START.sub("initially", cleaned)
        cleaned = _FILLER.sub(" ", _NAME_VERB.sub("list", _CAN_YOU_ZH.sub("", cleaned)))
        cleaned = _LEADING_GLUE.sub("", patterns.filler_zh.sub("", cleaned).strip())
        cleaned = _PARTICLE_END.sub("", cleaned + end).strip()
        cleaned = _SPACES.sub(" ", cleaned).strip(" ,，")
        cleaned = _EMBEDDED.sub(r"\g<w> \g<v> \g<s>\g<e>", cleaned)
        changed |= cleaned != (clause + end).strip(" ,，")
        # What filler leaves behind: punctuation, or one character ("就").
        if cleaned and not re.fullmatch(r"[\W_]+|\w[\W_]*", cleaned):
            kept.append(cleaned)
    result = " ".join(kept).strip()
    return result if changed and result else text


def is_only_small_talk(text: str) -> bool:
    """Whether a message is small talk and nothing else: "hello", "thanks!", "谢谢"."""
    patterns = _get_patterns(detect_script(text) == HANT)
    clauses = [clause for clause, _ in _clauses(text) if clause.strip()]
    return bool(clauses) and all(_is_small_talk(clause, patterns) for clause in clauses)
