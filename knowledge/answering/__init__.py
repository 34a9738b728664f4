"""Answering questions: the read model, text, matching, understanding, figures and the engine."""

from knowledge.answering.answer import Answer, AnswerKind, SourceRef
from knowledge.answering.engine import AnswerEngine
from knowledge.answering.engine_cache import EngineCache
from knowledge.answering.figures import (
    get_budget_figure,
    get_complete_year,
    get_latest_year,
    to_percentage,
)
from knowledge.answering.followups import TurnContext, answer_in_context
from knowledge.answering.knowledge_cache import KnowledgeCache
from knowledge.answering.service import AnswerService
from knowledge.answering.snapshot import Knowledge, load_knowledge
from knowledge.answering.text import (
    HANT,
    detect_lang,
    detect_script,
    is_chinese,
    normalize,
    to_script,
)

__all__ = [
    "HANT",
    "Answer",
    "AnswerEngine",
    "AnswerKind",
    "AnswerService",
    "EngineCache",
    "Knowledge",
    "KnowledgeCache",
    "SourceRef",
    "TurnContext",
    "answer_in_context",
    "detect_lang",
    "detect_script",
    "get_budget_figure",
    "get_complete_year",
    "get_latest_year",
    "is_chinese",
    "load_knowledge",
    "normalize",
    "to_percentage",
    "to_script",
]
