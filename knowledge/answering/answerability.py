"""Whether a record can answer what a question asks: a person for "who is", a date for
"when", a number for "how many", contact details for "phone" — before it is given as the answer.

A question about the head of P2 shares words with everything said about P2; only the kind of
answer it wants tells that nothing said about P2 answers it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from knowledge.answering.intents import ZH_COMPARED
from knowledge.answering.lists import list_stated_numbers
from knowledge.answering.text import (
    EN_STOPWORDS,
    SCOPE_SUFFIXES,
    is_chinese,
    is_manner_adverb,
    latin_tokens,
    normalize,
    stem,
)

# Kinds of answer a question may want; None when any record that matches may answer.
PERSON = "person"
DATE = "date"
COUNT = "count"
CONTACT = "contact"
PERCENT = "percent"
# An amount of money: "what is the total budget", "多少资金" (a share alone does not answer).
AMOUNT = "amount"
# A place: "where was the retreat held", "总部在哪个城市".
PLACE = "place"
# A date or a place, asked together as nouns: "GSR-23 dates and venue?" (a record that gives
# either is of the kind asked: a workshop placed in Bengaluru may not be dated).
DATE_OR_PLACE = "date_or_place"
# A date after the store's own time: "when is the next WTDC".
NEXT_DATE = "next_date"
# Anything about a time after the store's own: "where is the next retreat", "明年的预算".
FUTURE = "future"
# How to do something ("how do I log in", "我怎么申请"): the record must speak of that action.
PROCEDURE = "procedure"
# How often something happens: "how often are the risks reassessed", "多久开一次会".
FREQUENCY = "frequency"
# A KPI's target or baseline value: "what is the 2024 target for …", "目标值是多少".
TARGET = "target"
# Anything for a year the record never speaks of: "the 2024 edition" of a 2023 report.
YEAR = "year"
MONTH = "month"  # a month the record found does not speak of
DAY = "day"  # the exact day asked, where the record gives only a month or a year
HOUR = "hour"  # a time of day asked ("office hours", "几点到几点"): the records give none
# What "谁…" asks who does (an actor, not a person): "谁批准", "谁负责指定".
_ZH_ACTOR_VERBS = (
    "批准|制定|指定|决定|审议|通过|资助|提供|主办|举办|组织|签署|提出|发起|设立"
    "|任命|支持|启动|实施|采访|访谈|聘请|赞助|开发|建立|推出"
)
# "responsible for appointing", "in charge of designating": a duty of doing something,
# whose answer is who does it (an actor), not a person's name.
_DUTY_OF_DOING = (
    r"(?:(?:responsible for|in charge of) \w+ing|(?:supposed|meant|expected|required) to \w+)\b"
)
# "who is sponsoring the course", "who's funding it": who pays for or hosts it, as "who
# sponsors" asks (a body, said "sponsored by …"); other doings asked so ("who is implementing
# OP-23", "who is coordinating …") ask for a person, whom the documents do not name
_DOING_NOW = r"(?:sponsor|fund|financ|host|organi[sz]|support|back|donat|provid|pay)ing\b"


# The asker's own work: "my budget", "our KPIs", "which KPIs am I responsible for", "我的预算".
# The engine does not know who asks, so it cannot say which priority is theirs.
OWN = "own"
_OWN = re.compile(
    # (not "Our team is reviewing …": the team as who asks, not what is asked about)
    r"\b(?:my|our)\b (?:own |team'?s? |unit'?s? )?(?:budget|priority|priorities|theme|themes"
    r"|kpis?|indicators?|money|funding|risks?)\b"
    r"|\b(?:my|our)\b (?:team|unit|division|section|department)\b(?!\s+(?:is|are|was|were|has"
    r"|have|had|will|would|needs?|wants?|keeps?|is\s+\w+ing)\b)(?![-\s]+(?:lunch|meeting|chat|call))"
    r"|\b(?:am i|are we|i am|i'm|we are|we're) (?:responsible|in charge|accountable|assigned)\b"
    r"|(?:我|我们)(?:的|团队的|部门的)?(?:预算|重点工作|主题|kpi|关键绩效指标|指标|团队|部门|经费|资金)"
    r"|(?:我|我们)(?:负责|主管)(?:的|哪)",
    re.IGNORECASE,
)


def asks_about_the_asker(normalized: str) -> bool:
    """Whether a question asks about the asker's own budget, priority or KPIs; a lead-in
    that says where the asker comes from ("random trivia from my team lunch: how many …",
    "for our unit's slides – …") asks nothing of theirs."""
    text = _QUOTED.sub(" ", normalized)
    lead = _LEAD_IN.match(text)
    if lead is not None and _OWN_AS_CONTEXT.search(lead[0]):
        text = text[lead.end() :]
    clauses = [c for c in _CLAUSE_END.split(text) if c.strip()]
    if len(clauses) > 1:
        # (background told in clauses of their own, the question in another: "我哋部門想搞個
        # 類似嘅退修營，…想問下大概有幾多個高管參加？", "my manager wants a short bit for our
        # team offsite. … what is the programme called now?")
        # (a short clause that asks nothing names what is asked: "Our KPIs. How many are
        # there?", "My budget for 2023. what is it")
        asking = [c for c in clauses if _ASKING.search(c) or not _tells_at_length(c)]
        text = " ".join(asking) if asking else text
    return _OWN.search(text) is not None


# Where a sentence, or a Chinese clause, ends.
_CLAUSE_END = re.compile(r"(?<=[.!?。！？，])\s*|(?<=[,;])\s+(?=[\u4e00-\u9fff])")


def _tells_at_length(clause: str) -> bool:
    """Whether a clause is long enough to tell something of its own (background)."""
    if is_chinese(clause):
        return len(re.findall(r"[\u4e00-\u9fff]", clause)) >= TOLD_MIN_CHARS
    return len(re.findall(r"[\w'-]+", clause)) >= TOLD_MIN_WORDS


TOLD_MIN_WORDS = 6
TOLD_MIN_CHARS = 8
# A clause that asks something.
_ASKING = re.compile(
    r"\b(?:what|which|who|when|where|why|how|is|are|does|do|can|could)\b"
    r"|什么|哪|谁|多少|几|吗|如何|怎么|怎样|是否|有没有|为什么"
)


# A lead-in clause before the question: up to a colon or a dash, without a question mark.
_LEAD_IN = re.compile(r"^[^?？:：]{0,80}?(?::|：|\s[-–—]\s)")
# ... that names the asker's own team as where they come from or what they prepare
_OWN_AS_CONTEXT = re.compile(r"\b(?:from|for|at|in|during|with) (?:my|our)\b")


# What a term is, from a record that defines it or is about it: "what is 5G".
DEFINITION = "definition"
# Who does something ("who approves the budget", "谁来指定风险所有者"): a person or a body.
ACTOR = "actor"
# A KPI of the store, named by its code: "which KPI tracks IPv6 labs", "哪个指标与女性有关".
KPI = "kpi"
# A KPI's value as measured ("the current value of KPI X"): only recorded progress gives it.
PROGRESS = "progress"

# Quoted words are named, not asked: "the answers to 'who are we'".
# (an apostrophe inside a word is none: "what's the name of ITU's …")
_QUOTED = re.compile(r"(?:[\"“「『‘]|(?<![a-z])')[^\"”」』'’]{0,40}(?:[\"”」』’]|'(?![a-z]))")

# "Which architecture firm won …", "which company built …": a body that did something.
_WHICH_BODY = (
    r"^(?:which|what) (?:[a-z\-]+ )?(?:firm|company|consultancy|contractor|vendor|bidder"
    r"|studio|agency)s? (?!(?:is|are|was|were|has|have|had|does|do|did)\b)([a-z\-]+)\b"
)
# A nationality asked, and given: "梅特兰是哪国人", "what nationality is …"; "国籍".
_NATIONALITY_ASKED = re.compile(r"哪(?:一)?国人|哪个国家的人|哪国的人|国籍|\bnationality\b")
_NATIONALITY_GIVEN = re.compile(r"国籍|\bnationality\b|\bnational of\b", re.IGNORECASE)

_WANTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        TARGET,
        re.compile(
            r"\b(?:the|its|their|a) (?:(?:19|20)\d\d |annual |yearly |current )?targets?"
            r" (?:value|figure|for|of|set)\b|\btarget values?\b|\bbaselines?\b"
            r"|目标值|基线|基准值|指标值"
            # "用户数目标是多少": a target's figure of a measure asked (not "目标是什么", what
            # the aim is, nor a goal the documents state: "批准的目标是多少")
            r"|(?:kpi|指标|用户数|用户数量|人数|数量|数目)的?目标(?:值)?(?:是|为|定为|定在)?"
            r"(?:多少|几多)(?![个项])",
            re.IGNORECASE,
        ),
    ),
    (
        KPI,
        re.compile(
            r"\b(?:which|what) (?:kpi|indicator|key performance indicator)s?\b"
            r"|\b(?:is|are) there (?:a|an|any) (?:kpi|indicator)s? (?:on|about|for|that|which)\b"
            r"|哪(?:个|些|项|一项|一个)(?:kpi|指标|关键绩效指标)|有没有[^，。？?]{0,12}(?:kpi|指标)",
            re.IGNORECASE,
        ),
    ),
    (
        PROGRESS,
        re.compile(
            r"\b(?:current|latest|actual|present|recorded|reported|measured) (?:value|figure"
            r"|level|reading|result|score)s?\b|\bhow far along\b|\bprogress (?:on|of|towards?)"
            r" (?:the )?(?:kpi|indicator)|\b(?:kpi|indicator)s?'?s? (?:progress|value|targets?)\b"
            # "the KPI target for … by 2026", "KPI的目标值": a value set for it, recorded or not
            r"|\btargets? (?:value )?(?:for|of) (?:the )?(?:kpi|indicator)|(?<![a-z])kpi的?目标值?"
            # "what progress has been recorded in 2024 against the P4 KPIs"
            r"|\bprogress\b[^?]{0,40}\b(?:against|towards?) [^?]{0,40}\b(?:kpi|indicator)s?\b"
            r"|指标的?目标值?"
            # "女性比例2023年实际做到多少%": what was achieved, a recorded value
            r"|实际(?:上)?(?:做到|达到|达成|完成)了?"
            r"|数值|当前值|最新值|实际值|目前的值|完成情况|进展情况|进度如何|进展如何|完成度|完成率"
            r"|(?:目前|现在|已经|当前)?完成了?多少(?![个项名位次条家所种场门篇期批座套国人])"
            r"|(?:目前|现在|当前)(?:是|为)多少(?![个项名位次条家所种场门篇期批座套国人])",
            re.IGNORECASE,
        ),
    ),
    (
        CONTACT,
        re.compile(
            # a satellite phone is equipment, not a number to call
            r"\b(?:(?:phone|telephone) numbers?|(?<!satellite )(?<!mobile )(?:phone|telephone)"
            r"|fax|e-?mail|email address"
            r"|postal address|mailing address"
            r"|(?:street|office|physical|visiting) address|address of (?:the|its|their) office"
            r"|password|contact details|hotline|helpdesk number|website address|web address"
            r"|url|web ?link|log-?in|sign-?in|username|user name)\b"
            r"|电话号码|(?<!卫星)(?<!移动)电话|邮箱|电邮|电子邮件|电子信箱|邮件地址|邮寄地址|通信地址|传真|密码|联系方式|地址|网址"
            r"|网站链接",
            re.IGNORECASE,
        ),
    ),
    (
        FREQUENCY,
        re.compile(
            r"\bhow (?:often|frequently|regularly)\b|\bat what (?:intervals?|frequency)\b"
            r"|多久[^，,。？?]{0,8}一次|多长时间[^，,。？?]{0,8}一次|隔多久|多频繁"
            # (not a radio frequency: "国家频率分配表")
            r"|频率(?:是|为|有)?(?:多少|如何|怎样|怎么样|多高)|(?:什么|多大|怎样的)频率",
            re.IGNORECASE,
        ),
    ),
    (
        PERSON,
        re.compile(
            # "who is the head of …", "who leads P2", "the name of the director"; not
            # "who is included in …" (a participle: the answer is a group) nor "who owns".
            r"^who(?:'s| is| are| was| were)(?! \w+(?:ed|en)\b)(?! " + _DUTY_OF_DOING + ")"
            r"(?! " + _DOING_NOW + ")"
            # (not "who are they planning to train", "who are ITU and UNDP going to train":
            # whom something is done to)
            r"(?! (?:they|we|you|it|he|she) )"
            r"(?! [^?]{1,40}? (?:planning|going|hoping|expected) to\b)"
            r"|\bwho (?:heads|leads|runs|chairs|manages|directs|supervises|coordinates"
            r"|is in charge(?! of \w+ing\b)"
            r"|won|wins|will (?:be|lead|head|chair|run)"
            r"|was (?:appointed|elected|awarded)"
            # "who has been named risk owner": a person named to a person's role
            r"|(?:has|have|had) been (?:named|appointed|designated|nominated) (?:as )?(?:the |a )?"
            r"(?:[a-z-]+ ){0,2}(?:owner|head|director|chair|chairperson|focal point|coordinator"
            r"|manager|officer)s?\b"
            r"|is responsible(?! for \w+ing\b)|should i contact|can i contact|do i contact)\b"
            r"|\b(?:name|names) of (?:the |its |their )?(?:[a-z\-]+(?:'s)? ){0,2}"
            r"(?:head|director|chief|manager|chair|chairman|chairperson|leader|person|secretary-general|president"
            r"|minister|ambassador|coordinator|officer|trainer|instructor|teacher|lecturer|speaker"
            r"|presenter|moderator|architect|designer)s?\b(?!['’]s)"
            r"|\bcontact person\b|\bin charge of\b(?! \w+ing\b)"
            r"|\b(?:which|what) (?:[a-z\-]+ )?(?:person|staff member|official|officer|manager"
            r"|colleague|individual|architect|designer|author|speaker|lecturer|trainer"
            r"|moderator|spokesperson)s?\b"
            # "X是谁", "这是谁的责任"; not "是谁举办的" (who did it: an actor, below)
            r"|谁是|是谁(?![\u4e00-\u9fff])|是谁(?=[的呢啊呀吗])|(?:都)?有谁(?![\u4e00-\u9fff])"
            # (not who is responsible for doing something: "由谁负责交付" asks who delivers)
            r"|(?:谁|由谁)(?:负责(?!" + _ZH_ACTOR_VERBS + "|交付|提交|召集|落实|执行)"
            r"|领导|主管|牵头|主持|掌管|管理|联系)|找谁"
            # "叫什么名字" asks a person's name only of a person ("巴基斯坦第一个智慧村庄叫什么
            # 名字" asks the village's)
            r"|负责人|主管是|领导是|姓名|联系人|哪位|哪一位"
            r"|(?:主任|局长|处长|负责人|秘书长|主席|经理|官员|代表|专家|人|者|师|员|嘉宾|组长|队长"
            r"|部长|主管|领导)的?(?:叫什么名字?|名字是|的名字)",
            re.IGNORECASE,
        ),
    ),
    (
        ACTOR,
        re.compile(
            r"^who (?!(?:is|are|was|were|owns?|has|have|had|does|do|did)\b)[a-z\-]+\b"
            # "who is responsible for appointing the risk owners": who does it
            r"|^who(?:'s| is| are) " + _DUTY_OF_DOING + r"|\bby whom\b|由谁|谁来"
            r"|^who(?:'s| is| are| was| were) " + _DOING_NOW + rf"|{_WHICH_BODY}"
            r"|谁(?:负责)?(?:" + _ZH_ACTOR_VERBS + ")"
            r"|是谁(?=[\u4e00-\u9fff])(?![的呢啊呀吗])",  # "是谁无偿……奠定了基础"
            re.IGNORECASE,
        ),
    ),
    (
        DATE_OR_PLACE,
        re.compile(
            r"\bdates?\s*(?:and|&|/|\+|n)\s*(?:venue|place|location)s?\b"
            r"|\b(?:venue|place|location)\s*(?:and|&|/|\+|n)\s*dates?\b",
            re.IGNORECASE,
        ),
    ),
    (
        DATE,
        re.compile(
            r"^when\b|\bwhen (?:is|was|will|does|did|do|are|were)\b|\bwhen and where\b"
            # "what are the exact dates of TDAG-24"
            r"|\bthe (?:exact |precise |specific |actual |start |end )?dates? (?:of|for)\b"
            r"|\b(?:what|which) (?:dates?|days?|months?|years?)\b|\bwhat time\b"
            r"|\b(?:what|which) (?:time )?(?:period|timeframe|time frame)\b|\bover what period\b"
            # dates asked as a noun, as a chat message writes it: "GSR-23 dates?" (not "to
            # date", "up to date")
            r"|^[a-z]{2,6}-\d\d dates?\b"
            r"|何时|什么时候|哪一?天|哪几天|哪几日|哪些天|几月|哪一?年|几点|日期是|(?<!第)几号(?!决议|文件|令)|几日"
            r"|哪段时间|哪个时间段|什么时间段|哪个时期|什么时期",
            re.IGNORECASE,
        ),
    ),
    (
        PLACE,
        re.compile(
            r"^where(?:'s|’s| is| are| was| were| will| did| does| do)\b(?! (?:i|we|you|one) )"
            r"|\b(?:in )?(?:which|what) (?:city|country|town|venue|location)\b|\blocated\b"
            r"|在哪里|在哪儿|在哪个(?:城市|国家|地方|地区|场馆|地点|会场|区域)|哪个城市|哪个国家|什么地方|什么地点|地点在|是哪里|是哪儿"
            r"|(?:哪个|哪家|哪间|什么)(?:酒店|宾馆|饭店|大楼|会议室|房间|场地)"
            r"|\b(?:which|what) (?:hotel|building|room)\b"
            # "GSR-23 venue?" (not what a venue cost or holds)
            r"|^[a-z]{2,6}-\d\d venue\s*\??$"
            r"|首都|首府|\bcapital (?:city|of)\b"
            # a nationality: where someone is from ("梅特兰是哪国人", "what nationality")
            r"|" + _NATIONALITY_ASKED.pattern,
            re.IGNORECASE,
        ),
    ),
    (
        PERCENT,
        re.compile(
            r"\bpercentage\b|\bper ?cent\b|\bwhat (?:share|proportion|fraction)\b"
            # a rate of those who did: "the certification rate", "证书获得率"
            r"|\b(?:completion|success|pass|certification|response|participation|attendance"
            r"|approval|adoption) rate\b"
            r"|(?:获得|获取|认证|结业|通过|成功|参与|合格|出席|采用|批准|答复)率"
            # a rate asked for its value: "what is the internet penetration rate", "普及率是多少"
            r"|\b(?:what(?:'s| is| was| were| are)|how (?:high|low) (?:is|was))"
            r" (?:the |its |their )?(?:[\w-]+ ){0,3}?(?:penetration|coverage|uptake|usage"
            r"|literacy|enrol?ment|(?:un)?employment|vacancy|turnover|attrition|retention|execution|implementation"
            r"|utili[sz]ation|disbursement|delivery) rates?\b"
            r"|\bwhat(?:'s| is| was) (?:the )?internet penetration\b"
            r"|(?:普及|覆盖|渗透|使用|识字|入学|就业|失业|空缺|流失|留任|执行|实施|利用|落实|上网)率"
            r"\s*(?:是|为|有)?\s*(?:多少|几|多高|多低|百分之)"
            r"|比例|百分比|百分之几|百分之多少|占多少|占[^，。？?]{1,24}?的?多少|(?:几|多少)\s*%",
            re.IGNORECASE,
        ),
    ),
    (
        AMOUNT,
        re.compile(
            r"\b(?:total|overall|entire|whole) (?:[a-z0-9\-]+ ){0,3}?(?:budget|envelope|funding)\b"
            r"|\bhow much (?:money|funding|funds|cash)\b|\bbudget (?:amount|figure)\b"
            r"|\b(?:revenue|income|salary|salaries|fees?|price|expenditure|spending)\b"
            r"|\b(?:how much|what) (?:does|did|do|will|would) (?:[a-z\-]+ ){1,4}cost\b"
            # what a project or an agreement is worth: "the value and duration of the X project"
            r"|\bvalue\b(?: and [a-z]+)? of (?:the |this |that |its |our )?(?:[^\s?,]+ ){0,5}?"
            r"(?:project|programme|program|contract|agreement|grant|deal|initiative|partnership"
            r"|facility|observatory|toolkit)s?\b"
            r"|价值(?:是|为|有)?多少|值多少钱"
            # ("what did the new building end up costing": read as "eventually cost")
            r"|\b(?:how much|what) (?:does|did|do|will|would) (?:[a-z\-]+ ){1,5}?(?:eventually"
            r"|finally|ultimately) cost\b"
            r"|多少钱|多少资金|多少经费|多少预算|资金总额|预算总额|总预算|总资金|总经费"
            # an amount asked in a currency: "折合多少瑞郎", "how much is that in CHF"
            r"|多少(?:瑞郎|瑞士法郎|法郎|欧元|美元)|\bhow many (?:swiss )?francs\b"
            r"|\bhow much\b[^?]{0,40}\bin (?:chf|swiss francs|francs|euros?|eur|dollars|usd)\b"
            r"|收入|工资|薪酬|薪水|费用是|花费|开支|预算是多少|预算有多少|预算为多少|收费|学费|价格"
            # paying, asked yes or no: "要付费吗", "is the certificate free", "did BCG charge"
            r"|付费|免费|要钱|花钱|交钱|收钱|付钱|给钱|\bcharged?\b|\bpay for\b|\bhave to pay\b"
            # (free asked yes or no: "which consultancy did it for free" asks who)
            r"|^(?:is|are|was|were|do|does|did|will|would|can|could|has|have)\b[^?]*"
            r"\bfree(?: of charge)?\s*\??$|\bcosts? anything\b",
            re.IGNORECASE,
        ),
    ),
    (
        COUNT,
        re.compile(
            r"\bhow many\b|\bnumber of\b|多少(?:个|项|人|名|位|次|家|所|条|种|天|国)"
            r"|几岁|多少岁|\bhow old\b|\bwhat age\b|\bpopulation\b|人口"
            r"|(?<!哪)几(?:个|项|人|名|位|次|家|所|条|种|天|国)|有多少"
            # "多少职员", "多少成员国": a noun counted without a measure word (not money, time,
            # a multiple or a share: those are other kinds, or asked above)
            r"|多少(?=[\u4e00-\u9fff])(?![钱资经预美瑞法欧英元块万千亿百时小年月周天分秒倍比成呢吗啊是为了的在用来去左上下公])",
            re.IGNORECASE,
        ),
    ),
)

# "Who leads …", "谁牵头": a body that leads answers it as a person would (not "who chairs"
# or "who heads": a person)
_WHO_LEADS = re.compile(
    r"\bwho (?:leads|led|is leading|was leading)\b"
    r"|(?:谁|由谁|是谁)(?:来)?(?:牵头|领导|带头|主导|负责牵头)"
)
# A body said to lead: "under the leadership of BDT", "led by", "在BDT的领导下", "由…牵头"
_LED_BY = re.compile(
    r"\bunder the (?:leadership|lead) of\b|\bled by\b"
    r"|在[^，。；]{1,20}?的?领导下|由[^，。；]{1,20}?(?:牵头|领导|主导)",
    re.IGNORECASE,
)
_LED_ASKED = re.compile(
    r"\bwho (?:leads|led|is leading|was leading) (?:the )?(?P<en>[^?]+)"
    r"|(?P<zh>[^，,？?]{2,20}?)(?:是)?(?:由)?(?:谁|是谁)(?:来)?(?:牵头|领导|带头|主导)"
    r"|(?:谁|是谁)(?:来)?(?:牵头|领导|带头|主导)(?:的)?(?P<zh_after>[^，,？?]{2,20})"
)


_ORGANISATION = frozenset({"itu", "itu's", "bdt", "bdt's"})


def _read_led(question: str) -> str | None:
    """What a "who leads …" question asks the leader of ("the capacity development task
    force", "能力发展任务组"); None when it names nothing."""
    found = _LED_ASKED.search(question)
    if found is None:
        return None
    led = found["en"] or found["zh"] or found["zh_after"] or ""
    led = re.sub(r"(?:成立的|设立的|的)$", "", led.strip())
    # ("那个能力发展任务组是谁牵头的": that task force; "the" is no word of its name)
    led = re.sub(r"^(?:那个|这个|那|这|the\s+)", "", led)
    return led or None


def _leads_it(led: str, sentence: str) -> bool:
    """Whether a sentence says a body leads `led`: a leading said (`_LED_BY`), and `led` in it
    outside the leader's own words."""
    said = _LED_BY.search(sentence)
    if said is None:
        return False
    lowered = sentence.lower()
    # the leader's name right after "led by" / "leadership of" is no thing led; what is led
    # stands close beside it ("under the leadership of BDT, a … task force"; not "… within
    # ITU", far along)
    after = lowered[said.end() :]
    leader = re.match(r"\s*(?:the\s+)?[\w-]+", after) if not is_chinese(led) else None
    start = said.end() + (leader.end() if leader else 0)
    near = (
        lowered[max(0, said.start() - LED_WINDOW) : said.start()]
        + " "
        + lowered[start : start + LED_WINDOW]
    )
    if is_chinese(led):
        return led in near
    # (the organisation is no part of what is led: "the ITU capacity development task force"
    # is the task force the sentence names)
    words = [w for w in latin_tokens(led) if w not in EN_STOPWORDS and w not in _ORGANISATION]
    return bool(words) and all(stem(w) in {stem(t) for t in latin_tokens(near)} for w in words)


LED_WINDOW = 60  # characters either side of a leading said where the thing led stands


# A person named in a record: an honorific and a name, or a name and a Chinese title.
_PERSON = re.compile(
    r"\b(?:Mr|Ms|Mrs|Miss|Dr|Prof|Sir|Dame|H\.E\.)\.?\s+[A-Z][a-z]"
    # (教授 also teaches: "混合教授的课程" names no professor)
    r"|[A-Za-z\u4e00-\u9fff]{2,}(?:先生|女士|博士|教授(?![的了过给课知技]))"
)
_DATE = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?!\d)|\d{1,2}月|\d{1,2}日|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep"
    r"|oct|nov|dec)[a-z]*\b|\bquarter\b|\bq[1-4]\b|季度|上半年|下半年|年底|年初",
    re.IGNORECASE,
)
# A number that counts something: not a year, not part of a code ("P2", "PP-22", "3.3").
_COUNT = re.compile(
    r"(?<![A-Za-z0-9_.\-])(?!(?:19|20)\d\d(?!\d))\d[\d,  ]*(?:\.\d+)?(?![A-Za-z0-9_\-]|\.\d)"
    r"|[一二两三四五六七八九十百千万]+(?:个|项|名|人|家|国|次|条|种|天|位|场|份|门|轮|批|篇|届|大|方面)"
    # ("one of the Alliance's bodies", "no one": a choice and nobody, not counts)
    r"|\b(?:(?<!\bno )one(?!\s+of\b)|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozens?|million)\b",
    re.IGNORECASE,
)
_CAPITAL = re.compile(r"\bcapital (?:city|of)\b|\bcapital\s*\?|首都|首府", re.IGNORECASE)
# (a share in words answers "what share" too: "two thirds of the world's population")
_PERCENT = re.compile(
    r"%|\bper ?cent|百分|[一二三四五六七八九十]分之[一二三四五六七八九]"
    r"|\b(?:one|two|three|four|a)[ -](?:half|third|thirds|quarter|quarters|fifth|fifths|tenth"
    r"|tenths)\b",
    re.IGNORECASE,
)
# A place named in a record's English text: "in Geneva", "at the Kigali Convention Centre",
# "held in Kigali, Rwanda" (a fact's Chinese text has its English twin beside it).
# (not a month or a day: "in February" is no place)
_PLACE = re.compile(
    r"\b(?:in|at) (?P<place>(?:the )?(?!(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday"
    # (a place in a text, not on a map: "in Document TDAG-22 2", "in Annex 1", "in Section 3")
    r"|Documents?|Sections?|Annex(?:es)?|Tables?|Box|Figures?|Appendix|Chapters?|Parts?"
    r"|Resolutions?|Decisions?|Recommendations?)\b)(?:[A-Z][a-z]+ )*[A-Z][a-z]{2,})"
    # ... or cited, with the year, as ITU cites its conferences: "the Plenipotentiary
    # Conference (Bucharest, 2022)", "Resolution 71 (Rev. Bucharest, 2022)"
    r"|\((?:Rev\. )?(?P<cited>[A-Z][a-z]{2,}(?: [A-Z][a-z]+)*), (?:19|20)(?P<year>\d\d)\)"
    # "in N'Djamena", "in the CIS region"
    r"|\b(?:[Ii]n|[Aa]t) (?P<other>[A-Z]'[A-Z][a-z]{2,}|(?:the )?[A-Z]{2,5} region)\b"
)
# Held online: where a meeting was, too ("a joint virtual meeting", "online workshop").
_HELD_ONLINE = re.compile(
    r"\b(?:virtual(?:ly)?|online)\b|以?虚拟(?:方式|形式)|线上|在线举行|网上举行"
)
# Where a report goes, or a text is adopted: a meeting ("to TDAG-24", "at WTDC-22"), unless
# a city, a country or a venue is asked.
_MEETING_PLACE = re.compile(r"\b(?:to|at) (?:the )?(?P<meeting>[A-Z]{2,}[-–]\d{2})\b")
# A meeting named by its acronym and year ("TDAG-23", "COP 27", "GSR-23").
# (in a Chinese sentence too, where no word boundary stands between "PP-26" and "全权代表大会")
_EVENT_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,}[- ]?\d{2}(?![\dA-Za-z])")


def _squeeze(text: str) -> str:
    """Upper case without spaces and hyphens ("COP 27" and "COP27" alike)."""
    return re.sub(r"[\s\-–]", "", text).upper()


# Where something is sent or taken up, asked: a meeting may be the answer.
_DESTINATION_ASKED = re.compile(
    r"\b(?:present|presented|submit|submitted|report|reported|send|sent|go|goes|went|discuss"
    r"|discussed|consider|considered|adopt|adopted|table|tabled|brought|bring|take|taken|invite"
    r"|invited)\b"
    r"|提交|提出|报告|送|审议|讨论|通过",
    re.IGNORECASE,
)
# A place smaller than a city asked, and one given.
_BUILDING_ASKED = re.compile(r"\b(?:hotel|building|room)s?\b|酒店|宾馆|饭店|大楼|会议室|房间", re.I)
_BUILDING_GIVEN = re.compile(
    r"\b(?:hotel|building|room|(?:conference|convention) (?:centre|center))\b"
    r"|酒店|宾馆|饭店|大楼|会议室|房间|会议中心",
    re.IGNORECASE,
)
_SITE_ASKED = re.compile(
    r"\b(?:city|country|town|venue|location|hotel|building|room)\b"
    r"|城市|国家|地点|场馆|酒店|大楼|会场|房间",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"(?:chf|eur|usd|瑞郎|欧元|美元|法郎|\$|€)\s*\d"
    r"|\d[\d,.  ]*\s*(?:chf|eur|usd|瑞郎|瑞士法郎|欧元|美元|法郎|million|billion|万|亿)",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"\+\d[\d ]{6,}|[\w.]+@[\w.]+\.\w+|\b(?:tel|phone|fax)\b|\bwww\.[\w-]+\.\w+|https?://\S+",
    re.IGNORECASE,
)

# A target or baseline written with its value: "target 120", "目标值为50".
_TARGET = re.compile(
    r"\b(?:target|baseline)s?\s*(?:value\s*)?(?:of|is|was|:|=)?\s*\d"
    r"|(?:目标值|目标|基线|基准值)\s*(?:为|是|：|:)?\s*\d",
    re.IGNORECASE,
)

# Who acts in a record: a person, or a body or group that can act.
_ACTOR = re.compile(
    _PERSON.pattern
    + r"|\b(?:council|conference|assembly|secretariat|secretary-general|director|deputy"
    r"|bureau|committee|board|group|office|sector|union|agency|government|ministry|members?"
    r"|states|staff|experts?|partners?|team|management|organi[sz]ations?|countries|tdag|wtdc"
    r"|bcg|itu|bdt|mec|isc-tf|iscg|participants|consultants?|firms?|universit(?:y|ies)"
    r"|governments|regulators?|administrations?|compan(?:y|ies)|corporations?|foundations?)\b"
    r"|公司|企业|集团|基金会"
    r"|理事会|大会|全权代表|秘书处|秘书长|主任|局长|副|委员会|小组|工作组|顾问组|成员国|成员|政府|部门"
    r"|电信发展局|国际电联|办事处|代表处|管理层|职员|工作人员|专家|伙伴|团队|机构|组织|大学|咨询",
    re.IGNORECASE,
)

# A KPI's code ("P1-INF-9", "E3-DI-7"), as a KPI answer names the KPIs it gives.
_KPI_CODE = re.compile(r"\b[PE]\d+-[A-Z]+-\d+\b", re.IGNORECASE)

# How often, said: "regularly reviewed", "every two years", "annual", "召开了八次会议", "定期".
_FREQUENCY = re.compile(
    r"\b(?:regular(?:ly)?|periodic(?:ally)?|every|annual(?:ly)?|yearly|monthly|weekly"
    r"|quarterly|daily|biennial(?:ly)?|once|twice|times|continuous(?:ly)?|constantly"
    r"|ongoing)\b|\beach (?:year|month|week|quarter)\b"
    r"|定期|每[年月周季天日]|每隔|[0-9一二两三四五六七八九十]次|不断|持续|经常",
    re.IGNORECASE,
)

_SUPPLIED_BY: dict[str, re.Pattern[str]] = {
    FREQUENCY: _FREQUENCY,
    TARGET: _TARGET,
    PROGRESS: re.compile(r"\d"),  # a figure; a KPI's own value only as recorded progress
    KPI: _KPI_CODE,
    ACTOR: _ACTOR,
    PERSON: _PERSON,
    DATE: _DATE,
    COUNT: _COUNT,
    CONTACT: _CONTACT,
    PERCENT: _PERCENT,
    AMOUNT: _AMOUNT,
    PLACE: _PLACE,
}


_NEXT = re.compile(
    # (not "the next generation", a name: the talk "Space, the next generation")
    r"\b(?:next(?! generation)|upcoming|forthcoming)\b|下一[届次个场]?|下届|下次|即将举行",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# A time after today, or the next of a recurring event: the documents speak of their own
# time, so only a record that names a later year can say anything about it. Not "the next
# steps" or "下一步", which documents state themselves.
_FUTURE = re.compile(
    # "goals set for the next four years": the period a plan covers, not a question about it
    r"\b(?<!for the )(?:next|coming|upcoming) (?:[a-z0-9\-]+ ){0,3}?(?:month|week|year|time"
    r"|session|meeting"
    r"|edition|conference"
    r"|retreat|event|round|wtdc|council|assembly|tdag|plenipotentiary|summit|workshop|training)"
    # (not the asker's own occasion: "for tomorrow's risk register review: which risk …")
    r"|\btomorrow\b(?!['’]s)|\bnext (?:monday|tuesday|wednesday|thursday|friday)\b"
    # (not the asker's own occasion: "下周要跟应急通信团队开会，他们的预算是多少")
    r"|(?:下个?月|下周|下星期|明天)"
    r"(?!(?:我们?)?要(?:跟|和|与|向)?[^，,。？?]{0,10}(?:开会|见面|汇报|用|讨论|出差|演示))"
    r"|明年|下一?届|下一次|下次|即将举行"
    # the present moment is after the documents' time too: "what time is it", "today"
    r"|\bwhat time is it\b|\bright now\b|\btoday\b(?!['’]s)|\btonight\b"
    r"|\bthis (?:week|month|morning|afternoon|evening)\b|\blatest news\b|\bnews (?:this|today)\b"
    r"|现在几点|今天|今日|本周|这周|本月|这个月|最新消息|最新动态|目前的天气"
    # what was spent of a plan's money, after the plan was written ("how much of P1's budget
    # had actually been spent by the end of Q3"): the documents give what was allocated
    # (money spent only: "has the DCM already been used" asks of something done)
    r"|\b(?:actually|already|really) (?:been )?(?:spent|disbursed)\b"
    r"|\b(?:spent|disbursed) (?:so far|to date|by (?:the )?end of)\b"
    r"|\b(?:expenditures?|execution rate|burn rate|spending to date)\b"
    r"|(?:已经|实际)(?:花|支出)(?:了|掉)|执行率|支出了多少"
)

# "How many X": the noun counted, up to the verb or preposition after it ("how many member
# states does ITU have" → member states); "多少名员工", "几位副主任" → 员工, 副主任.
# A population asked: "the population of Rwanda", "how many people live in Vanuatu",
# "瓦努阿图有多少人居住"; a count of the people something happened to is none.
# (not people of a population something is said of: "how much of the world's population was
# offline", "有多少人口受到气旋影响", "how many people living in Vanuatu were affected")
_POPULATION = re.compile(
    r"\bpopulation (?:of|in)\b|\bpopulation\s*\??$|\b(?:what|how big|how large)(?:'s| is| was)"
    r" (?:the )?population\b|\b(?:inhabitants|residents)\s*\??$"
    r"|\bhow many (?:inhabitants|residents)\b"
    r"|\b(?:live|lives|reside|resides) in\b(?![^?]*\b(?:were|was|are|is|have|has|had|got)\b)"
    r"|人口(?:是|有|为|总数|数量)?(?:多少|几何)?[？?]?$|居民(?:有|是)?多少|(?:居住|生活|住)在[^，。？?]*[？?]?$"
    r"|多少人(?:居住|生活|住)"
)
# A population given: a number of inhabitants ("a population of 300 000", "人口约30万").
_POPULATION_GIVEN = re.compile(
    r"(?:\bpopulation|人口)(?: of| is| was|为|是|约|达|有)?\s*"
    r"(?:about |some |around |nearly |约)?\d"
    r"|\d[\d,.\s]*(?:million|billion|万|亿)?\s*(?:inhabitants|residents|居民)",
    re.IGNORECASE,
)
_EN_COUNTED = re.compile(r"\b(?:how many|number of)\s+((?:[a-z][a-z'\-]*\s*){1,4})")
_EN_COUNTED_STOP = frozenset(
    "does do did is are was were has have had will would can could should may might in at on "
    "of for per from by to with within across under over that which who the a an there "
    "each every were been being get gets got".split()
)
_ZH_COUNTED = re.compile(
    r"(?:多少|几)(?P<measure>个|项|名|位|门|家|所|条|种|次|篇|场|期|批|座|套|国|份|件|笔|轮|届)?"
    r"(?:[a-z0-9\-]+)?"  # "多少名P4及以上职员": a grade or code qualifies the noun
    r"(?P<noun>[\u4e00-\u9fff]{1,10}?)(?=[了呢吗？?，,。、（(]|参加|参与|出席|获得|完成|做|进行|开展"
    # "有多少个同事去了": went (to it), as attended
    r"|去了|去过|来了|到了"
    r"|举办|举行|访谈|采访|注册|使用|参会|与会|到会|到场|报名|参训|受训|成功|顺利|通过|拿到|取得|$)"
)
# "…指南一共有几条？", "…主题有多少个": the noun stands before the count.
_ZH_COUNTED_BEFORE = re.compile(
    r"(?P<noun>[\u4e00-\u9fff]{2,16}?)(?:一共|总共|共|总计|合计|到底|究竟)?(?:有|是|包括|包含)?"
    r"(?:多少|几)(?P<measure>个|项|名|位|门|家|所|条|种|次|篇|场|期|批|座|套|国)?[？?。！!]*$"
)
# What may follow a count at the end of a question without being what it counts.
_ZH_GLUE = frozenset("呢 吗 了 啊 呀 吧".split()) | {""}
# Counted nouns so general that any count near the subject may be the one asked for.
_GENERIC_COUNTED = frozenset(
    "people persons person ones things items times members participants "
    "人 人次 次 个 项 名 位 样 种 些".split()
)
# A count counts what is written within this many words (Latin) or characters (Chinese) of it.
COUNT_WINDOW_WORDS = 3
COUNT_WINDOW_BEFORE = 2
_DIGIT_GROUP_SPACE = re.compile(r"(?<=\d)[  \u202f](?=\d{3}(?!\d))")
_ZH_CLAUSE_END = re.compile(r"[，。；：、（）()；;！？]")
COUNT_WINDOW_CHARS = 12


def read_wanted(text: str) -> str | None:
    """The kind of answer a question wants, if it wants a particular one (text normalised:
    lower case, simplified Chinese)."""
    unquoted = _QUOTED.sub(" ", text).strip()
    for kind, pattern in _WANTS:
        if pattern.search(unquoted):
            return NEXT_DATE if kind == DATE and _NEXT.search(unquoted) else kind
    return None


# Words that only say what kind of answer a question wants ("what is it worth", "which
# months", "what does X stand for", "几天"): a record that gives that kind of answer need not
# hold them, so their absence is no evidence that the record is about something else.
_FRAME = re.compile(
    r"\bworth\b|\bstands? for\b|\bin total\b|\baltogether\b|\bcombined\b"
    # when in its course a figure is asked: "how many staff were involved in the end"
    r"|\bin the end\b|\bat (?:the )?first\b|\bat the (?:end|start)\b(?! of)|\beventually\b"
    r"|\binitially\b"
    r"|\b(?:which|what) (?:months?|years?|days?|dates?)\b"
    r"|\bhow (?:long|much|many)\b|\bnumber of\b|\bmean(?:s|ing)?\b"
    r"|几天|多久|多长时间|多少天|什么意思|代表什么|指的是"
    r"|(?:从|由)?几号(?:开|办|举行|举办)?(?:到|至)几号|(?<!第)几号(?!决议|文件|令)|几日|哪几天",
    re.IGNORECASE,
)


# That something happened, of which a question asks when or where: no words to look for.
HAPPENED = re.compile(
    r"\b(?:take|takes|took|taken|taking) place\b|\bhappen(?:s|ed|ing)?\b|\boccur(?:s|red)?\b"
)


def list_frame_spans(text: str) -> list[str]:
    """The parts of a question (normalised) that say what kind of answer it wants, not what
    it is about: those the wanted-kind patterns and `_FRAME` find."""
    unquoted = _QUOTED.sub(" ", text)
    spans = [m.group() for _, pattern in _WANTS for m in pattern.finditer(unquoted)]
    spans += list_stated_numbers(unquoted)  # "the four …": how many, not what about
    spans += [m.group() for m in HAPPENED.finditer(unquoted)]
    return spans + [m.group() for m in _FRAME.finditer(unquoted)]


# A year that is part of a name or a period, not the date of something: "the 2030 Agenda",
# "2030 Sustainable Development Goals", "Connect 2030", "the 2024-2027 Strategic Plan",
# "2030年可持续发展议程".
_NAMING_YEAR = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d(?!\d)|\s+(?-i:[A-Z])|年?(?:可持续|议程|愿景|战略|互联))"
    r"|(?:connect|agenda|vision|议程)\s*(?:19|20)\d\d(?!\d)"
    r"|(?<!\d)(?:19|20)\d\d\s*[-–]\s*(?=(?:19|20)?\d\d(?!\d))",
    re.IGNORECASE,
)


def _list_dated_years(text: str) -> list[str]:
    """The years a text writes as dates, not as parts of names or periods."""
    return _YEAR.findall(_NAMING_YEAR.sub(" ", text))


# The events of an end, as read from a "when" question, and a span of days or months that
# gives when something ends: "5–8 June 2023", "2月5至9日", "from August to September 2023".
_ENDING_VERBS = frozenset({"end", "finish", "clos", "conclud", "complet", "结束", "完成"})
_SPAN_GIVEN = re.compile(
    r"\d{1,2}\s*(?:[-–—]|to)\s*\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\d{1,2}日?\s*[-–—至到]\s*\d{1,2}日"
    # ("August to September 2023", "8 May – 2 June 2023", "March 2022 – March 2023")
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:\s+\d{4})?\s*(?:to|[-–—])"
    r"\s*(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\d{1,2}月(?:\d{1,2}日)?(?:至|到|[-–—])\d{1,2}月",
    re.IGNORECASE,
)
# ... of an event that runs over days or months (not a programme: "when did the CoE
# programme end" is not the span of its review).
_AN_EVENT_ASKED = re.compile(
    r"\b(?:meetings?|retreats?|symposium|conferences?|workshops?|sessions?|consultations?"
    r"|forums?|summits?|gsr|wtdc|tdag|council|rapporteur|event|assembly)\b|gsr-|wtdc-|tdag-"
    r"|会议|务虚会|讲习班|研讨会|论坛|磋商|大会|峰会",
    re.IGNORECASE,
)
# When something ends, asked in the present as a schedule is: "when does the review wrap up".
_SCHEDULE_ASKED = re.compile(
    r"\bwhen (?:does|do) (?:[\w-]+ ){1,6}(?:end|finish|conclude|close|wrap up)\b", re.IGNORECASE
)
# A question in the future tense: "how many KPIs will P2 have in 2025", "2025年将有多少".
_WILL = re.compile(
    r"\bwill\b|\bgoing to\b|\bshall\b|将会|将有|会有|将是|会是|将达到|将举行|届时"
    # a plan asked of: "when do they plan to start", "打算从哪年开始" (打算 is set aside as
    # filler: "从哪年开始", from when it is to start, is asked of a plan as of a fact; not
    # 计划, also a plan's name: "国家应急通信计划")
    r"|\b(?:plans?|planning) to\b|打算|从(?:哪|什么)[^，。？?]{0,4}(?:开始|起)"
)


# When or where something is, in the present tense.
_WHEN_OR_WHERE_NOW = re.compile(
    r"^(?:when|where)(?:'s| is| are)(?: the)? (?:tdag|wtdc|wtsa|wrc|rag|gsr|pp|wsis|cwg|tsag)-\d\d"
    r"(?: (?:be )?(?:held|taking place|happening|meeting))?\??$"
    r"|(?:tdag|wtdc|wtsa|wrc|rag|gsr|pp|wsis|cwg|tsag)-\d\d(?:将)?(?:在)?(?:什么时候|何时|哪天|哪里|哪儿"
    r"|哪个城市)"
    # "TDAG-24 dates?", "GSR-24 venue?"
    r"|^(?:tdag|wtdc|wtsa|wrc|rag|gsr|pp|wsis|cwg|tsag)-\d\d (?:dates?|venue)\b"
)

# A meeting named with its year, as ITU names them: "TDAG-24", "WTDC-25", "GSR-23", "PP-26".
_EVENT_YEAR = re.compile(r"(?<![a-z])(?:tdag|wtdc|wtsa|wrc|rag|gsr|pp|wsis|cwg|tsag)-(\d\d)(?!\d)")


# When the asker needs the answer, not what is asked about: "for the DG's note tomorrow",
# "明天要给DG准备简报", "DG明天的说明里要用", "为了明天DG的简报" (normalised text).
# (the asker's: "for" one, or a paper of the asker's kind; not "is there a meeting tomorrow",
# "明天的会议在哪里举行")
_ASKERS_OCCASION = re.compile(
    r"\bfor (?:the |my |our |a |an |[a-z]+'s )?(?:[a-z'-]+ ){0,2}?(?:note|briefing|brief|meeting"
    r"|presentation|call|deck|slides?|report|talk|speech|memo|email|update|review|session"
    r"|standup|stand-up) (?:due )?(?:tomorrow|today|tonight|this (?:week|morning|afternoon"
    r"|evening)|next week)\b"
    r"|(?:明天|今天|今晚|下周|下星期|本周|这周)[^，,。？?]{0,8}?(?:简报|说明|汇报|开场白|发言|讲话"
    r"|ppt|准备|要用)"
)


def asks_about_future(text: str, present: int | None = None) -> bool:
    """Whether a question (normalised) asks about a time after the documents' own: next
    month, next year, the next session of a meeting, or what will be in a year later than
    `present`, the year the documents speak from ("how many KPIs will P2 have in 2025")."""
    unquoted = _QUOTED.sub(" ", text)
    if _FUTURE.search(_ASKERS_OCCASION.sub(" ", unquoted)) is not None:
        return True
    years = [int(year) for year in _list_dated_years(unquoted)]
    years += [2000 + int(m[1]) for m in _EVENT_YEAR.finditer(unquoted)]
    # "will TDAG-24 meet", and "where is PP-26" / "PP-26在哪里举行": a meeting of a later year
    # asked when or where it is happens after the documents' time.
    asked = _WILL.search(unquoted) is not None or _WHEN_OR_WHERE_NOW.search(unquoted) is not None
    return present is not None and asked and any(year > present for year in years)


# "How do I log in to …", "how can we apply …", "how to book …", "我怎么登录…", "如何申请…":
# the action asked how to do. Verbs of finding out ("how can I find / see / know the budget")
# ask for the information itself, not for a procedure.
_EN_ACTION = re.compile(
    r"\bhow (?:do|can|could|should|would|may|might|must) (?:i|we|you|one|staff|someone|people)"
    # (a thing done to the asker: "how do I get nominated", "get reimbursed")
    r"(?: (?:go about|get to|be able to|get(?= [a-z]+ed\b)|be(?= [a-z]+ed\b)))? ([a-z][a-z\-]+)"
    r"|\bhow to ([a-z][a-z\-]+)"
    r"|\bwhere (?:do|can|should|could) (?:i|we|you|one) ([a-z][a-z\-]+)"
)
_ZH_ACTION = re.compile(
    r"(?:怎么|怎样|如何|怎么样|怎样才能|如何才能|怎么才能)(?:去|来|才|能|可以)?"
    r"([\u4e00-\u9fff]{2})"
)
# First-person Chinese procedure questions only: "如何缓解财务风险" is a question the documents
# answer in their own words, which the search weighs; "我怎么登录" asks the asker's way in.
_ZH_ASKER = re.compile(r"我们?(?:该|要|应该|应当|可以|能|得|需要)?(?:怎么|怎样|如何|去哪|在哪)")
# Steps only the asker takes, however impersonally asked: "如何申请调到区域代表处工作".
_ZH_OWN_STEPS = re.compile(
    r"(?:怎么|怎样|如何)(?:去|来|才能|能|可以)?(申请|报名|登录|注册|请假|报销|调到|调动|应聘|投诉)"
    # "职员请病假需要走什么流程": the steps of something only the asker does
    r"|(请[\u4e00-\u9fff]{0,2}假|报销|申请|报名|调动|应聘|投诉)[\u4e00-\u9fff]{0,6}?"
    r"(?:需要|要|该|得|应该)?(?:走|办|办理|经过)?(?:什么|哪些|怎样的)(?:流程|手续|程序|步骤)"
)
_INFORMATION_VERBS = frozenset(
    "find see get know check learn read access view look tell understand obtain calculate "
    "compute work be become say describe define measure explain interpret use ensure plan "
    "intend propose aim expect "
    "查看 查到 查询 找到 了解 知道 获取 获得 看到 理解 计算 解释 定义 衡量 描述 确保 实现 "
    "使用".split()
)


def read_action(text: str) -> str | None:
    """The action a question asks how to do (normalised), if it asks for a procedure: the
    verb after "how do I / how to / 我怎么" ("log" for "how do I log in"), unless it is a verb
    of finding information out."""
    unquoted = _QUOTED.sub(" ", text)
    match = _EN_ACTION.search(unquoted)
    if match:
        verb = next(group for group in match.groups() if group)
        return None if verb in _INFORMATION_VERBS else verb
    if _ZH_ASKER.search(unquoted):
        found = _ZH_ACTION.search(unquoted)
        if found and found.group(1) not in _INFORMATION_VERBS:
            return found.group(1)
    found = _ZH_OWN_STEPS.search(unquoted)
    return (found.group(1) or found.group(2)) if found else None


# (what a firm "worked with" ITU on, it did: "which consulting firm worked with ITU on …")
_HELPING_VERBS = frozenset(
    "help helps helped helping assist assists assisted work works worked working".split()
)
_EN_ACTOR_VERB = re.compile(r"^who ([a-z\-]+)\b|\b([a-z\-]+)(?:ed|en) by whom\b|" + _WHICH_BODY)
_EN_DUTY_VERB = re.compile(
    r"^who(?:'s| is| are| was| were) (?:(?:responsible for|in charge of) ([a-z\-]+?)ing"
    r"|(?:supposed|meant|expected|required) to ([a-z\-]+)"
    r"|(?=" + _DOING_NOW + r")([a-z\-]+?)ing)"
)
_ZH_ACTOR_VERB = re.compile(r"(?:由谁|谁来|谁)(?:来)?(?:负责)?([\u4e00-\u9fff]{2})")


_CO_DOING = re.compile(r"^co-(?=[a-z]{3})")


def read_actor_verb(text: str) -> str | None:
    """What a "who does" question asks who does (normalised): "approves" for "who approves the
    budget", "指定" for "谁来指定风险所有者"."""
    unquoted = _QUOTED.sub(" ", text)
    duty = _EN_DUTY_VERB.search(unquoted)
    if duty:
        # "who is responsible for appointing": appoint; "who is sponsoring": sponsor
        verb = duty[1] or duty[2] or duty[3]
        # "running", "planning": run, plan (not "staffing", "filling")
        doubled = len(verb) >= 3 and verb[-1] == verb[-2] and verb[-1] not in "aeiouylsfz"
        return verb[:-1] if doubled else verb
    match = _EN_ACTOR_VERB.search(unquoted)
    if match:
        # ("who co-organised it with the Asia-Pacific office": who organised it, beside it)
        verb = _CO_DOING.sub("", match[1] or match[2] or match[3])
        # "which consultancy helped ITU with the strategy": helping says nothing a record
        # must say (it says what was done: "laid the foundation"); the kind of helper named
        # is looked for instead ("who helped" names none: a helper must be said)
        return None if verb in _HELPING_VERBS and match[3] else verb
    found = _ZH_ACTOR_VERB.search(unquoted)
    if found and found[1][0] in _ZH_TEACHING and found[1][1] in "的了课":
        return found[1][0]  # "是谁讲的": who taught it (a one-character verb)
    return found[1] if found else None


# Teaching a session, said of whoever delivered it: "ChatGPT培训是谁讲的" is answered by
# "微软开展了…实践培训", "who gave the talk" by "an external speaker gave a talk".
_ZH_TEACHING = "讲教"
_DELIVERING = ("开展", "发表", "主讲", "讲授")
# "who gave / ran / taught the session", "who talked about X": who delivered or presented it
_EN_GIVING = frozenset(
    {"gave", "give", "given", "ran", "run", "taught", "teach", "talked", "spoke", "presented"}
)
_EN_DELIVERING = ("delivered", "presented", "gave", "conducted", "spoke", "briefed", "held")


# The event a "when" question dates: "when was the Kigali Action Plan adopted", "什么时候启动的".
# A date of something else done to the same subject (its implementation began in January)
# is no answer.
_EN_EVENT = re.compile(
    r"\bwhen (?:was|were|did|does|do|is|are|will|has|have)\b.*?\b(adopt|approv|launch|start|began"
    r"|begin|signed|sign|establish|created|create|publish|releas|introduc|opened|open|founded|renam"
    r"|complet|end|finish|clos|conclud|expir|terminat|wrap(?=\w* up\b))(?:ed|es|ing|e|d|s)?\b"
)
_ZH_EVENTS = (
    "通过|批准|启动|推出|发布|签署|成立|设立|开始|开设|创建|发起|更名|改名|完成|结束|截止|到期|终止"
)
_ZH_EVENT = re.compile(
    rf"(?:什么时候|何时|哪一?年|几月|哪个月|哪一?天|几号|哪日)[^，。？?]{{0,4}}?({_ZH_EVENTS})"
    rf"|({_ZH_EVENTS})[^，。？?]{{0,6}}?(?:的)?(?:时间|日期)"
    # "微软公司成立于哪一年", "于何时启动"
    rf"|({_ZH_EVENTS})(?:于|在)(?:哪一?年|何时|什么时候|哪个月|几月|哪一?天)"
)


def read_event_verb(text: str) -> str | None:
    """The event a "when" question asks the date of, if it names one of those a record
    must then speak of ("adopt", "启动")."""
    unquoted = _QUOTED.sub(" ", text)
    match = _EN_EVENT.search(unquoted) or _ZH_EVENT.search(unquoted)
    verb = None if match is None else next(g for g in match.groups() if g)
    return "end" if verb == "wrap" else verb  # ("when does the review wrap up": end)


# Words that make an act a plan, not a thing done: "MEIDECC计划在…之前通过该NETP", "plans to
# adopt", "is expected to be adopted".
_PLANNED = re.compile(
    r"计划|打算|拟|将要|将于|将在|准备|预计|有望"
    r"|\b(?:plans?|planned|planning|intends?|aims?|expected|expects?|scheduled|due|set) to\b"
    r"|\bwill\b|\bto be\b",
    re.IGNORECASE,
)

# A question of what is planned: "expected to end", "打算…通过", "预计什么时候" (not 计划, as
# often the noun of a name: "国家应急通信计划最后是哪天通过的" asks of the act done).
_PLAN_ASKED = re.compile(
    r"打算|预计|有望|将要|将于|\b(?:plans?|planned|intends?|expected|scheduled|set) to\b"
    r"|\bdue to (?:be|end|start|begin|open|close|finish)\b",  # (not "due to the cyclones")
    re.IGNORECASE,
)


# An act asked as done: "did Member States approve it", "was it adopted", "最后有几多%批准咗",
# "通过了吗" (the verb, with what makes it done).
# (Not what has to be done: "what share has to approve it"; nor the final budget, 最终预算.)
_DONE_ASKED = re.compile(
    # ("did … get approved", "did they end up approving")
    # (not in a clause of its own: "did the Member States that adopted NETPs get help")
    r"\bdid\b[^?.,;]{1,60}?(?<!that )(?<!which )(?<!who )"
    r"\b(?P<en>approv|adopt|endors|ratif|pass|sign|accept|appoint)(?:e|ed|y|ing)?\b"
    r"|\b(?:has|have|had|was|were)\b(?! to\b)[^?.,;]{0,60}?\b(?P<en2>approv|adopt|endors"
    r"|ratifi|pass|sign|accept|appoint)ed\b"
    # ("what percentage of Member States finally approved the methodology")
    r"|\b(?:finally|eventually|ultimately|actually)\s+(?P<en3>approv|adopt|endors|ratifi|pass"
    r"|sign|accept|appoint)ed\b"
    # (已 near its verb: "已编预算的输出成果中多少比例是通过…落实" asks through what)
    r"|(?:(?:已经|已)[^？?，,。\s的]{0,8}?|(?:有没有|是否)[^？?，,。]{0,20}?)"
    r"(?P<zh>批准|通过|采纳|签署|核准|任命)"
    # "成员国最后批准了新的IDI方法吗" (not "最终要多少成员国批准才能通过", the rule)
    r"|(?:最后|最终|到底|终于)(?:有没有|是否)?(?P<zh3>批准|通过|采纳|签署|核准)(?:了|咗|过|没有|冇)"
    r"|(?P<zh2>批准|通过|采纳|签署|核准)(?:了|咗|过)(?:吗|没有|未|冇)?\s*[?？]?$"
    # the outcome of the act asked: "the final approval rate", "最后的批准率", "which countries
    # opted out", "有哪些国家选择退出"
    r"|\b(?:final|eventual|actual)\s+(?P<en4>approv|adopt|endors|accept)al rate\b"
    r"|\b(?P<en5>opt)ed out\b"
    r"|(?:最后|最终)的?(?P<zh4>批准|通过|采纳|核准)率"
    r"|(?:哪些|哪个|哪几个|多少|几个)[^？?，,。]{0,12}?(?:选择)?(?P<zh5>退出)"
)
# Which one, or who, was the first to do something ("第一个签署HCM4A协议的非洲国家是哪个",
# "which country was the first to sign"); not the first of a series asked by its number or
# time ("the first two sessions", "the first round", "first quarter").
_FIRST_ONE_ASKED = re.compile(
    # (not a time asked of the first: "最早评估…的那份报告是哪一年的" asks its year)
    r"(?:第一个|第一家|第一位|首个|首家|首位|最先|率先|最早)[^？?，,。]{0,20}?"
    r"(?:哪(?!一?(?:年|个月|月|天|日))|谁)"
    r"|(?:哪|谁)[^？?，,。]{0,12}?(?:第一个|第一家|第一位|首个|首家|首位|最先|率先|最早)"
    r"|\b(?:which|who|what)\b[^?.;]{0,40}?\b(?:the )?first (?:[a-z]+ ){0,2}to\b"
    r"|\b(?:which|who)\b[^?.;]{0,20}?\b(?:first|earliest) to\b"
)
# A record that says something was first.
# (not a first of a series or a kind of people: "first responders", "the first two weeks",
# 第一时间, 第一响应者)
FIRST_SAID = re.compile(
    r"第一(?!响应|時間|时间|阶段|季度|轮|期|批|周|天|个月|两|二|三)|首个|首家|首位|首批|率先|最早|最先"
    r"|\bfirst\b(?! (?:responders?|time|two|three|four|five|few|quarter|half|round|phase|weeks?"
    r"|months?|days?|years?|\d))|\b(?:earliest|pioneer\w*)\b",
    re.I,
)


def asks_the_first_one(question: str) -> bool:
    """Whether a question asks which one, or who, was the first to do something."""
    return _FIRST_ONE_ASKED.search(_QUOTED.sub(" ", question)) is not None


# Words that make an act a condition: "if approved by 70% …", "如果获得…批准".
_CONDITION = re.compile(r"\bif\b|\bunless\b|\bonce\b|如果|若|一旦|假如|倘若", re.IGNORECASE)


_BOOK_TITLE = re.compile(r"《[^》]*》")


def asks_whether_done(question: str) -> bool:
    """Whether a question asks whether an act was done — approved, adopted, signed ("did
    Member States approve the IDI methodology", "最后批准了吗") — not of a plan ("will it be
    adopted")."""
    unquoted = _QUOTED.sub(" ", question)
    return (
        _DONE_ASKED.search(unquoted) is not None
        and _WILL.search(unquoted) is None
        and _PLAN_ASKED.search(unquoted) is None
    )


def asks_done_only_planned(question: str, texts: Sequence[str]) -> bool:
    """Whether a question asks whether (or how) an act was done — approved, adopted, signed —
    and the records speak of it only as planned or on a condition ("If approved by 70% of
    the responding Member States, the methodology will be adopted"): they do not say it was.
    Not a question of the plan itself ("will it be adopted", "预计何时通过")."""
    if not asks_whether_done(question):
        return False
    asked = _DONE_ASKED.search(_QUOTED.sub(" ", question))
    assert asked is not None
    verb = next(
        asked[g]
        for g in ("en", "en2", "en3", "en4", "en5", "zh", "zh2", "zh3", "zh4", "zh5")
        if asked[g]
    )
    said = [
        sentence
        for text in texts
        if is_chinese(text) == is_chinese(verb)
        for sentence in _SENTENCE_END.split(text)
        if (verb in sentence if is_chinese(verb) else verb in sentence.lower())
    ]
    # (a plan's name is no plan: "以符合《基加利行动计划》…以及2023年3月批准2023年最终预算")
    said = [_BOOK_TITLE.sub(" ", s) for s in said]
    return bool(said) and all(
        _only_planned(verb, s)
        or _CONDITION.search(s[: s.find(verb) if is_chinese(verb) else s.lower().find(verb)])
        is not None
        or (is_chinese(verb) and _WILL_BEFORE_ZH.search(s[: s.find(verb)]) is not None)
        for s in said
    )


def _only_planned(verb: str, sentence: str) -> bool:
    """Whether a sentence speaks of the act only as planned (a plan word before it)."""
    at = sentence.find(verb) if is_chinese(verb) else sentence.lower().find(verb[:4])
    # (what usually happens, said inside a plan, is no plan: "计划在…通常于10月开始的气旋季之前
    # 通过" dates the cyclone season's start)
    habitual = _HABITUAL.search(sentence[max(0, at - HABITUAL_SPAN) : at]) if at >= 0 else None
    return at >= 0 and _PLANNED.search(sentence[:at]) is not None and habitual is None


# 将 right before a Chinese verb: "将任命" (will appoint), not "将X任命为…".
_WILL_BEFORE_ZH = re.compile(r"(?:将|将会|会|即将)$")


# Words of what happens as a rule, and how far before the verb they stand.
_HABITUAL = re.compile(r"通常|一般|往往|\b(?:usually|normally|typically|generally)\b", re.I)
HABITUAL_SPAN = 12


def _holds_the_object(question: str, texts: Sequence[str], about: Sequence[str] = ()) -> bool:
    """Whether the records hold every word of what "who <does> <X>" asks about, up to what
    places it ("according to the OP") (English only; "who sponsors the world cup": no record
    of a course sponsored by Mary Kay speaks of a cup). `about` (a title) is read too where
    the texts hold a word of it ("the ChatGPT LearningLab": ChatGPT in the text, LearningLab
    in the title; not "the LearningLabs session on blockchain", none of it in the text)."""
    found = re.match(
        r"who(?:'s| is| are| was| were)? (?:co-)?[a-z\-]+ (?:the |an? )?(.+?)[?.!]*$",
        normalize(question),
    )
    if found is None:
        return True
    thing = re.split(
        r"\b(?:in|of|for|at|on|from|with|to|under|within|and|according|as per|per)\b|,", found[1]
    )[0]
    asked = {
        stem(part)
        for word in latin_tokens(thing)
        for part in word.split("-")
        if part
        and part not in EN_STOPWORDS
        and part not in _ORGANISATION
        # (not a number: "the 27th IWAG meeting" is held as "the 27th meeting … (IWAG)")
        and not any(c.isdigit() for c in part)
    }
    if not asked:
        return True

    def words(of: Sequence[str]) -> set[str]:
        return {
            stem(part)
            for text in of
            for word in re.findall(r"[a-z][a-z'\-]*", text.lower())
            for part in word.split("-")
        }

    def holds(held: set[str], a: str) -> bool:
        # (a word written short or long: "cyber" of "cybersecurity")
        return a in held or any(len(a) >= 4 and (h.startswith(a) or a.startswith(h)) for h in held)

    held = words(texts)
    if about and any(holds(held, a) for a in asked):
        held |= words(about)
    return all(holds(held, a) for a in asked)


def _object_is_the_doer(question: str, verbs: Sequence[str], texts: Sequence[str]) -> bool:
    """Whether "who <does> <X>" meets a record where X does it and nothing of X is done to:
    "who appoints the BDT Director" and "The Director of BDT will designate the risk
    owners" (English only: the words after the verb, before it and after it)."""
    found = re.match(r"who ([a-z\-]+)\b(.*)", question.lower())
    if found is None or not verbs:
        return False
    # the thing asked about, without what qualifies it ("the Smart Villages initiative in
    # Pakistan": the initiative, which Pakistan's ministry implements)
    thing = re.split(r"\b(?:in|of|for|at|on|from|with|to|under|within)\b", found[2])[0]
    asked = set(latin_tokens(thing))
    if not asked:
        return False
    if len(asked) >= 2:  # "the European Commission" is also the EC
        asked.add("".join(w[0] for w in latin_tokens(thing)))
    seen_before = False
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            words = re.findall(r"[a-z][a-z\-]*", sentence.lower())
            for at, word in enumerate(words):
                if not any(
                    v.isascii() and _does(v, part) for v in verbs for part in word.split("-")
                ):
                    continue
                agent = _agent_of(words, at)
                if agent is not None:
                    # "funded by the EC", "with the support of Microsoft", "EC-funded": the
                    # agent named does it ("who funds the EC": the EC funds, is not funded)
                    if asked & set(latin_tokens(agent)):
                        seen_before = True
                        continue
                    return False
                if not _is_verb_at(words, at):
                    continue  # "the project budget is …": no verb
                if asked & set(latin_tokens(" ".join(words[at + 1 :]))):
                    return False  # done to what is asked
                seen_before |= bool(asked & set(latin_tokens(" ".join(words[:at]))))
    return seen_before


def _agent_of(words: Sequence[str], at: int) -> str | None:
    """Who does what the verb at `at` says when the sentence names them after "by", "of" or
    "from" ("funded by the EC", "the support of Microsoft") or before a hyphen ("EC-funded");
    None when it names no one so."""
    if "-" in words[at]:
        return words[at].split("-")[0]
    for n in range(at + 1, min(at + 3, len(words))):
        if words[n] in ("by", "of", "from"):
            return " ".join(words[n + 1 : n + 5])
    return None


_AUXILIARIES = frozenset(
    "will shall would should must may might can could to has have had does did".split()
)
_DETERMINERS = frozenset("the a an its their all each every".split())


def _is_verb_at(words: Sequence[str], n: int) -> bool:
    """Whether a word is used as a verb: after an auxiliary ("will designate"), in the past
    ("interviewed", "funded") or before a determiner or a number ("designates the risk
    owners", "interviewed 44"); "the project budget is …" uses none."""
    following = words[n + 1] if n + 1 < len(words) else ""
    return (
        (n > 0 and words[n - 1] in _AUXILIARIES)
        or words[n].endswith("ed")
        or following in _DETERMINERS
        or following.isdigit()
    )


def _does(action: str, text: str) -> bool:
    """Whether a record's text speaks of the action: the Chinese verb itself, or an English
    word of the same stem ("apply" → "application", "register" → "registration")."""
    if is_chinese(action):
        return action in text
    # ("EC-funded": funded, a part of a hyphenated word)
    words = re.findall(r"[a-z][a-z\-]*", text.lower())
    words += [part for word in words if "-" in word for part in word.split("-")[1:] if part]
    return any(_is_form_of(action, word) for word in words)


def _is_form_of(action: str, word: str) -> bool:
    """Whether a lower-case word is of an English verb's stem: four letters of a short verb
    ("appl" for application); a long one keeps all but its ending ("designa": "designate" is
    no "design")."""
    # (British and American spellings alike: "organised" is "organized")
    action, word = _ISE.sub("is", action), _ISE.sub("is", word)
    if len(action) < 4:
        return word == action
    return word.startswith(action[: len(action) - 2] if len(action) >= 8 else action[:4])


# The -ize of a verb spelt the American way, and its forms: read as -ise.
_ISE = re.compile(r"(?<=[a-z]{3})iz(?=(?:e|es|ed|ing|ation|ations|er|ers)$)")


# Chinese words that place something in time ("最后有多少": when, not what is counted).
ZH_TIME_WORDS = "最后|最终|最初|起初|一开始|开始时|后来|目前|现在|当时|如今"


def read_counted(text: str) -> tuple[str, ...]:
    """The words of what a "how many" question counts (normalised): in English the words
    up to the verb ("how many member states does …" → member, states; "how many bids came
    in" → bids, came), in Chinese the noun ("多少个需要协调的主题" → 主题); () when it
    counts something too general to check ("how many people", "多少人")."""
    unquoted = _QUOTED.sub(" ", text)
    if _POPULATION.search(unquoted):
        return POPULATION  # "the population of Rwanda", "肯尼亚有多少人口"
    done_to = _TIMES_DONE_TO.search(unquoted)
    if done_to is not None:
        # "DCM被访问了多少次": the visits are counted
        return (done_to["zh"],)
    # ("by how many did the number of staff grow": the staff, counted after "number of")
    found = [
        m
        for start in re.finditer(r"\b(?:how many|number of)\b", unquoted)
        for m in [_EN_COUNTED.match(unquoted, start.start())]
        if m is not None
    ]
    match = next((m for m in found if _until_stop(m.group(1).split())), found[0] if found else None)
    if match:
        words = _until_stop(match.group(1).split())
        if len(words) == 4 and any(_is_plural(w) for w in words[:3]):
            words = words[:3]  # a fourth word only for the noun: "ITU Academy Training Centres"
        # "how many days of annual leave": days of what is counted.
        following = re.findall(r"[a-z][a-z'\-]*|[^\sa-z]+", unquoted[match.start(1) :])
        if len(words) == 1 and words[0] in _COUNTED_UNITS and following[1:2] == ["of"]:
            words = _until_stop(following[2:5])
        if words and words[0] in _PERSONS_COUNTED:
            return PEOPLE
        if len(words) > 1 and words[-1] in _PERSONS_COUNTED and set(words[:-1]) <= _NEW_OR_MORE:
            return PEOPLE  # "how many new people joined": people, who are new
        if not words and following[:1] and following[0] in _ATTENDING_VERBS:
            return PEOPLE  # "how many came to SG2", "how many attended": people
        if not words or words[0] in _GENERIC_COUNTED:
            return ()
        return tuple(words)
    match = _ZH_COUNTED.search(unquoted)
    if match:
        noun = match["noun"].rsplit("的", 1)[-1]
        if (
            noun in _PERSONS_COUNTED
            or match.group().endswith(("多少人", "多少名", "几名", "几人"))
            or (match["measure"] is None and noun.startswith("人") and noun[:2] != "人次")
        ):
            return PEOPLE  # ("多少人死亡": people, and what befell them)
    before = _ZH_COUNTED_BEFORE.search(unquoted)
    if before and (
        match is None
        or match["noun"] in _ZH_GLUE
        or (match["measure"] is None and len(match["noun"]) == 1)  # "几条？": 条 is no noun
    ):
        # "指南一共有几条": what is counted came first
        # ("最后有多少": a time, not a thing counted; what is counted was named before)
        noun = re.split(
            r"的|有|了|里|中|一共|总共|共|总计|合计|到底|究竟|" + ZH_TIME_WORDS, before["noun"]
        )[-1]
        noun = re.sub(r"(?:又|还|都|也|则|就)+$", "", noun)
        if len(noun) >= 2 and noun not in _GENERIC_COUNTED:
            return (noun,)
        return ()
    if match:
        noun = match["noun"].rsplit("的", 1)[-1]
        # "多少名P4及以上职员": the noun after a grade; "多少名" alone counts people
        if match["measure"] in ("名", "位") and (len(noun) < 2 or noun in _ZH_GLUE):
            return PEOPLE
        # "多少人处于离线状态": people, with what is said of them.
        if len(noun) >= 2 and noun not in _GENERIC_COUNTED and noun[0] not in _GENERIC_COUNTED:
            return (noun,)
    return ()


# Something done to a thing so many times, asked in the passive: what is done is counted.
# (Chinese only: an English verb, "accessed", need not be the word a record counts by,
# "visits")
# Only visits, views and downloads: what else is done so many times ("被修订了多少次") may be
# counted by editions or reviews a record names in other words.
_TIMES_DONE_TO = re.compile(r"被(?P<zh>访问|浏览|查看|点击|下载|点阅)了?多少次")
# Words before people counted that count no other kind of person ("how many new people").
_NEW_OR_MORE = frozenset("new more additional extra".split())
# Verbs of being there, after "how many" with no noun: people are counted.
_ATTENDING_VERBS = frozenset(
    "came attended joined participated showed turned registered enrolled signed".split()
)
# "How many people attended", "多少人参加": too general to name what is counted, but the
# answer must still count people, not schools or days.
PEOPLE = ("@people",)
# Deaths asked, or told.
_DEATHS = re.compile(
    r"\b(?:died|dead|deaths?|killed|fatalities|casualties|death toll|lost their lives)\b"
    r"|死亡|遇难|罹难|丧生|死了|死者|伤亡",
    re.IGNORECASE,
)
# "How many people live in Vanuatu": a population, given only as one ("affecting some 250,000
# people" counts those a cyclone hit).
POPULATION = ("@population",)
_PERSONS_COUNTED = frozenset(
    "people ppl folks persons person participants attendees 人 人次 名".split()
)
_PEOPLE_COUNT = re.compile(
    r"\d[\d,.]*\s*(?:多|余)?\s*(?:万|亿)?\s*(?:名|人|位)"
    r"|[一二两三四五六七八九十百千万]+(?:多|余)?(?:名|人|位)"
    r"|(?<![\w.])(?:\d[\d,.]*\+?|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
    r"|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?"
    r"|dozens?)\s+(?:[a-z\-]+\s+){0,3}?(?:people|persons|participants|attendees|delegates"
    r"|staff|experts|managers|members|users|learners|students|officials|representatives"
    r"|women|girls|youth|colleagues|trainees|speakers|individuals|professionals|leaders)\b",
    re.IGNORECASE,
)
# Units a count is given in; what they are units of is what is counted.
_COUNTED_UNITS = frozenset(
    "days weeks months years hours minutes times rounds sessions editions".split()
)


def _until_stop(words: Sequence[str]) -> list[str]:
    """The words before the first verb or preposition."""
    found: list[str] = []
    for n, word in enumerate(words):
        if word in _EN_COUNTED_STOP or not word[0].isalpha() or is_manner_adverb(word):
            break  # ("how many eventually got selected": an adverb, before the verb)
        after = words[n + 1] if n + 1 < len(words) else ""
        verb = word in _EN_PAST_VERBS or (
            word.endswith("ed")
            and len(word) > 4
            # a verb before a particle, a preposition, a possessive or nothing ("staff ended
            # up working", "newcomers registered on"), not an adjective before its noun
            # ("least developed countries")
            and (
                not after
                or after in _EN_COUNTED_STOP
                or after in _AFTER_A_VERB
                or after.endswith("ing")
            )
        )
        if verb:
            break  # ("how many ended up being selected": a verb, no noun counted)
        found.append(word)
    return found


_AFTER_A_VERB = frozenset("up out off their its his her our your after before during".split())


# Past forms that end what is counted ("how many bids came in"): verbs, not nouns.
_EN_PAST_VERBS = frozenset("came took went made ran began saw gave got won left met".split())


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return word[:5]


def _same_stem(a: str, b: str) -> bool:
    """Stems equal, or one a prefix of the other of at least four letters ("staf")."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) if short != long else True


# Chinese measure words that say what kind of thing is counted (份: documents, applications;
# 门: courses; 场: events), unlike 个/名/项, which count anything.
_SPECIFIC_MEASURES = "份篇门场届家所座件笔轮批期套"


def _same_measure(question: str, nouns: Sequence[str], texts: Iterable[str]) -> bool:
    """Whether a Chinese question counts with a specific measure word ("多少份申请") that a
    record writes after a number of its own, in a sentence that names what is counted ("40多
    份来自……的实体的申请"), however far the noun stands from the number."""
    match = _ZH_COUNTED.search(normalize(question))
    measure = match["measure"] if match else None
    if not measure or measure not in _SPECIFIC_MEASURES:
        return False
    after_number = re.compile(
        rf"(?:\d[\d,]*|[一二两三四五六七八九十百千]+)\s*(?:多|余)?\s*{measure}"
    )
    sentences = [s for text in texts if is_chinese(text) for s in re.split(r"[。；;！!？?]", text)]
    return any(
        after_number.search(sentence) and noun in sentence
        for sentence in sentences
        for noun in nouns
        if is_chinese(noun)
    )


def _with_synonyms(counted: tuple[str, ...], synonyms: Sequence[Sequence[str]]) -> list[str]:
    """The counted words and, for each, the words of its synonym group (staff → employee,
    工作人员); worked out once per word for groups given as tuples (`synonym_key`)."""
    if isinstance(synonyms, tuple):
        return list(_with_synonyms_once(counted, synonyms))
    return _find_with_synonyms(counted, synonyms)


def synonym_key(groups: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Synonym groups in the form `is_supplied` keeps its work for."""
    return tuple(tuple(group) for group in groups)


@lru_cache(maxsize=4096)
def _with_synonyms_once(
    counted: tuple[str, ...], synonyms: tuple[tuple[str, ...], ...]
) -> tuple[str, ...]:
    return tuple(_find_with_synonyms(counted, synonyms))


def _find_with_synonyms(counted: tuple[str, ...], synonyms: Sequence[Sequence[str]]) -> list[str]:
    found = list(counted)
    for word in counted:
        for group in synonyms:
            if any(
                word == s or (not is_chinese(word) and _same_stem(_stem(word), _stem(s)))
                for s in group
            ):
                found += [s for s in group if s not in found]
                continue
            # "内部同事": the same qualifier before each synonym of its noun (内部工作人员)
            head = next((s for s in group if is_chinese(word) and word.endswith(s)), None)
            if head is not None and len(word) > len(head):
                qualifier = word[: -len(head)]
                found += [
                    qualifier + s for s in group if is_chinese(s) and qualifier + s not in found
                ]
    return found


_ZH_MEASURE = re.compile(r"^(?:多|余)?(?:个|项|名|人|家|国|次|条|种|位|场|份|门|轮|批|篇|届)?")


def _counts(counted: tuple[str, ...], text: str, synonyms: Sequence[Sequence[str]]) -> bool:
    """Whether `text` writes a count beside what is counted (or a synonym of it)."""
    words_counted = _with_synonyms(counted, synonyms)
    nouns = [w for w in words_counted if is_chinese(w)]
    if is_chinese(counted[0]):
        for match in _COUNT.finditer(text):
            # Within the clause of the count: "（包括成员国和部门成员）以及30多名同事" counts
            # colleagues, not members.
            start = max(0, match.start() - COUNT_WINDOW_CHARS)
            before = _ZH_CLAUSE_END.split(text[start : match.start()])
            after = _ZH_CLAUSE_END.split(text[match.end() : match.end() + COUNT_WINDOW_CHARS])
            window = before[-1] + match.group() + after[0]
            # (the noun's last three characters or more right after the count and its
            # measure word: "14个培训中心" counts 国际电联学院培训中心)
            following = _ZH_MEASURE.sub("", text[match.end() : match.end() + 12], count=1)
            for noun in nouns:
                pairs = [noun[i : i + 2] for i in range(len(noun) - 1)]
                if sum(1 for pair in pairs if pair in window) >= (len(pairs) + 1) // 2:
                    return True
                if any(following.startswith(noun[i:]) for i in range(len(noun) - 2)):
                    return True
        return False
    # The noun counted must stand by the count, not only a word that qualifies it: "three
    # Bureaux, regional offices" counts no regional initiatives.
    if is_chinese(text):
        return False  # its English twin is read instead: "（BDT）于2018年2月5日" counts no BDT
    heads = _counted_heads(counted)
    latin = [w for w in _with_synonyms(heads, synonyms) if not is_chinese(w)]
    stems = [_stem(w) for w in latin if " " not in w]
    # a synonym of several words counts where all of them stand by the count: "3,600 new
    # registered users" counts sign-ups
    phrases = [[_stem(p) for p in w.split()] for w in latin if " " in w]
    initials = "".join(w[0] for w in counted if not is_chinese(w)).upper()
    # Letters and digits together: "COP28" is a name, not a count; "8 000" is one number.
    text = _DIGIT_GROUP_SPACE.sub("", text)
    words = [w.rstrip(",.") for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9'\-,.]*", text)]
    # "a five-day retreat", "a 3-year plan": the count and what it counts
    words = [part for w in words for part in _split_counted(w)]
    for n, word in enumerate(words):
        if n > 0 and words[n - 1].upper() in _CURRENCIES:
            continue  # "EUR 3 million" is an amount, not a count of projects
        if n > 0 and words[n - 1].lower() in _NUMBERED:
            continue  # "Annex 2 – Members and staff" numbers an annex, it counts no staff
        if word.isdigit() and _is_day(words, n):
            continue  # "from 5 to 9 February": days of a month
        if _COUNT.fullmatch(word) or word.lower() in _NUMBER_WORDS:
            # as many words after it as the noun counted has ("two UN SDG Fund projects")
            reach = max(COUNT_WINDOW_WORDS, len(counted))
            window = words[max(0, n - COUNT_WINDOW_BEFORE) : n + 1 + reach]
            if any(_same_stem(_stem(w), s) for w in window for s in stems):
                return True
            if any(
                all(any(_same_stem(_stem(w), p) for w in window) for p in phrase)
                for phrase in phrases
            ):
                return True
            # "16 LDCs" counts least developed countries, and countries: an acronym whose
            # last letter is the head noun's ("14 ATCs" counts centres)
            # (not the organisation's own: "250 ITU staff" counts staff, no users or unions)
            if any(
                len(w) >= 2
                and w.rstrip("s").isupper()
                and w.rstrip("s") in initials
                and w.lower() not in _ORGANISATIONS
                for w in window
            ):
                return True
            head = next((h for h in heads if not is_chinese(h)), "")
            after = words[n + 1 : n + 2]
            if (
                head
                and after
                and len(after[0]) >= 3
                and after[0].rstrip("s").isupper()
                and after[0].rstrip("s")[-1] == head[0].upper()
                and after[0].lower() not in _ORGANISATIONS
            ):
                return True
    return False


# The title of the person asked for: "who is the Director of BDT", "电信发展局的主任是谁"; a
# deputy is another person ("Deputy Director", "副主任").
_TITLE = re.compile(
    r"\b(?P<deputy>deputy |vice[- ]|assistant )?(?P<en>director|secretary-general|chair|chairman"
    # (whose work a record would name them for: "who's the architect" of a building)
    r"|chairperson|head|chief|architect|designer)\b"
    r"|(?P<zdeputy>副)?(?P<zh>主任|秘书长|主席|局长|建筑师|设计师)"
)


def read_title(normalized: str) -> tuple[str, bool] | None:
    """The title a question asks the holder of, and whether it is a deputy's."""
    match = _TITLE.search(normalized)
    if match is None:
        return None
    return (match["en"] or match["zh"], bool(match["deputy"] or match["zdeputy"]))


def holds_title(title: tuple[str, bool], texts: Iterable[str]) -> bool:
    """Whether the texts name the title asked, a deputy's only when a deputy is asked for."""
    for text in texts:
        for match in _TITLE.finditer(text.lower()):
            if (match["en"] or match["zh"]) == title[0] and bool(
                match["deputy"] or match["zdeputy"]
            ) == title[1]:
                return True
    return False


_NUMBERED = frozenset(
    "annex section table figure box resolution document article chapter pillar objective "
    "no no. number paragraph part phase step item output outcome group goal priority enabler"
    " question level grade region".split()
)
_CURRENCIES = frozenset({"CHF", "EUR", "USD", "GBP", "US$", "$", "€"})


def _is_plural(word: str) -> bool:
    return (word.endswith("s") and not word.endswith("ss")) or word in _IRREGULAR_PLURALS


def _counted_heads(counted: tuple[str, ...]) -> tuple[str, ...]:
    """The noun of what is counted: its last plural word ("regional initiatives", "bids came");
    every word when none is plural (the noun may lie beyond the words read), but the name of
    the organisation whose things are counted ("how many BDT staff": staff)."""
    plural = [w for w in counted if _is_plural(w)]
    if len(plural) >= 2 and plural[-1] == "members":
        return tuple(plural[-2:])  # "staff members": a count of staff answers it
    if plural:
        return (plural[-1],)
    own = tuple(w for w in counted if w not in _ORGANISATIONS)
    # "how many women attended": the verb after the noun counts nothing
    nouns = tuple(w for w in own if not w.endswith("ed"))
    return nouns or own or counted


_IRREGULAR_PLURALS = frozenset("women men children people staff media".split())


# Whose things a question counts, not what: "how many ITU staff", "BDT projects".
_ORGANISATIONS = frozenset("itu itu-d itu's bdt bdt's itu-d's un tdag".split())
_MONTHS = re.compile(
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$",
    re.IGNORECASE,
)


def _is_day(words: Sequence[str], n: int) -> bool:
    """Whether the number at `n` is a day of a month: a month name just after it ("5
    February", "5 to 9 February") or just before it ("February 5")."""
    if int(words[n]) > 31:
        return False
    after = words[n + 1 : n + 4]
    if after[:1] and _MONTHS.match(after[0]):
        return True
    if after[:2] and after[0].lower() in ("to", "and", "-", "–") and after[1].isdigit():
        return len(after) > 2 and _MONTHS.match(after[2]) is not None
    return n > 0 and _MONTHS.match(words[n - 1]) is not None


def _split_counted(word: str) -> list[str]:
    """A number joined to its noun by a hyphen ("five-day", "3-year"), as two words."""
    head, dash, rest = word.partition("-")
    if dash and rest and (head.lower() in _NUMBER_WORDS or head.isdigit()):
        return [head, rest]
    return [word]


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty sixty seventy eighty ninety hundred thousand dozen dozens million".split()
)


def is_supplied(
    wanted: str | None,
    texts: Iterable[str],
    *,
    present: int | None = None,
    counted: tuple[str, ...] = (),
    synonyms: Sequence[Sequence[str]] = (),
    action: str | None = None,
    question: str = "",
    about: Sequence[str] = (),
) -> bool:
    """Whether the texts of a record hold the kind of answer wanted; a date for "the next
    one", or anything about the future, must be later than `present`, the year the store's
    documents speak from; a count of `counted` (when given) must be written next to it; a
    procedure must speak of the `action` asked how to do. `about`: more of the record's
    texts that say what it is about (its title), read for what a doer is asked of only."""
    if wanted is None:
        return True
    texts = list(texts)
    # (read once: the checks of a person, an amount or the future read the question's words)
    question_read = normalize(question) if wanted in (AMOUNT, PERSON, FUTURE) else ""
    if wanted == DATE_OR_PLACE:
        return any(
            is_supplied(kind, texts, present=present, synonyms=synonyms, question=question)
            for kind in (DATE, PLACE)
        )
    if wanted in (DATE, NEXT_DATE) and not _dates_events_named(question, texts):
        return False
    if (
        wanted == FUTURE
        and read_wanted(question_read) in (DATE, NEXT_DATE)
        and not _years_events_named(question, texts)
    ):
        return False  # "TDAG-24 dates?": a date of TDAG-24, not a report to be sent to it
    if wanted in (NEXT_DATE, FUTURE):
        # A bare year (a figure read out of the text) is judged in its sentence instead.
        sentences = [text for text in texts if not _YEAR.fullmatch(text.strip())]
        return present is None or any(
            int(year) > present for text in sentences for year in _list_dated_years(text)
        )
    if wanted == COUNT and _DEATHS.search(question) and not any(_DEATHS.search(t) for t in texts):
        return False  # "how many people died": a record that tells of deaths, or none
    if wanted == COUNT and counted == PEOPLE:
        return any(_PEOPLE_COUNT.search(text) for text in texts)
    if wanted == COUNT and counted == POPULATION:
        # (a number of inhabitants: "two thirds of the world's population" is none)
        return any(_POPULATION_GIVEN.search(text) for text in texts)
    if wanted == COUNT and counted:
        return any(_counts(counted, text, synonyms) for text in texts) or _same_measure(
            question, _with_synonyms(counted, synonyms), texts
        )
    if wanted == PROCEDURE:
        return action is None or any(_does(action, text) for text in texts)
    if (
        wanted == AMOUNT
        and FEE_ASKED.search(question_read)
        and any(FREE_OF_CHARGE.search(text) for text in texts)
    ):
        return True  # "how much did BCG charge", "收咗幾多錢": pro bono is the amount (none)
    if wanted == PERSON and _PARTNER_ASKED.search(question_read):
        # "who was the partner", "合作方是谁": a body the record says it worked with
        return any(_PARTNERED.search(text) for text in texts)
    if wanted == PERSON and _WHO_LEADS.search(question_read):
        # "who leads the task force": a body may (BDT, "under whose leadership"), where the
        # sentence saying so is of the thing asked about and it is not the leader ("who leads
        # BDT" is not answered by "under the leadership of BDT, a task force …")
        led = _read_led(question_read)
        if led and any(
            _leads_it(led, sentence) for text in texts for sentence in _SENTENCE_END.split(text)
        ):
            return True
    if wanted == DATE and action is not None:  # a date of the event asked, not another
        verbs = _with_synonyms((action,), synonyms)
        if question and not is_chinese(question):
            # an English question is read in the records' English (the Chinese sentence
            # cannot tell who launched what: "国际电联学院推出了…课程")
            verbs = [v for v in verbs if not is_chinese(v)] or verbs
        # in one sentence, and done: "计划在…之前通过" plans the act, dates nothing done;
        # a question in the future tense ("when will Tonga adopt it") or of a plan ("when is
        # the process expected to end", "预计什么时候结束") asks the planned date
        planned_asked = (
            _WILL.search(question) is not None
            or _PLAN_ASKED.search(question) is not None
            # (in the present, as a schedule is asked: "when does the process wrap up")
            or _SCHEDULE_ASKED.search(question) is not None
        )
        ends = action in _ENDING_VERBS and _AN_EVENT_ASKED.search(question) is not None
        return any(
            _DATE.search(sentence)
            # (when it ends: a span of days or months gives its last, "5–8 June 2023")
            and (_does(verb, sentence) or (ends and _SPAN_GIVEN.search(sentence) is not None))
            and (planned_asked or not _only_planned(verb, sentence))
            and not _done_by_the_asked(question, verb, sentence)
            and not _only_describes(verb, sentence)
            for verb in verbs
            for text in texts
            for sentence in _SENTENCE_END.split(text)
        )
    if wanted == ACTOR:  # someone, beside the doing of what is asked
        verbs = _with_synonyms((action,), synonyms) if action is not None else []
        if action is not None and action in _ZH_TEACHING:
            verbs += _DELIVERING
        if action is not None and action.lower() in _EN_GIVING:
            verbs += _EN_DELIVERING
        return (
            (action is None and any(_ACTOR.search(text) for text in texts))
            or (
                (
                    any(
                        _does(verb, sentence) and _names_its_doer(verb, sentence)
                        for verb in verbs
                        for text in texts
                        for sentence in _SENTENCE_END.split(text)
                    )
                    # "who funded / backed the Efficiency Toolkit": "with the support of the UK
                    # Government FCDO" names who made it possible
                    or (
                        action is not None
                        and action.lower() in _BACKING_VERBS
                        and any(
                            _BACKED_BY.search(sentence) and _holds_the_object(question, [sentence])
                            for text in texts
                            for sentence in _SENTENCE_END.split(text)
                        )
                    )
                )
                and (
                    # a Chinese question: someone named in the clause that does it, to
                    # what is asked ("谁批准OP-23": not "理事会批准…国际电联预算后，OP-23…")
                    _ZH_OBJECT.search(question) is None
                    or any(
                        _does(verb, part)
                        and _ACTOR.search(part)
                        and _holds_zh_object(question, part)
                        for verb in verbs
                        for text in texts
                        for part in _ZH_DOING_CLAUSE_END.split(text)
                    )
                    # ("效率工具包是谁资助的": "在…FCDO…的支持下，推出了效率工具包")
                    or (
                        action is not None
                        and action in _BACKING_VERBS
                        and any(
                            _BACKED_BY.search(sentence) and _holds_zh_object(question, sentence)
                            for text in texts
                            for sentence in _SENTENCE_END.split(text)
                        )
                    )
                )
            )
        ) and (
            not _object_is_the_doer(question, verbs, texts)
            and _holds_the_object(question, texts, about)
        )
    if wanted == PLACE and _NATIONALITY_ASKED.search(normalize(question)):
        # "梅特兰是哪国人": a record of the report he wrote gives no nationality
        return any(_NATIONALITY_GIVEN.search(text) for text in texts)
    if wanted == PLACE and _CAPITAL.search(question):
        # "瓦努阿图的首都是哪里": a record placing something in Vanuatu names no capital
        return any(_CAPITAL.search(text) for text in texts)
    if wanted == PLACE and _BUILDING_ASKED.search(question):
        # "which hotel hosted the retreat": a city is no hotel
        return any(_BUILDING_GIVEN.search(text) for text in texts)
    if wanted == PLACE and question:
        # "where is the Africa regional office": "in Africa" names the question's own place;
        # "where is the Europe office": the place an event was held in is no office's place
        asked = set(re.findall(r"[a-z]+", question.lower()))
        within = _CITY_WITHIN_ZH.search(question)
        if within is not None and any(within["known"] in t for t in texts):
            # "RDF-EUR 2023是在罗马尼亚哪个城市开的": a record placing it in Romania, and in
            # no other place, names no city (unlike "in Sharm el-Sheikh, Egypt")
            places = {
                m["place"] or m["cited"] or m["other"] for t in texts for m in _PLACE.finditer(t)
            }
            if len(places) <= 1 and not any(_CITY_WITH_COUNTRY.search(t) for t in texts):
                return False
        standing = (
            (_WHERE_SOMETHING_IS.search(question) or _AN_OFFICE.search(question))
            and not _EVENT_NOUN.search(question)
        ) or _WHERE_AN_OFFICE_IS_ZH.search(question) is not None
        # a meeting named by its code ("where is TDAG-23", "where was COP 27"): placed in a
        # sentence that names it, not where another event was held
        # (not one that only places the question in time: "the retreat after WTDC-17")
        events = {
            _squeeze(m.group())
            for m in _EVENT_CODE.finditer(question)
            if not _BEFORE_OR_AFTER.search(question[: m.start()])
            and not _ZH_BEFORE_OR_AFTER.match(question[m.end() :])
        }
        return (
            any(
                not set(re.findall(r"[a-z]+", (m["place"] or m["cited"] or m["other"]).lower()))
                <= asked
                # (nor, for where something stands, the place of an event: "held in
                # Romania", "coordination meetings in Brussels and Geneva")
                and not (
                    standing
                    and (
                        _EVENT_HELD.search(sentence)
                        or _EVENT_NOUN.search(sentence[max(0, m.start() - 40) : m.start()])
                    )
                )
                and (not events or any(e in _squeeze(sentence) for e in events))
                and (m["year"] is None or _cites_the_meeting(question, events, m["year"]))
                for text in texts
                for sentence in _SENTENCE_END.split(text)
                for m in _PLACE.finditer(sentence)
            )
            or (
                # (a meeting held online: no office or building is asked of)
                not standing
                and not _BUILDING_ASKED.search(question)
                and any(_HELD_ONLINE.search(text) for text in texts)
            )
            or (
                not _SITE_ASKED.search(question)
                # where something goes ("where will the report be presented"), not where a
                # meeting is held ("where was the IWAG meeting": "invited to WRC-23" is none)
                and _DESTINATION_ASKED.search(question) is not None
                # (not the meeting asked about: "where is WRC-23 held" is not answered by "to
                # attend WRC-23")
                and any(
                    m["meeting"].upper() not in question.upper()
                    for t in texts
                    for m in _MEETING_PLACE.finditer(t)
                )
            )
        )
    pattern = _SUPPLIED_BY[wanted]
    return any(pattern.search(text) for text in texts)


_SENTENCE_END = re.compile(r"(?<=[.;!?…])\s+|[。；！？…]")
# Verbs of making something possible, and a record naming who did, by name: "with the support
# of the UK Government FCDO", "sponsored by Mary Kay", "在英国政府…的支持下".
_BACKING_VERBS = frozenset(
    "fund funds funded funding back backs backed backing sponsor sponsors sponsored sponsoring "
    "finance finances financed financing support supports supported supporting "
    "资助 赞助 支持".split()
)
_BACKED_BY = re.compile(
    r"\bwith the (?:financial |generous )?support of (?:the )?[A-Z]"
    r"|\b(?:supported|sponsored|funded|financed|backed) by (?:the )?[A-Z]"
    r"|在[^，。；]{2,40}的(?:资金|资助)?支持下"
)
# A text adopted at a meeting: "Resolution 73", "第73号决议".
_ADOPTED_TEXT = re.compile(r"\b(?:resolution|decision)s?\b|决议|決議|决定", re.IGNORECASE)


def _cites_the_meeting(question: str, events: set[str], year: str) -> bool:
    """Whether a place cited with its year ("(Bucharest, 2022)") is the place asked: of the
    meeting the question names by its code and that year (PP-22, not PP-26), or of a
    resolution the question asks of in that year; not the Council 2022 session's."""
    if events:
        return any(e[-2:] == year for e in events)
    asked_years = {y[-2:] for y in _YEAR.findall(question)}
    if not asked_years:
        return True  # "where was it revised": the text cited
    return _ADOPTED_TEXT.search(question) is not None and year in asked_years


# A Chinese clause of doing: "…，以及2023年3月批准2023年最终预算" approves with no one named
# in it.
_ZH_DOING_CLAUSE_END = re.compile(r"[，,。；;！？：:]|以及|随后|然后")


_MONTHS_OF_THE_YEAR = (
    "January February March April May June July August September October November December"
).split()
# Someone who can do something, named in a sentence: a body or person the actor pattern
# knows, a name written with a capital inside the sentence ("with the support of Microsoft")
# or an acronym ("BCG interviewed", "funded by the EC"); not a capital that only opens the
# sentence ("Through an architectural design competition, … 74 bids": no one designs in it).
# (not a month, a code such as "OP-23", or an acronym of a thing: "ICT", "KPI", "CHF")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+\b(?![-–]?\d)|\b[A-Z]{2,}s?\b(?![-–]?\d)")
_NO_DOERS = frozenset(
    "ict icts kpi kpis sdg sdgs ai chf eur usd gdp iot it pdf faq".split()
) | frozenset(m.lower() for m in _MONTHS_OF_THE_YEAR)


def _names_a_doer(sentence: str) -> bool:
    if _ACTOR.search(sentence):
        return True
    if is_chinese(sentence):
        return False  # (a Chinese body is one the actor pattern knows)
    return any(
        (match.group().isupper() or sentence[: match.start()].strip())
        and match.group().lower() not in _NO_DOERS
        for match in _CAPITALISED.finditer(sentence)
    )


# A verb in the passive ("courses are delivered through ITU's platform"): its doer is named
# after "by", if at all; an actor elsewhere in the sentence is what is done, or a possessive.
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?$")
_BY_DOER = re.compile(r"\bby\b|\bwithin\b")
_BY_WORDS = 8


# "by" right after a participle ("led by BDT", "jointly organized by …").
_RIGHT_AFTER_BY = re.compile(r"\s*(?:[a-z]+ly\s+)?by\s", re.IGNORECASE)
# A doer said without a name, just before the verb: "an external speaker", "a consultant".
_INDEFINITE_DOER = re.compile(
    r"\b(?:an?|some|someone|somebody)(?:\s+[a-z][a-z-]*){0,3}\s*$", re.IGNORECASE
)


def _names_its_doer(verb: str, sentence: str) -> bool:
    """Whether a sentence that speaks of the action names who does it: in English, when the
    action is only told in the passive, a doer after "by"."""
    if is_chinese(verb) or is_chinese(sentence):
        return _names_a_doer(sentence)
    active = False
    for match in re.finditer(r"[A-Za-z][A-Za-z\-]*", sentence):
        head, *parts = match.group().split("-")
        if not any(_is_form_of(verb, part.lower()) for part in [head, *parts[:1]]):
            continue
        if parts and _names_a_doer(head):
            return True  # "EC-funded": the doer written before the verb
        if not _PASSIVE_BEFORE.search(sentence[: match.start()].lower()):
            after = sentence[match.end() :]
            # ("a formal consultation process led by BDT": a participle, its doer after "by")
            by = _RIGHT_AFTER_BY.match(after)
            if by is not None and _names_a_doer(" ".join(after[by.start() :].split()[:_BY_WORDS])):
                return True
            # (a doer said as "an external speaker" names no one: "an external speaker gave a
            # talk …, attended by 120 ITU staff")
            if not _INDEFINITE_DOER.search(sentence[: match.start()]):
                active = True
            continue
        after = sentence[match.end() :]
        # ("held within the Council Working Group": where it was held is who held it)
        by = _BY_DOER.search(after)
        # ("delivered by the responsible units of BDT": the doer within a few words)
        if by is not None and _names_a_doer(" ".join(after[by.start() :].split()[:_BY_WORDS])):
            return True
    return active and _names_a_doer(sentence)


_ZH_OBJECT = re.compile(r"谁(?:来)?(?:负责)?(?:" + _ZH_ACTOR_VERBS + r")了?(.+?)[？?吗呢的。]*$")


def _holds_zh_object(question: str, clause: str) -> bool:
    """Whether a clause holds something of what a Chinese "谁<verb><X>" asks about: a Latin
    word of X or two of its characters together ("谁批准OP-23" and "理事会批准…国际电联预算"
    speak of two approvals)."""
    found = _ZH_OBJECT.search(question)
    if found is None:
        return True
    thing = found[1].lower()
    words = re.findall(r"[a-z0-9][a-z0-9\-]*", thing)
    pairs = [thing[n : n + 2] for n in range(len(thing) - 1)]
    pairs = [p for p in pairs if is_chinese(p) and len(p) == 2 and all(is_chinese(c) for c in p)]
    if not words and not pairs:
        return True
    low = clause.lower()
    return any(w in low for w in words) or any(p in clause for p in pairs)


_COUNT_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
} | {"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
_ZH_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _count_value(written: str) -> str:
    """A count as written ("three", "3", "三个", "1,200") as one spelling ("3", "1200")."""
    word = written.strip().lower()
    if word in _COUNT_WORDS:
        return str(_COUNT_WORDS[word])
    digits = re.sub(r"[,\s]", "", word)
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return digits
    chinese = re.match(r"[一二两三四五六七八九十]+", word)
    if chinese and len(chinese.group()) == 1:
        return str(_ZH_DIGITS[chinese.group()])
    return word


def gives_new_count(question: str, texts: Iterable[str]) -> bool:
    """Whether the texts write a count the question does not state itself: "drew on staff
    from all three bureaux — how many did it start with" is not answered by a record whose
    only count is "three questions"."""
    stated = {_count_value(m.group()) for m in _COUNT.finditer(question)}
    return any(
        _count_value(m.group()) not in stated for text in texts for m in _COUNT.finditer(text)
    )


# "When was the ITU Academy launched": what was done to something, asked in the passive.
_PASSIVE_ASKED = re.compile(
    r"\bwhen (?:was|were|is|has|have|had) (?:the |a |an |its |their )?"
    r"(?P<thing>[a-z0-9][\w\- ]{1,40}?) (?:been |being |first |officially |actually )?"
    r"[a-z]+(?:ed|en|un|wn)\b"
)
# Words before a verb's past form that make it describe a noun: "the total approved budget".
_DESCRIBING = frozenset("the a an total its their our newly recently already".split())


def _done_by_the_asked(question: str, verb: str, sentence: str) -> bool:
    """Whether a sentence has the thing a passive "when was X <done>" asks about do it to
    something else ("the ITU Academy launched the e-learning course": the course was launched,
    not the Academy)."""
    if is_chinese(verb):
        return False
    asked = _PASSIVE_ASKED.search(question.lower())
    if asked is None:
        return False
    thing = [w for w in latin_tokens(asked["thing"]) if w not in EN_STOPWORDS]
    if not thing:
        return False
    words = re.findall(r"[a-z0-9][a-z0-9\-]*", sentence.lower())
    for at, word in enumerate(words):
        if not _does(verb, word) or at == 0:
            continue
        before = words[max(0, at - len(thing)) : at]
        # "the ITU Academy launched …" (not "… was launched", "has launched the Academy")
        if [stem(w) for w in before] == [stem(w) for w in thing]:
            return True
    return False


def _only_describes(verb: str, sentence: str) -> bool:
    """Whether every use of the verb in a sentence describes a noun ("the total approved
    OP-23 budget") rather than dating the act."""
    if is_chinese(verb):
        return False
    words = re.findall(r"[a-z0-9][a-z0-9\-]*", sentence.lower())
    uses = [at for at, word in enumerate(words) if _does(verb, word)]
    return bool(uses) and all(at > 0 and words[at - 1] in _DESCRIBING for at in uses)


# "Where is X" asks where something stands; an event's place ("held … in Romania") is not
# where an office or a centre is, unless an event is what is asked about.
_WHERE_SOMETHING_IS = re.compile(r"^where (?:is|are)\b", re.IGNORECASE)
# An office or a seat, whose place is where it stands, the question ending on it ("which city
# is the Europe regional office in"; not "where did the office attend APFSD").
_AN_OFFICE = re.compile(
    r"\b(?:office|headquarters|hq|seat|secretariat)(?: (?:located|based|situated))?(?: in)?"
    r"\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# … in Chinese, of an office: "欧洲区域代表处在哪个城市", "DT实验室设在哪里".
_WHERE_AN_OFFICE_IS_ZH = re.compile(
    r"(?:代表[处處]|[办辦]事[处處]|[办辦]公室|[总總]部|[实實][验驗]室)(?:[设設]|位于|位於)?(?:在)?"
    r"(?:哪[里裡儿兒]|哪个城市|哪個城市|哪个国家|哪個國家|什[么麼]地方|何[处處])"
    # ("欧洲区域代表处在哪里工作": where it works is where it stands)
    r"(?:工作|办公|辦公|开展工作|開展工作)?\s*[?？]?\s*$"
)
# A city asked within a place the question names: "在罗马尼亚哪个城市开的" (that place is no
# answer).
_CITY_WITH_COUNTRY = re.compile(r"\b(?:in|at) [A-Z][\w'-]*(?: [\w'-]+){0,3}, [A-Z][a-z]+")
_CITY_WITHIN_ZH = re.compile(
    r"在(?P<known>[\u4e00-\u9fff]{2,6}?)的?(?:哪个|哪個|哪一个|哪一個)城市"
)
_EVENT_NOUN = re.compile(
    r"\b(?:forum|meeting|conference|workshop|retreat|session|summit|symposium|event|drill"
    r"|cyberdrill|gsr|wtdc|tdag|council|assembly|training|course|launch)",
    re.IGNORECASE,
)
_EVENT_HELD = re.compile(
    r"\b(?:held|hosted|organi[sz]ed|took place|convened|hold|holds|host)\b", re.IGNORECASE
)


_PREPARING_FOR = re.compile(
    r"\bprepar\w*\s+(?:meeting|session|event|workshop)s?\s+(?:for|of|to)\s+(?:the\s+)?"
    r"[^.;]{0,80}?[A-Z]{2,}[-–]\d\d\b|[A-Z]{2,}[-–]\d\d\s*(?:的)?(?:筹备|prepar)",
    re.IGNORECASE,
)


# A partner asked for: "who was ITU's partner", "合作方是谁", "和谁合作" (not the asker's own:
# "我的合作伙伴是谁").
_PARTNER_ASKED = re.compile(
    r"(?<!\bmy )(?<!\bour )\bpartners?\b(?! (?:countries|states)\b)"
    # ("who was our partner for the DTCI roundtable": the organisation's, for an event)
    r"|\bour partners? (?=(?:for|in|at|on|of|with)\b)"
    r"|(?<!我的)(?<!我们的)(?:合作方|合作伙伴|合作单位|合作机构)|和谁合作|与谁合作|跟谁合作|同谁合作"
)
# A body the record's English says something was done with, named: "in collaboration with the
# Malawi Communications Regulatory Authority", "implemented by BDT, …" (not partnership in
# general, "a trusted and respected partner").
_PARTNERED = re.compile(
    r"(?i:\b(?:in (?:close )?(?:cooperation|collaboration|partnership|conjunction) with"
    r"|together with|jointly with|partnered with|with the support of|supported by"
    r"|implemented (?:jointly )?by|co-?organi[sz]ed (?:by|with)))"
    r"\s+(?:the\s+)?[A-Z]"
)
# Done for nothing (pro bono, 无偿): an amount of none. (Not "free", which courses may be
# in some cases: "学院的课程收费多少钱" is not answered by the free ones.)
FREE_OF_CHARGE = re.compile(r"\bpro bono\b|无偿", re.IGNORECASE)
# A fee asked of someone who did something: "how much did BCG charge", "收了多少钱",
# "有没有收钱" (not what a course costs, "收费多少").
FEE_ASKED = re.compile(
    r"\b(?:charge[ds]?|charging)\b|收(?:了|过)?(?:多少|几多)?钱|有没有收"
    # "how much did ITU pay BCG", "what did BCG cost", "what did it cost"
    r"|\bhow much (?:did|does|do|was|were) [^?]{1,40}\b(?:pay|paid|cost)\b"
    r"|\bwhat did [^?]{1,40} cost\b"
    # what a firm named by its acronym charged for what it did: "BCG收费多少", "BCG帮ITU制定
    # 战略，收费多少" (not a course's fee: "ATC课程收费多少")
    r"|^[a-z]{2,6}(?:(?:帮|为|给|替)[^?？]{0,40})?收费(?:是)?(?:多少|几多)"
    # what hiring a firm cost: "请BCG花了多少钱", "BCG花了多少钱" (not "P1花了多少钱", a line)
    r"|(?:请|聘请|雇|找)[^?？，,]{0,12}花了?(?:多少|几多)钱|^(?![pe]\d)[a-z]{2,6}花了?(?:多少|几多)钱"
)


def _years_events_named(question: str, texts: Sequence[str]) -> bool:
    """For "when is PP-26": whether a record that names the meeting asked also writes its
    year, in a date or in a name (its title "… before PP-26", its text "before the 2026
    Plenipotentiary Conference"; not "a full report … will be submitted to TDAG-24", no 2024
    in it); True when the question names no such meeting."""
    events = {m.group(): f"20{m[1]}" for m in _EVENT_YEAR.finditer(question.lower())}
    return not events or any(
        any(event in text.lower() for text in texts) and any(year in text for text in texts)
        for event, year in events.items()
    )


def _dates_events_named(question: str, texts: Sequence[str]) -> bool:
    """For "when will TDAG-24 meet": whether a sentence that names the meeting asked also
    writes a date of it (the date of something else said of it is no answer); True when the
    question names no such meeting."""
    events = {m.group(): f"20{m[1]}" for m in _EVENT_YEAR.finditer(question.lower())}
    if not events:
        return True
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            years = _list_dated_years(sentence)  # not periods: "2022-2025" dates nothing
            # (a meeting held to prepare for it is another: "the preparatory meeting for the
            # 2023 World Radiocommunication Conference (WRC-23)", "WRC-23筹备会议")
            sentence = _PREPARING_FOR.sub(" ", sentence)
            for event, year in events.items():
                # ITU names a meeting with the year it meets in: a date of TDAG-24 is in 2024
                # ("a report on 2023 to TDAG-24" dates no meeting, nor "in January, after
                # WTDC-22" the conference)
                if event in sentence.lower() and year in years:
                    return True
    return False


# A word written as a name: an acronym or code (NETP, HCM4A, P2), a capitalised word inside
# the sentence (Kenya, Director); years aside, which the year reader handles.
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")


# "Which new committee …", "哪个新委员会": the kind of thing asked for (its head word).
_EN_ASKED_CLASS = re.compile(
    r"^(?:which|what) (?:new |other )?([a-z]{4,}?)s? (?:did|does|do|was|were|is|are|has|have"
    r"|will)\b"
)
_ZH_ASKED_CLASS = re.compile(
    r"(?:哪(?:个|一个|些|家|所|项)|什么)(?:新的?|新)?([\u4e00-\u9fff]{2,4}?)(?=[？?，,。！!]|$)"
)
# Classes the structured answers handle, or too general to tell records apart.
_GENERAL_CLASSES = frozenset(
    "priority priorities theme themes enabler enablers kpi kpis indicator thing things one ones "
    "kind kinds type types year years month months day days date dates time times way ways "
    "重点工作 主题 推动因素 指标 关键绩效指标 方面 东西 时候 时间 方式 方法 意思 原因 作用 内容"
    " 情况 样子".split()
)


def read_asked_class(text: str) -> str | None:
    """The head word of what a "which X" question asks for ("committee", "委员会"), when it
    is a word that tells records apart."""
    match = _EN_ASKED_CLASS.search(text) or _ZH_ASKED_CLASS.search(text)
    if match is None or match[1] in _GENERAL_CLASSES:
        return None
    return match[1]


# "What's the weather in Geneva", "how is the dress code for the retreat", "沙姆沙伊赫的天气
# 如何": the attribute asked of something, which a record must speak of to answer.
_EN_ASKED_ATTRIBUTE = re.compile(
    r"\b(?:what(?:'s| is| was| are| were| will be)?|how(?:'s| is| was| are| were| will be))"
    r" (?:the |its |their )?(?P<attr>[a-z][a-z\-]*(?: [a-z][a-z\-]*)?) (?:of|in|at|for|during"
    r"|like)\b"
    # "what will the weather be like in …", "what the weather will be like"
    r"|\bwhat (?:will|would) (?:the )?(?P<attr2>[a-z][a-z\-]*) be like\b"
    r"|\bwhat (?:the )?(?P<attr3>[a-z][a-z\-]*) (?:will|would|is going to) be like\b"
)
# A thing asked for as needed or provided ("do I need a visa to attend GSR-23", "is lunch
# provided at the retreat"): what the question is about is that thing.
_EN_ASKED_THING = re.compile(
    r"\b(?:do|does|will|would|should) (?:i|we|you|staff|participants|delegates|attendees|they"
    r"|one|everyone) (?:need|require|have to (?:bring|get|have|show|wear)) (?:a |an |any |the |my "
    r"|our |their )?(?P<attr>[a-z][a-z\-]*) (?:to|for|at|in|when|before|during)\b"
    r"|\b(?:is|are|will) (?:there )?(?:a |an |any |the )?(?P<thing>[a-z][a-z\-]*) (?:be )?"
    r"(?:provided|served|offered|available|included|reimbursed|covered) (?:at|in|for|during|by)\b"
)
# "证书弄丢了，可以补发吗": whether something can be done, which a record must speak of (the
# certificates earned in 2022 say nothing of reissuing one)
_ZH_ASKED_DOING = re.compile(
    # (能 a word of its own: not 能力, 能源, 功能, 可能)
    r"(?:可以|能否|可否|能不能|(?<![功可才性智技体职效本])能(?![力源量够]))"
    r"(?:再|重新)?(?P<doing>[\u4e00-\u9fff]{2})(?:吗|么|[?？]|$)"
)
_ZH_ASKED_ATTRIBUTE = re.compile(
    r"的(?P<attr>[\u4e00-\u9fff]{2,4}?)(?:如何|怎么样|怎样|是什么样|会怎样|好不好|好吗"
    r"|有多少天|有几天|是多少天|多长时间"  # "员工的年假有多少天"
    # "微软公司的总部在哪里", "员工的着装要求是什么" ("…是多少" is left to the search: a
    # misspelt 预箅 is still the budget)
    # (not "…的讲座有多少职员参加": a count of those who came, not an attribute of the talk)
    r"|在哪里|在哪儿|是什么|涨了多少|是多少|有多少(?!职员|人|名|位|员工|同事)|为多少|多少钱)"
    # "沙姆沙伊赫天气怎么样"; not "应如何调整" (a modal before the question word: a verb asked)
    r"|(?P<bare>[\u4e00-\u9fff](?![应该要能会将需可都也还又就才得])[\u4e00-\u9fff])"
    r"(?:怎么样|怎样|好不好|如何|好吗)"
    # "酒店怎么订", "机票如何报销": how to book or claim something
    r"|(?P<booked>[\u4e00-\u9fff]{2})(?:怎么|如何|怎样)(?:订|预订|预定|买|报销)"
    # "P4预苏是多少": right after a line's code, without 的 (not the verb of getting money:
    # "P5/E6/E7分了多少钱")
    r"|(?<=\b[pe]\d)(?!(?:被)?(?:分到|分得|分配到|拿到|拿了|领到|获得|得到|分了)(?:的)?多少钱)"
    r"(?P<coded>[\u4e00-\u9fff]{2,4}?)(?:是多少|有多少|为多少|是什么|多少钱)"
    # "日内瓦的天气", "P2的预算": a message that only names something's attribute
    r"|^(?![^？?]*(?:如何|怎么|怎样|什么|多少|哪|吗|谁|几|好不好))"
    r"[^，,。？?的]{2,20}的(?P<tail>[\u4e00-\u9fff]{2,4})[？?。！!]?$"
)


# A person's pay: never a budget line's amount ("P4职级的工资" is the pay of grade P4).
_PAY = re.compile(
    r"\b(?:salary|salaries|wages?|pay ?scales?|paychecks?|payslips?|remuneration)\b"
    r"|\bearns?\b(?! (?:a |an |the |their |its )?(?:certificate|badge|diploma|degree))"
    r"|工资|薪资|薪水|薪酬|月薪|年薪|薪金"
)


def read_pay_word(text: str) -> str | None:
    """The word of a person's pay a question asks about, if any (text normalised)."""
    match = _PAY.search(text)
    return match.group() if match else None


# Words in that place that only say what form the answer takes ("the name of", "what chunk
# of the money", "the gist of"), not what it is about.
_ANSWER_FORM_WORDS = frozenset(
    "name names title chunk slice piece portion bit part parts amount number figure figures "
    "value size share percentage proportion status state deal story gist point idea total sum "
    "breakdown split rest remainder kind type sort list details detail latest news word "
    # aspects the documents answer in words of their own ("the composition of the task force":
    # "three Bureaux and the General Secretariat")
    "composition makeup membership structure outcome outcomes result results effect effects "
    "impact purpose aim aims goal goals scope focus content contents background context "
    "progress performance situation overview summary role roles mandate"
    " 名字 名称 情况 状况 比例 部分 总数 详情 效果 前景 成效 结果 影响 目的 进展 构成 组成 作用"
    " 表现 内容 背景 标题 题目 全称 全名 意思 定义 含义 日期 时间 地点 数量 金额 人数 规模"
    " 原因 理由 方式 方法 步骤 要点 重点 成员 目标 任务 职责 主题 议题 特点 优势"
    " 数值 数字 数额 数目 天数 次数 个数 年数".split()
)


def read_asked_thing(text: str) -> str | None:
    """The thing a question asks whether it is needed or provided ("visa" in "do I need a
    visa to attend GSR-23", "lunch" in "is lunch provided at the retreat"; text normalised)."""
    match = _EN_ASKED_THING.search(text)
    if match is None:
        return None
    return match["attr"] or match["thing"]


def read_asked_doing(text: str) -> str | None:
    """What a Chinese question asks whether it can be done ("补发" in "证书弄丢了，可以补发吗";
    text normalised)."""
    match = _ZH_ASKED_DOING.search(text)
    return match["doing"] if match else None


# A name of two or more capitalised words ("the United Nations", "the Kigali Action Plan"),
# with "of", "for", "and", "on" or "the" between them.
_NAME = re.compile(  # (Latin boundaries: "和VaMoz Digital合计" holds a name too)
    r"(?<![A-Za-z0-9])[A-Z][a-z][A-Za-z]*(?:[ -](?:(?:of|for|and|on|the) )*[A-Z][a-z][A-Za-z]*)+"
    r"(?![A-Za-z0-9])"
)
# Capitalised words that open a sentence rather than a name ("Could", "Tell", "Hi").
_MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENTENCE_OPENERS = frozenset(
    "hi hello hey dear tell please thanks thank sorry quick question okay ok so and but also "
    "just now then well yes no after before since during".split()
)


def read_names(text: str) -> list[list[str]]:
    """The names of two or more capitalised words a question uses, each as its capitalised
    words, lower-cased ("What is the budget of the United Nations?": united, nations); words
    that open a sentence are not part of one ("Could Microsoft …")."""
    names: list[list[str]] = []
    for match in _NAME.finditer(text):
        words = [w for w in re.split(r"[ -]", match.group()) if w[:1].isupper()]
        while words and (words[0].lower() in EN_STOPWORDS or words[0].lower() in _SENTENCE_OPENERS):
            words.pop(0)
        if len(words) >= 2 and not any(w.lower() in _MONTH_WORDS for w in words):
            names.append([w.lower() for w in words])
    return names


def read_asked_attribute(text: str) -> str | None:
    """The attribute a question asks of something ("weather" in "what's the weather in
    Geneva", 天气 in "日内瓦的天气如何"; "visa" in "do I need a visa to attend …"), if it asks
    one in those forms (text normalised) and it is no word of the answer's form ("the name
    of")."""
    thing = read_asked_thing(text)
    if thing is not None:
        return thing
    match = _EN_ASKED_ATTRIBUTE.search(text) or _ZH_ASKED_ATTRIBUTE.search(text)
    if match is None:
        return None
    groups = match.groupdict()
    attribute = (
        groups.get("attr")
        or groups.get("attr2")
        or groups.get("attr3")
        or groups.get("bare")
        or groups.get("booked")
        or groups.get("coded")
        or groups.get("tail")
        or ""
    )
    head = attribute.split()[-1] if not is_chinese(attribute) else attribute
    if head in _ANSWER_FORM_WORDS or attribute.split()[0] in _ANSWER_FORM_WORDS:
        return None
    if is_chinese(attribute) and any(attribute.endswith(w) for w in _ANSWER_FORM_WORDS):
        return None  # "英文全称": the full name, a form of the answer
    return attribute


_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday "
    # ("in Feb", "Sept–Nov"): abbreviated, dates still
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat "
    "sun".split()
)
# A Latin word, accented letters included ("Türkiye" is one name, not "T" and "rkiye").
_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'’\-]*")


# Characters that write foreign names in Chinese (肯尼亚, 塞拉利昂, 日内瓦, 布宜诺斯艾利斯): a run
# of three or more of them in a question is a name, as a capitalised word is in English.
_TRANSLITERATION = frozenset(
    "阿埃艾爱昂奥巴拜班邦保鲍贝比彼毕宾波伯博布采查达戴丹道德登迪蒂丁东杜顿俄厄恩尔法范菲费芬丰冯"
    "弗伏福富盖甘冈戈哥格根贡古圭哈海汉豪赫亨胡霍基吉加贾杰捷金喀卡凯坎康考科克肯孔库夸奎昆拉莱兰"
    "朗劳勒雷黎里利莉列林琳卢鲁伦罗洛吕马迈麦曼毛梅美蒙孟米密摩莫墨姆穆纳娜奈南瑙内尼涅宁纽努诺欧"
    "帕潘庞佩彭皮普奇齐恰乔切琴丘日萨塞赛桑瑟森沙莎舍斯松苏索塔泰坦汤唐特滕图托瓦旺威韦维温沃乌伍"
    "西希锡夏谢辛休叙雅亚扬耶伊尤扎泽詹哲兹佐牙宜"
)
TRANSLITERATION_MIN_CHARACTERS = 3
_REGION_WORDS = re.compile(
    r"东南亚|东亚|西亚|南亚|中亚|亚太|亚洲|阿拉伯|拉美|拉丁美洲|北美|南美|中东"
)


def list_transliterated_names(normalized: str) -> list[str]:
    """The runs of a Chinese question written in the characters of foreign names, three or
    more long ("Giga在肯尼亚连通了多少所学校": 肯尼亚)."""
    names: list[str] = []
    run = ""
    # (a region is no name a record must hold: "东南亚的女性记者培训", the Asia-Pacific's)
    for character in _REGION_WORDS.sub(" ", normalized) + " ":
        if character in _TRANSLITERATION:
            run += character
            continue
        if len(run) >= TRANSLITERATION_MIN_CHARACTERS:
            names.append(run)
        run = ""
    return names


def list_named_words(text: str) -> set[str]:
    """The question's words written as names, as index tokens. In a Chinese question every
    Latin word is a name; in an English one, a word with a capital (not the first word) or a
    digit. A record that answers the question holds the names it asks about."""
    chinese = is_chinese(text)
    named: set[str] = set()
    # The first word of each sentence is capitalised anyway.
    starts = {0} | {m.end() for m in re.finditer(r"[.?!:;]\s+|[\"“(]", text)}
    for match in _LATIN_WORD.finditer(text):
        word = match.group()
        if _YEAR.fullmatch(word) or word.lower() in _CALENDAR_WORDS:
            continue  # "January", "Monday": capitalised, but dates, not names
        capital = any(ch.isupper() for ch in word[1:]) or (
            word[0].isupper() and match.start() not in starts
        )
        if chinese or capital or any(ch.isdigit() for ch in word):
            tokens = latin_tokens(normalize(word))
            # "ITU-wide" names ITU; "wide" only scopes it
            named.update(t for n, t in enumerate(tokens) if not (n and t in SCOPE_SUFFIXES))
    return named


# A stated percentage change of one amount: "if E5 were cut by 10%", "增加10%", "a 5% rise"
STATED_CHANGE = re.compile(
    r"\b(?P<dir>cut|cuts|reduced?|reducing|decreased?|decreasing|lowered|dropped|trimmed"
    r"|slashed|increased?|increasing|raised?|grew|grow|grown|boosted|rose)\b[^%\d]{0,20}?"
    r"(?P<p>\d{1,2}(?:\.\d{1,2})?)\s*(?:%|percent\b)"
    r"|(?P<p2>\d{1,2}(?:\.\d{1,2})?)\s*(?:%|percent)\s+(?P<dir2>cut|reduction|decrease|drop"
    r"|increase|rise|raise)\b"
    r"|(?P<zdir>减少|削减|降低|缩减|下调|砍掉|减掉|增加|提高|上调|增长|追加)了?\s*"
    r"(?P<zp>\d{1,2}(?:\.\d{1,2})?)\s*%"
    # "if P4 got 20% more", "10% less", "如果P4多20%" (not "P3比P2多20%吗", a comparison)
    r"|(?P<p3>\d{1,2}(?:\.\d{1,2})?)\s*(?:%|percent)\s+(?P<dir3>more|less|higher|lower"
    r"|bigger|smaller|larger|extra)\b"
    r"|(?:如果|假如|假设|若|要是)[^，。？?]{0,12}?(?P<zdir2>多|少)\s*(?P<zp2>\d{1,2}(?:\.\d{1,2})?)\s*%"
    # "if E3's budget were halved", "减半": a cut of 50%
    r"|\b(?P<half>halved|halving|cut in half|cut by (?:a |one )?half)\b"
    # (not "砍掉一半的一半", half of a half)
    r"|(?P<zhalf>减半|砍半|(?:减少|削减|砍掉|砍去|砍|减掉|减去|缩减|削掉)了?一半(?!的))"
    # "if E1's budget doubled", "翻倍": a rise of 100%
    r"|\b(?P<dir4>doubled?|doubling|twice(?= as much\b| that\b| the\b))\b(?P<p4>)"
    r"|(?P<zdir3>翻倍|翻一番|翻一倍|加倍|增加一倍"
    r"|两倍(?=是多少|为多少|有多少|会是多少))(?P<zp3>)"
    # "triple P4's budget", "three times E2's", "P4的三倍是多少": a rise of (n − 1) × 100%
    r"|\b(?P<mult>tripled?|trebled?|quadrupled?|(?:three|four|five|ten|\d{1,2}) times)\b"
    r"(?! (?:as|more|larger|bigger|higher|greater|less|smaller)\b)"
    r"|(?P<zmult>[三四五六七八九十]|\d{1,2})倍(?=是多少|为多少|有多少|会是多少)"
    # "if P3's budget were cut by a quarter", "削减四分之一": a fraction of it
    r"|\b(?P<dir6>cut|reduced?|decreased?|lowered|trimmed|slashed|increased?|raised?|grew"
    r"|boosted)\s+by\s+(?:a|one)[\s-](?P<frac>quarter|third|fifth|tenth)\b"
    r"|(?P<zdir4>减少|削减|降低|缩减|下调|砍掉|砍去|砍|减掉|减去|增加|提高|上调|增长|追加)了?\s*"
    r"(?P<zfrac>四分之一|三分之一|五分之一|十分之一)"
    # "if 10% of P2's budget were cut, how much is left"
    r"|(?P<p5>\d{1,2}(?:\.\d{1,2})?)\s*(?:%|percent) of [^?%]{0,40}?\b(?:were|was|is|are|gets?|got"
    r"|has been|had been|will be|would be) (?P<dir5>cut|reduced|removed|slashed|trimmed|lost"
    r"|increased|raised|added)\b"
)

# "P5的预算相当于P1预算的百分之几", "what percentage of P1's budget is P5's", "P5 as a share
# of P1": one amount as a percentage of another line (not of the total, which every budget
# answer gives).
# (the whole, however qualified: "the approved OP-23 budget", "the final 2023 total")
_NOT_THE_WHOLE = (
    r"(?!(?:the |its )?(?:(?:approved|final|preliminary|planned|proposed|annual|current"
    r"|\d{4}) )*(?:total|overall|entire|whole|itu-d|op-23|bdt|budget)\b)"
)
RELATIVE = re.compile(
    r"(?:相当于|是|占)(?![^，。？?]{0,4}(?:总|整体|全部|op-23|itu-d|bdt|电信发展局))"
    r"[^，。？?]{1,30}?的(?:百分之几|百分之多少|几成|多少%)"
    r"|\bas an? (?:percentage|percent|share|proportion|fraction) of "
    + _NOT_THE_WHOLE
    + r"|\bis what (?:percentage|percent|share|proportion|fraction) of "
    + _NOT_THE_WHOLE
    + r"|\bwhat (?:percentage|percent|share|proportion|fraction) of "
    + _NOT_THE_WHOLE
    + r"[a-z0-9\-'’ ]{1,40}?\b(?:is|are|does|do|goes|go|gets|get|receives?|went|got)\b"
)

# Two amounts compared by how many times one is the other, or by how many percent one is
# more than the other: "by what factor does P3 exceed P1", "how many-fold", "what multiple of",
# "is P3 more than double P1", "by what percentage is P3 larger than P1" (not "percentage
# points", which compares shares), "P3比P1多百分之几".
RATIO_COMPARED = re.compile(
    r"\bwhat factor\b|\bfactor (?:of|by which)\b|\b(?:how many|what)[- ]?fold\b"
    r"|\bwhat multiple\b|\b(?:more|less) than (?:double|twice|triple|thrice)\b"
    r"|\b(?:twice|double|triple|thrice) (?:as (?:much|big|large|high)|what)\b"
    r"|\bin relative terms\b"
    # "Is the P4 budget three times the E4 budget?": a yes or no on two figures
    r"|^(?:is|are|was|were|does|do|did)\b[^?]{0,60}\b(?:three|four|five|ten|\d{1,2}) times\b"
    r"(?! (?:as|more|larger|bigger|higher|greater|less|smaller)\b)[^?]{0,20}\b(?:p|e)\d"
    r"|\b(?:by )?(?:what|how many|how much) (?:percentage|percent(?!age)|%)(?!\s*points?\b)"
    r"[^?]{0,60}?\b(?:more|larger|bigger|higher|greater|less|smaller|lower|fewer)\b[^?]{0,60}?"
    r"\b(?:than|vs|versus|compared (?:to|with))\b"
    r"|\b(?:how many|what) ?x (?:bigger|larger|more|greater|higher)\b"
    r"|比[^，。？?]{1,30}?(?:多|高|少|低)(?:出|了)?(?:百分之几|百分之多少|多少百分比|几成|多少%)"
    # "P3的预算是不是P1的两倍以上", "P2的预算超过P4的两倍吗": two figures compared
    r"|的[两二三]倍(?:以上|以下|多|还多|吗|？|\?)"
)

# Computations a question may ask for, and the operations of a computed answer that do not
# give them (a sum does not say how many times bigger; an answer that only lists figures has
# no operation): an answer with any other operation does.
RATIO = "ratio"
# One line as a percentage of another (RELATIVE).
RELATIVE_TO = "relative"
AVERAGE = "average"
DIFFERENCE = "difference"
CHANGE = "change"
REMAINDER = "remainder"
# A part of a line left out of it: "P3 without the statistics theme", "P4, not the
# cybersecurity part", "how much of P3 is not for statistics".
PART_LEFT_OUT = re.compile(
    r"(?:\b(?:without|not|minus) (?:the |its |counting )?|\bless (?:the|its) )(?:[a-z\-]+ ){1,4}"
    r"(?:theme|part|bit|piece|sub-area|component|portion|work|side)\b"
    r"|\b(?:is|are|goes|go) not (?:for|on|to)\b"
    # a line's code, then what is left out of it: "P3's budget without capacity development",
    # "P1, not counting emergency telecommunications", "P3不包括统计数据"
    r"|\b[pe]\d\b[^?？]{0,40}?\b(?:without|not counting|minus|excluding)\b"
    r"|[pe]\d[^?？]{0,20}?(?:不包括|不包含|不含|不算|减去|減去|扣除)"
)
# Half of something in Chinese: not "多于一半", "一半以上" (more than half is no half of it).
ZH_HALF = (
    r"(?<!多于)(?<!多於)(?<!少于)(?<!少於)(?<!超过)(?<!超過)(?<!将近)(?<!將近)"
    r"一半(?!以上|多|略多|稍多|左右|出头)"
)
# A part or a multiple of a figure ("half of", "P3的三倍减去P1", "VaMoz Digital的一半"):
# computed, or not answered with the figure whole.
SCALED = "scaled"
# An amount in another currency: the documents give no exchange rate, so never computed.
CONVERT = "convert"
_MINUS_LINES = re.compile(
    r"^(?:[^:：]{0,30}[:：]\s*)?(?:(?:what|how much)(?:'s| is)\s+)?(?:the\s+)?"
    r"[pe]\d(?:'s)?(?: budget)?\s*(?:minus|减去)\s*(?:the\s+)?[pe]\d(?:'s)?(?: budget)?"
    r"(?:,?\s*in chf)?"
    r"\s*(?:是多少|等于多少|是几多)?\s*[?？]?\s*$"
)
# (not a ratio, share or multiple of that difference: "(E3 minus E5) divided by E5", "what
# percent is P3 minus P2 of P3", "P2 minus P1 times 2")
_MORE_THAN_A_DIFFERENCE = re.compile(
    r"/|divided|ratio|percent|%|share|times|multipl|乘|×|\*|除|百分|倍|比例|占"
)
_OPERATIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        CONVERT,
        re.compile(
            r"\bin (?:usd|us dollars?|dollars?|euros?|eur|gbp|pounds?|yen|rmb|yuan|renminbi)\b"
            r"|(?:换算成|折合|合|等于多少)(?:美元|欧元|人民币|英镑|日元)|多少(?:美元|欧元|人民币|英镑)"
        ),
    ),
    (RATIO, RATIO_COMPARED),  # before CHANGE: "more than double P1" is no doubling
    (CHANGE, STATED_CHANGE),
    # one line less another ("E3 minus E5", "P2减去P1"): their difference, not a part of the
    # first left out of it
    (DIFFERENCE, _MINUS_LINES),
    (
        REMAINDER,
        re.compile(
            r"\bnot (?:allocated|assigned|going|given|spent|earmarked) (?:to|on|for)\b"
            r"|\b(?:other than|apart from|except|excluding)\b|除了?\S{1,30}(?:以外|之外)"
            r"|扣掉|扣除|还剩|去掉|刨去|刨除|除去|减掉"
            r"|\b(?:leave|leaving|take|taking) out\b|\beverything else\b"
            r"|\b(?:strip|stripping|stripped)\b[^?.;]{0,40}?\b(?:out|off)\b"
            r"|" + PART_LEFT_OUT.pattern
        ),
    ),
    (
        RATIO,
        re.compile(
            r"\bhow many times\b(?! (?:did|does|do|has|have|had|was|were|is|are|will|would)\b)"
            r"|\btimes (?:bigger|larger|greater|higher|more|smaller|as)\b"
            r"|\bratio\b|几倍|多少倍|倍数"
        ),
    ),
    (
        SCALED,
        re.compile(
            # (not a fraction compared with: "is it true that more than half of the budget
            # goes to global outputs")
            r"(?<!than )(?<!than a )(?<!over )(?<!over a )(?<!under )(?<!nearly )(?<!almost )"
            r"(?<!least )(?<!least a )(?<!about )(?<!roughly )"
            r"(?:\bhalf of\b|\b(?:a|one|two) (?:third|quarter)s? of\b)"
            r"|(?<![几多少])[两二三四五六七八九十\d]倍(?!数)"
            r"|" + ZH_HALF + r"|[二三四五十]分之[一二两三四]"
        ),
    ),
    (RELATIVE_TO, RELATIVE),
    (
        AVERAGE,
        re.compile(
            r"\baverage\b|\bthe mean\b|\bmean (?:budget|amount|value|number)\b"
            r"|\bper (?:kpi|theme|priority|enabler|output|outcome)\b|平均|均值"
        ),
    ),
    (
        DIFFERENCE,
        re.compile(
            r"\bexceeds?\b|\bby how (?:much|many)\b|\bhow much (?:more|less|bigger|higher|lower)\b"
            r"|\bhow many (?:more|fewer|less)\b"
            r"|多多少|少多少|高出多少|相差多少|差多少|超出多少|超过多少"
            r"|(?:多|少|增加|增长|减少|提高|下降)了多少" + "|" + ZH_COMPARED.pattern
        ),
    ),
)
# Operations only their own computation gives.
_ONLY_GIVEN_BY = frozenset({CHANGE, REMAINDER, CONVERT})
_NOT_GIVING: dict[str, frozenset[str]] = {
    RATIO: frozenset({"", "sum", "difference", "max", "min", "rank"}),
    RELATIVE_TO: frozenset({"", "sum", "difference", "max", "min", "rank", "ratio"}),
    AVERAGE: frozenset({"", "sum", "difference", "max", "min", "rank"}),
    DIFFERENCE: frozenset({"", "sum", "max", "min", "rank"}),
    SCALED: frozenset({"", "sum", "difference", "max", "min", "rank", "average"}),
}


# A kind of cost asked of a budget ("P2's travel budget", "E2的差旅预算", "how much is spent
# on consultants"): the documents give each line's budget whole, never broken down so.
_EN_COST_KINDS = (
    r"travel|travelling|traveling|trips?|flights?|missions? travel|salar(?:y|ies)|payroll"
    r"|staff costs?|personnel|consultan(?:cy|ts?)|consulting|contractors?|equipment|hardware"
    r"|software licen[cs]es?|rent|office space|hospitality|catering|printing|translation"
    r"|interpretation|overheads?|administrative|admin|marketing|advertising|per diems?|dsa"
    r"|subsistence|accommodation|hotels?|transport(?:ation)?|supplies|vehicles?|insurance"
    r"|utilities"
)
_ZH_COST_KINDS = (
    r"差旅|出差|旅费|机票|人员费|人事费|人力成本|薪资|薪金|工资|顾问费|咨询费|外包|设备|硬件"
    r"|软件许可|租金|房租|办公场地|招待|餐饮|印刷|翻译|口译|笔译|行政|宣传|广告|顾问|咨询|会议"
    r"|办公用品|交通|住宿|补贴|津贴|保险"
)
_COST_KIND = re.compile(
    rf"\b(?P<en>{_EN_COST_KINDS})\s+(?:budget|costs?|expenses?|expenditure|spending|allocation"
    r"|money|funds?|funding)\b"
    r"|\b(?:budget|money|funds?|funding|spend|spends|spending|spent|allocated|allocation"
    r"|set aside|goes|go)\s+(?:is\s+)?(?:for|on)"
    rf"\s+(?:the\s+)?(?:(?:staff|mission|international|official|its|their)\s+)?(?P<en2>{_EN_COST_KINDS})\b"
    rf"|(?P<zh>{_ZH_COST_KINDS})(?:采购|方面|上|这块|那块|部分)?的?(?:预算|经费|费用?|开支|支出|拨款)"
)


# A part of a budget asked for: "P3的111.1万瑞郎里，分给美洲区域的是多少", "E2那28万里，非洲区
# 域代表处分到多少", "how much of P3's budget goes to the Americas region" — (the whole, the part).
_PART_ASKED = (
    re.compile(
        r"^(?P<whole>.+?)(?:里面|里头|里边|里|中|当中|之中)[，,]?\s*(?:有多少|多少)?(?:是)?"
        r"(?:分给|分到|给了?|用于|用在|拨给|划给|专门给|专门用于|专门用在|花在)"
        r"(?P<part>[^，,。？?]{2,14}?)(?:上的|方面的|的)?(?:是|有|为)?(?:多少|几多)"
    ),
    re.compile(
        r"^(?P<whole>.+?)(?:里面|里头|里边|里|中|当中|之中)[，,]?\s*"
        r"(?P<part>[^，,。？?]{2,14}?)(?:分到|拿到|占到|得到)了?(?:多少|几多)"
    ),
    re.compile(
        r"\bhow much of (?P<whole>.+?) (?:goes|went|is going|is allocated|was allocated"
        r"|is earmarked|is set aside|is spent|is used|is for|is given) (?:to|on|for)"
        r" (?P<part>[^?.,;]+?)\s*[?.]*$"
    ),
)


def read_part_asked(text: str) -> tuple[str, str] | None:
    """The whole and the part when a question asks for a part of a budget (normalised)."""
    for pattern in _PART_ASKED:
        match = pattern.search(text)
        if match is not None:
            return match["whole"].strip(" ,，"), match["part"].strip()
    return None


_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_MONTH_NAME = "|".join(_MONTH_NAMES)
_CAPITAL_MONTH = "|".join(m.capitalize() for m in _MONTH_NAMES)
# A month a question places what it asks in: "in June 2023", "during March", "6月的", "2023年6
# 月"; not a span ("1至3月", "January to March": a period, judged by the search), not a time up
# to which something is counted ("by June", "as of May", "到2023年5月", "截至5月"), nor the
# verb "may" ("in May" or "May 2023" only).
_ASKED_MONTH = re.compile(
    rf"(?<!as of )\b(?:in|during|for|on) (?:early |mid-?|late )?(?P<en>{_MONTH_NAME})\b"
    rf"(?! (?:to|through|until|till|and) )"
    rf"|(?<!by )(?<!of )(?<!until )\b(?P<en2>{_MONTH_NAME})(?:,)? (?:19|20)\d\d\b"
    r"|(?<![\d至到\-–~])(?<!到)(?<!截至)(?<!截止)(?<!截止到)(?<!年)(?P<zh>1[0-2]|[1-9])月"
    r"(?!\s*(?:[至到\-–~]|份?至|份?到))"
    r"|(?<!到)(?<!截至)(?<!截止)(?:19|20)\d\d年(?P<zh2>1[0-2]|[1-9])月(?!\s*(?:[至到\-–~]|份?至|份?到))"
)
# Months a record's text speaks of: English names as written (capitalised: "may" is a verb),
# Chinese "N月".
_TEXT_MONTH = re.compile(rf"\b(?:{_CAPITAL_MONTH})\b|(?<!\d)(?:1[0-2]|[1-9])月")
_MONTH_SPAN = re.compile(
    rf"\b(?P<a>{_CAPITAL_MONTH})\b(?: (?:19|20)\d\d)?\s*(?:to|through|until|till|-|–)\s*"
    rf"(?P<b>{_CAPITAL_MONTH})\b"
    r"|(?<!\d)(?P<za>1[0-2]|[1-9])月?\s*(?:至|到|-|–|~)\s*(?:(?:19|20)\d\d年)?(?P<zb>1[0-2]|[1-9])月"
)
# A day, or a span of days, of a month: "5 June", "5 to 8 June", "5–8 June", "June 5",
# "6月5日", "6月5至8日", "5月22日至23日".
_DAYS = re.compile(
    rf"(?<![\d.])(?P<d1>[12]?\d|3[01])(?:\s*(?:to|–|-|and)\s*(?P<d2>[12]?\d|3[01]))?"
    rf" (?P<m>{_MONTH_NAME})\b"
    rf"|\b(?P<m2>{_MONTH_NAME}) (?P<d3>[12]?\d|3[01])(?![\d:])"
    r"|(?<![\d\-–~])(?P<zm>1[0-2]|[1-9])月(?P<zd1>[12]?\d|3[01])[日号]?"
    r"(?:\s*(?:至|到|-|–|~)\s*(?P<zd2>[12]?\d|3[01])[日号])?",
    re.IGNORECASE,
)


def _month_number(word: str) -> int:
    return int(word) if word.isdigit() else _MONTH_NAMES.index(word.lower()) + 1


def read_days(text: str) -> set[tuple[int, int]]:
    """The days a text names, as (month, day), spans filled in."""
    days: set[tuple[int, int]] = set()
    for m in _DAYS.finditer(text):
        if m["m"] == "may" or m["m2"] == "may":
            continue  # ("may" as a verb, in a question written in lower case)
        month = _month_number(m["m"] or m["m2"] or m["zm"])
        first = int(m["d1"] or m["d3"] or m["zd1"])
        last = int(m["d2"] or m["zd2"] or first)
        if m["zm"] and not m["zd2"] and not re.match(r"\d+月\d+[日号]", m.group()):
            continue  # "6月5" without 日: no day named
        days.update((month, d) for d in range(first, max(first, last) + 1))
    return days


# A question of the exact day: "which day", "the exact date", "具体是哪一天", "几月几号" (not "what
# date", often asked of a month; not "day-to-day").
_ASKS_FOR_A_DAY = re.compile(
    r"\b(?:which|what) day\b(?!-)|\bon what day\b"
    r"|\b(?:exact|precise|specific|actual) (?:days?|dates?)\b|\b(?:which|what) dates\b"
    # (in Chinese, only a day asked as such: a plain 哪天 asks when, 几号 may be a number)
    r"|几月几[号日]|具体(?:是)?(?:在)?(?:哪一?天|什么日子|日期|几号)|哪个日子"
)


def asks_for_a_day(normalized: str) -> bool:
    """Whether a question asks the exact day something happened."""
    return _ASKS_FOR_A_DAY.search(normalized) is not None


# A time of day asked: "what time does it open", "office hours", "几点到几点", "办公时间"; and a
# time of day written ("9:30", "10 am", "下午3点").
_ASKS_FOR_AN_HOUR = re.compile(
    r"\b(?:at )?what time\b|\b(?:office|opening|working|business|visiting) hours\b"
    r"|几点|办公时间|营业时间|上班时间|开放时间"
)
_HOUR_GIVEN = re.compile(
    r"\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}\s?(?:点|時|时)(?!间)",
    re.IGNORECASE,
)


def asks_for_an_hour(normalized: str) -> bool:
    """Whether a question asks a time of day ("what time", "office hours", "几点")."""
    return _ASKS_FOR_AN_HOUR.search(normalized) is not None


def gives_an_hour(texts: Iterable[str]) -> bool:
    """Whether any of the texts writes a time of day."""
    return any(_HOUR_GIVEN.search(t) for t in texts)


_ANY_MONTH = re.compile(
    rf"\b(?:{_MONTH_NAME.replace('may|', '')})\b|\b(?:in|by|of|early|late|mid-?) may\b|may \d"
    r"|(?<!\d)(?:1[0-2]|[1-9])月"
)


# A month that dates something else the question tells of ("the LearningLabs launched in
# April", "1月启动的联盟", "2月推出的效率工具包"): not the month asked.
_TELLS_OF = re.compile(
    r"\b(?:launched|started|began|begun|opened|created|founded|established|introduced|signed"
    r"|won|awarded|adopted|set up) (?:in|on|during) (?:early |mid-?|late )?[a-z]+(?: \d{4})?"
    r"|(?:(?:19|20)\d\d年)?(?:1[0-2]|[1-9])月(?:份)?(?:初|底|中)?"
    r"(?:启动|推出|发起|获奖|成立|开始|开设|发布|签署|通过|上线|设立)的"
)


def read_asked_months(normalized: str) -> set[int]:
    """The months a question places what it asks in (1–12); none where it names months of
    more than one time ("the alliance we launched in January: how many applications by early
    April": which one the record must speak of is not told)."""
    normalized = _TELLS_OF.sub(" ", normalized)
    named = {
        _month_number(re.sub(r"\D", "", m.group()) or m.group().split()[-1])
        if "月" in m.group()
        else _month_number(re.findall(_MONTH_NAME, m.group())[0])
        for m in _ANY_MONTH.finditer(normalized)
    }
    if len(named) > 1:
        return set()
    return {
        _month_number(m["en"] or m["en2"] or m["zh"] or m["zh2"])
        for m in _ASKED_MONTH.finditer(normalized)
    }


def list_text_months(text: str) -> set[int] | None:
    """The months a text speaks of, spans filled in; None when it names none."""
    months = {_month_number(m.group().rstrip("月")) for m in _TEXT_MONTH.finditer(text)}
    if not months:
        return None
    for span in _MONTH_SPAN.finditer(text):
        first = _month_number(span["a"] or span["za"])
        last = _month_number(span["b"] or span["zb"])
        if first <= last:
            months.update(range(first, last + 1))
    return months


# Where a kind of cost only frames the question: negated ("不是差旅预算", "not the travel
# budget"), the asker's own ("my travel budget"), the whole budget asked as well ("if not,
# what's P1's whole budget"), or a share stated by the asker ("if travel is 10% of P1").
_COST_NOT_ASKED = re.compile(
    r"(?:不是|而不是|并非|不包括|不含|\bnot (?:the |a )?|\brather than (?:the )?"
    r"|\bother than (?:the )?|\bexcluding (?:the )?|\b(?:my|our|your) (?:own )?(?:mission )?)$"
)
_WHOLE_ASKED = re.compile(
    r"\b(?:whole|total|overall|entire) (?:[a-z0-9'\-]+ )?(?:budget|allocation)\b"
    r"|总预算|总额|整体预算|\d+(?:\.\d+)?\s*%|百分之|[一二两三四五六七八九]成"
)


# A price of doing something, or money someone gave: no line's budget answers it ("how much
# does it cost to join the alliance", "is there a membership fee", "how much did Microsoft
# contribute financially", "入会费多少", "华为赞助了多少钱").
_PRICE_ASKED = re.compile(
    r"\b(?:membership|registration|entry|joining|participation|application|tuition|enrol?ment"
    r"|enrollment|admission|subscription) (?:fees?|costs?|charges?|dues)\b"
    r"|\b(?:cost|charge|pay|fee)s? (?:(?:an? |the |each |per )?[a-z]+ )?(?:to|for) (?:join|joining"
    r"|register|registering|attend|attending|apply|applying|enrol|enroll|participate|become)\b"
    # (not what a line adds to the total: "how much does P4 contribute to the total")
    r"|\bhow much (?:did|does|do|has|have|will|would) (?![pe]\d)[^?]{1,40}?\b(?:contribut\w*"
    r"|donat\w*|sponsor\w*|give|gave|fund|funded|chip in)\b"
    r"(?! (?:to|of|towards?) (?:the )?(?:total|overall|whole|budget|op-23))"
    r"|会费|入会费|报名费|注册费|参会费|学费|申请费"
    r"|(?:加入|参加|报名|注册|申请|入会)[^?？，,]{0,12}(?:要|需要|得)?(?:交|付|花)?(?:多少钱|收费|费用)"
    r"|(?:捐|赞助|出资|资助|捐助|捐赠)了?(?:多少|几多)"
)
# What one event cost: "给女记者办的网络安全培训花了多少钱", "how much did the training cost" (not
# a line's activities, "E3的活动花了多少钱", nor a line's training, "the P4 capacity development
# training": its budget).
_EVENT_COST = re.compile(
    r"(?:培训|研讨会|讲习班|会议|论坛|演练|午餐会)[^?？，,]{0,6}?(?:花了|花费了?|用了)(?:多少|几多)钱"
    r"|\bhow much did (?:the |that |this )?(?:[a-z0-9-]+ ){0,4}?(?:training|workshop|event|forum"
    r"|session|drill|lunch|course|conference|meeting|seminar|webinar) cost\b"
)
_LINE_CODE = re.compile(r"(?<![a-z0-9])[pe]\d")


def asks_a_price(text: str) -> bool:
    """Whether a question (normalised) asks a price of doing something, or money someone
    gave, which no line's budget answers."""
    return _PRICE_ASKED.search(text) is not None or (
        _EVENT_COST.search(text) is not None and not _LINE_CODE.search(text)
    )


def read_cost_kind(text: str) -> str | None:
    """The kind of cost a budget question asks of, as written (normalised text)."""
    if _WHOLE_ASKED.search(text):
        return None
    for match in _COST_KIND.finditer(text):
        if _COST_NOT_ASKED.search(text[: match.start()]):
            continue
        if re.match(r"\s*(?:\w+\s+){0,2}[(（]\s*[pe]\d|\s+line\s+[pe]\d", text[match.end() :]):
            continue  # "the budget for personnel (E5)": the line, glossed
        return match["en"] or match["en2"] or match["zh"]
    return None


def read_operation(text: str) -> str | None:
    """The computation a question asks for, if one of those an answer must show (normalised)."""
    unquoted = _QUOTED.sub(" ", text)
    for operation, pattern in _OPERATIONS:
        if pattern is _MINUS_LINES and _MORE_THAN_A_DIFFERENCE.search(unquoted):
            continue
        if operation == REMAINDER and (_SUMMED.search(unquoted) or _AVERAGED.search(unquoted)):
            # "P1-P4 combined (excluding P5)", "E1至E5（不含P5/E6/E7）平均每项": a sum or an
            # average that leaves a line out
            continue
        if operation == REMAINDER and _RANKED.search(unquoted):
            continue  # "apart from P3, which has the highest budget": the others ranked
        if (
            operation == REMAINDER
            and _SHARE_OF_A_STATED_SHARE.search(unquoted)
            and not _LINE_CODE_NAMED.search(unquoted)
        ):
            # "if 54% goes to global outputs, what share is left": 100% less that share, in
            # the record that states it (no budget line taken out)
            continue
        if pattern.search(unquoted):
            return operation
    if _LINE_CODE_NAMED.search(unquoted) and _FRACTION_COMPARED.search(unquoted):
        return SCALED  # "Is P2 more than half of P3?": a part of a line's figure, compared
    return None


# A meeting that only places the question in time: "after WTDC-17", "WTDC-17之后".
_BEFORE_OR_AFTER = re.compile(r"\b(?:after|before|since|following|ahead of)\s+(?:the\s+)?$", re.I)
_ZH_BEFORE_OR_AFTER = re.compile(r"\s*(?:之后|之後|以后|以後|后|後|之前|以前|前)")
# A fraction compared with ("more than half of", "less than a third of").
_FRACTION_COMPARED = re.compile(
    r"\b(?:more|less|fewer|bigger|smaller|larger|greater|over|under) than (?:a |one )?"
    r"(?:half|third|quarter|fifth)s? of\b"
)
# A place in a ranking asked: "the highest", "second largest", "预算最高", "第二高".
_RANKED = re.compile(
    r"\b(?:highest|largest|biggest|most|least|lowest|smallest|fewest|second|third|top|rank"
    r"|ranked|ranking)\b|最(?:高|多|大|少|低|小)|第[二三四五2-5]|排名|排第"
)
# A budget line named by its code ("excluding P3 at 26.5%, what do the other lines get").
_LINE_CODE_NAMED = re.compile(r"(?<![a-z0-9])[pe]\d(?![0-9])", re.IGNORECASE)
# A share asked beside a share the question states: "if 54% goes to X, what share is left".
_SHARE_OF_A_STATED_SHARE = re.compile(
    r"\d\s*%.*\bwhat (?:share|percentage|proportion|percent|fraction)\b"
    r"|\bwhat (?:share|percentage|proportion|percent|fraction)\b.*\d\s*%"
    r"|\d\s*%.*(?:百分之几|百分之多少|多少比例|占多少)"
)
_SUMMED = re.compile(
    r"\bcombined\b|\btogether\b|\bin total\b|\btotal (?:[a-z]+ )?(?:of|for)\b|\bsum of\b"
    r"|\baltogether\b|\badd(?:ed)? up\b|合计|加起来|一共|总共|共计|总计|总和"
)
# An average asked: what it leaves out are lines left out of it, no remainder of the whole.
_AVERAGED = re.compile(r"\baverage\b|平均")


def names_a_multiple(text: str) -> bool:
    """Whether a stated change is a multiple ("three times", "tripled", "三倍是多少")."""
    change = STATED_CHANGE.search(text)
    return change is not None and bool(change["mult"] or change["zmult"])


def is_computed(operation: str | None, answer_operation: str) -> bool:
    """Whether an answer whose computation is `answer_operation` ("" for none) gives the
    computation asked for."""
    if operation in _ONLY_GIVEN_BY:
        return answer_operation == operation
    return operation is None or answer_operation not in _NOT_GIVING[operation]
