"""Shared test setup: every test starts offline, whatever the developer's shell has set."""

import os

import pytest

_MODEL_VARS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_BASE", "PERSONA_MODEL", "PERSONA_DB",
               "PERSONA_TAXONOMY", "PERSONA_TAG_THRESHOLD")


@pytest.fixture(autouse=True)
def offline_environment(monkeypatch):
    for name in _MODEL_VARS:
        monkeypatch.delenv(name, raising=False)
    for name in list(os.environ):
        if name.startswith(("LANGSMITH_", "LANGCHAIN_")):
            monkeypatch.delenv(name, raising=False)
