"""When the engine answers, suggests or declines, and how sure each kind of answer is.

Every threshold an answer decision is taken on, and every confidence an answer is given
without a search score behind it, is named here, so that tuning reads in one place. The
scoring parameters of the search itself (weights, typo similarities) stay with it in
`matching` and `intents`; the calibration tables stay in `calibration`.
"""

from __future__ import annotations

# -- the decision on a calibrated probability ---------------------------------------------
# Answer at or above this; between the two offer the candidates ("did you mean"); below,
# decline.
ANSWER_MIN_PROBABILITY = 0.6
SUGGEST_MIN_PROBABILITY = 0.1

# -- the decision on a search score (0–1) -------------------------------------------------
ANSWER_MIN_SCORE = 0.58
SUGGEST_MIN_SCORE = 0.30
# Two candidates within this margin of the best are treated as equally good (ambiguous).
TIE_MARGIN = 0.03
# A record this close behind the best found is preferred when only it holds the kind of answer
# asked (a person for "who", a date for "when").
SUPPLIED_MARGIN = 0.1
# … and this close when it gives as many items as the question states ("the three pillars").
LIST_SUPPLIED_MARGIN = 0.3
# How many of the records found next are read for what the question says of its named
# subject (what BCG's interviews were for, said in another record of BCG's).
SUBJECT_SIBLINGS_MAX = 3
# … when the subject is a name this rare (BCG; not BDT or ITU, held by every other record).
SUBJECT_NAME_MIN_WEIGHT = 4.0
# Two records count alike when they state the same numbers above any day of a month (years
# aside).
SAME_COUNT_MIN = 32
# Below this confidence a fact answer also lists what else came close.
RELATED_BELOW = 0.75

# -- which record may answer --------------------------------------------------------------
# With intent words, a structured answer whose targets explain at least this share of the
# question is given even when a fact scores higher.
STRUCTURED_FIRST_EXPLAINED = 0.5
# Without them, one whose targets explain this much of it: the question only names them.
NAMED_ONLY_EXPLAINED = 0.99
# A question with a word the knowledge has never seen ("annual leave") is answered from a
# fact only when the fact explains this much of it: that word may be what it is about.
UNKNOWN_WORD_MIN_COVERAGE = 0.7
# With one such word only, it is as often an everyday word the documents happen not to use
# ("what's the name of the first Smart Village", "just need to check when …").
ONE_UNKNOWN_WORD_MIN_COVERAGE = 0.5
# A question about a theme of a priority that explains less than this of it names a theme the
# reader did not recognise (a typo): it is offered the priority's themes.
THEME_GUESS_MAX_EXPLAINED = 0.5
# A risk is picked out by name when the search explains this much of the question.
RISK_MIN_COVERAGE = 0.5
# "Which priority has a KPI on …" is answered from the KPI whose text explains at least this
# much of the rest (Chinese bigrams such as 有关/关于 count against it).
KPI_OWNER_MIN_COVERAGE = 0.4
# ... unless the theme or priority it names explains this much of it: "数字创新生态系统主题有
# 哪些关键绩效指标" asks for that theme's KPIs, not for one KPI whose words share its name.
KPI_LIST_NAMED_EXPLAINED = 0.9
# A KPI asked of a line by its topic ("the P3 KPI on regulatory generations") must explain
# this much of the topic, the line's name set aside.
KPI_TOPIC_MIN_COVERAGE = 0.5
# Where several KPIs are asked for ("which KPIs deal with youth"), each whose text explains
# this much of the topic (a synonym's reading counted: "young people") is listed, beside those
# as close to the best as a tie.
KPI_TOPIC_COVERED = 0.8
# A part of a two-amount question must name its fact this clearly.
PART_MIN_COVERAGE = 0.6
# The facts a part of it may name, best first: the first that states an amount is taken.
PART_CANDIDATES = 3

# -- confidences ---------------------------------------------------------------------------
# Said for sure: the help text, the total budget asked for by name.
CERTAIN = 1.0
# A structured answer (budget, KPIs, risks) is as sure as the share of the question its
# targets explain; intent words ("budget", "KPIs") lift it to at least this floor.
INTENT_CONFIDENCE_FLOOR = 0.55
# A computation over budget lines the question names is as sure as the question reading,
# and at least this.
COMPUTED_FLOOR = 0.7
# The count of every KPI; the highest or lowest line asked with no other words.
WHOLE_STORE_CONFIDENCE = 0.95
# A count of every outcome or output.
RESULTS_TOTAL_CONFIDENCE = 0.9
# Every risk asked for with no other words; with other words that pick none out.
ALL_RISKS_CONFIDENCE = 0.9
SOME_RISKS_CONFIDENCE = 0.7
# A record found by search, a KPI or a risk by its text: this much plus its score.
SEARCH_HIT_BASE = 0.3
# The sum of two amounts named in two facts.
MONEY_SUM_CONFIDENCE = 0.75
# The record that defines a term; the same, asked with a near miss of its acronym.
DEFINED_CONFIDENCE = 0.9
DEFINED_TYPO_CONFIDENCE = 0.7
# A term's sentence that mentions it where no record defines it.
TERM_CONFIDENCE = 0.8
# A record that holds no answer of the kind asked for is declined at this confidence.
CANNOT_ANSWER_CONFIDENCE = 0.05
# Declines that had nothing to weigh (too long, an unknown code, a computation not possible).
NOTHING_FOUND = 0.0

# A budget question names another subject (a fact's, not a budget line's) when the best of
# these many records is a fact that holds this share of its words and no line named is as close.
OTHER_SUBJECT_HITS = 5
OTHER_SUBJECT_COVERAGE = 0.75
# … and that fact holds a word the lines' names lack weighing at least this (a name: "New
# Delhi", "Americas"; "centres", "initiative": "the Digital Transformation Centres
# Initiative" is no line; "plan" weighs less, and verbs such as "covers" are set aside).
OTHER_SUBJECT_MIN_WEIGHT = 0.4
# A budget line is named (not merely touched by a word: "multi-regional" for E2) when its
# name explains this share of the question's words.
LINE_NAMED_MIN_EXPLAINED = 0.25
# A record found by search must hold at least one word of what the question is about (not the
# kind of answer it asks for) at least this distinctive (idf over the highest idf): "ITU"
# (0.18) and "BDT" (0.29) are in nearly every record, "Academy" (0.46) is not.
SUBJECT_HELD_MIN_WEIGHT = 0.3

# "What is <term>" answered with a fact that only mentions the term: the best of this many
# facts found, covering at least this much of the question, that is about the term instead.
TERM_FACT_CANDIDATES = 5
TERM_FACT_MIN_COVERAGE = 0.6
# ... its title opening with the term: the term's words within its first words and this many
TITLE_OPENING_SLACK = 2
# A record found this close behind the best whose title the question says in full ("What are
# the BDT core values agreed at the 2018 retreat": "BDT core values") is the answer before one
# whose title it does not (an annex that lists core values among its focus areas).
TITLE_HELD_TIE = 0.05

# A record titled as the reason for something ("Benefits of a unified capacity development
# framework", "为何审查高级培训中心项目") answers "why" before the record of the thing itself,
# when it is found at least this share of the best's score and the question's words it lacks
# that the best holds weigh no more than REASON_MAY_LACK together (of the highest idf: a verb,
# "bring", not the subject's name).
REASON_SHARE = 0.7
REASON_MAY_LACK = 0.9
# How deep such a question is searched for the record of the reason.
REASON_DEPTH = 20
