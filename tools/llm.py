"""Choosing the OpenAI-compatible chat model, when one is configured.

Persona works offline by default. With ``OPENAI_API_KEY`` set it talks to any OpenAI-compatible
server (OpenAI, DeepSeek, Qwen, vLLM, Ollama, llama.cpp) through langchain-openai:

- ``OPENAI_API_KEY``  the key (a dummy value is fine for local servers that ignore it)
- ``OPENAI_BASE_URL`` the server, e.g. http://127.0.0.1:11434/v1 for Ollama (also ``OPENAI_API_BASE``)
- ``PERSONA_MODEL``   the model name (default ``gpt-4o-mini``)
- ``PERSONA_LLM_TIMEOUT`` seconds per request (default 60)

langchain-openai is imported only when a model is actually configured.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class ModelConfig:
    api_key: str
    model: str
    base_url: str | None
    timeout_s: float


def model_config_from_env(env: dict[str, str] | None = None) -> ModelConfig | None:
    """The model settings from the environment, or None when no API key is set (offline mode)."""
    env = os.environ if env is None else env
    api_key = env.get("OPENAI_API_KEY", "").strip()
    if not api_key:
        return None
    return ModelConfig(
        api_key=api_key,
        model=env.get("PERSONA_MODEL", "").strip() or DEFAULT_MODEL,
        base_url=(env.get("OPENAI_BASE_URL") or env.get("OPENAI_API_BASE") or "").strip() or None,
        timeout_s=float(env.get("PERSONA_LLM_TIMEOUT") or 60),
    )


def chat_model_from_env(*, max_retries: int = 0, env: dict[str, str] | None = None):
    """A ChatOpenAI built from the environment, or None when offline.

    Retries are left to the caller (``max_retries=0`` by default) so that Persona's own retry
    loop can count, log and fall back; pass a number to let the client retry by itself.
    """
    config = model_config_from_env(env)
    if config is None:
        return None
    return chat_model(config, max_retries=max_retries)


def chat_model(config: ModelConfig, *, max_retries: int = 0):
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=config.model,
        api_key=config.api_key,
        base_url=config.base_url,
        timeout=config.timeout_s,
        max_retries=max_retries,
        temperature=0,
        # Plain JSON responses: simpler to serve from any OpenAI-compatible server, and we
        # never show partial output anyway.
        disable_streaming=True,
    )


def model_name(model) -> str:
    """A short name for provenance columns: 'offline' for None, else the model's name."""
    if model is None:
        return "offline"
    return getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__
