"""Which chat model answers: the offline planner, or an OpenAI-compatible model from the environment.

Both are LangChain chat models driving the same agent graph, so every mode shares one code path.
The network model gets a few retries on transient failures (429, 5xx, time-outs, dropped
connections); after that the question falls back to the offline planner (see agent/graph.py).
"""

from __future__ import annotations

import os
import sys

OFFLINE = "offline"
DEFAULT_RETRIES = 2          # extra attempts after a transient failure ($PERSONA_LLM_RETRIES)
MAX_RETRY_DELAY_S = 4.0      # a server asking us to wait longer than this gets the fallback instead


def choose_model(offline: bool = False):
    """The chat model for the agent.

    Args:
        offline: Use the offline planner even when a model is configured (``--offline``).

    Returns:
        The offline planner when ``offline`` or no model is configured (neither ``OPENAI_API_KEY``
        nor ``OPENAI_BASE_URL``), else a ChatOpenAI built by ``tools.llm.chat_model_from_env()``.
    """
    if not offline:
        from tools.llm import chat_model_from_env

        model = chat_model_from_env()
        if model is not None:
            return model
    return offline_planner()


def offline_planner():
    """A fresh offline planner (deterministic, no network)."""
    from agent.planner.model import OfflinePlanner

    return OfflinePlanner()


def is_offline(model) -> bool:
    """True for the offline planner. (A model can only be one if the planner module was loaded.)"""
    planner = sys.modules.get("agent.planner.model")
    return planner is not None and isinstance(model, planner.OfflinePlanner)


def network_model(model):
    """``model`` when it is an OpenAI-compatible network model (tools may use it to write text), else None."""
    openai_models = sys.modules.get("langchain_openai")
    return model if openai_models is not None and isinstance(model, openai_models.ChatOpenAI) else None


def mode_name(model) -> str:
    """'offline' for the planner, else the model's name (the `mode` of `persona ask --json`)."""
    if is_offline(model):
        return OFFLINE
    from tools.llm import model_name

    return model_name(model)


def retries_from_env() -> int:
    """How many times a transient model failure is retried ($PERSONA_LLM_RETRIES, default 2)."""
    try:
        return max(0, int(os.environ.get("PERSONA_LLM_RETRIES", DEFAULT_RETRIES)))
    except ValueError:
        return DEFAULT_RETRIES


def is_transient(exc: BaseException) -> bool:
    """Worth retrying: rate limits, server errors, time-outs and dropped connections (not a server
    that refuses tools: asking again gets the same answer)."""
    import openai

    from tools.llm import refuses_tools

    if refuses_tools(exc):
        return False
    if isinstance(exc, (openai.RateLimitError, openai.InternalServerError, openai.APIConnectionError)):
        return True  # APIConnectionError includes APITimeoutError
    return isinstance(exc, openai.APIStatusError) and (exc.status_code in (408, 409) or exc.status_code >= 500)


def retry_delay(exc: BaseException, attempt: int) -> float | None:
    """Seconds to wait before retry number ``attempt`` (0-based); None when not worth waiting.

    A server's ``retry-after`` is honoured up to MAX_RETRY_DELAY_S; otherwise 0.25 s, 0.5 s, 1 s ...
    """
    response = getattr(exc, "response", None)
    header = response.headers.get("retry-after") if response is not None else None
    if header:
        try:
            wanted = float(header)
        except ValueError:
            wanted = None
        if wanted is not None:
            return wanted if wanted <= MAX_RETRY_DELAY_S else None
    return min(0.25 * 2 ** attempt, MAX_RETRY_DELAY_S)


def describe_failure(exc: BaseException, model=None) -> str:
    """One line for the audit log and the status line, saying what to check
    ('401 Unauthorized: http://… refused the API key; check OPENAI_API_KEY'); never the key."""
    from tools.llm import explain_failure

    return explain_failure(exc, model if network_model(model) is not None else None)
