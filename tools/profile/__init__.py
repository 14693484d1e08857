"""The profile workflow: raw user data in the database -> living profiles in the database.

- ``workflow.py``  the seed's LangGraph StateGraph (one run per batch of users)
- ``explicit.py``  tags from attributes, orders, events and surveys (age band, RFM, lifecycle ...)
- ``derive.py``    implicit tags, intents, emotions and values from the text analyses
- ``llm_profile.py`` the one-call-per-user model path (schema, prompt, retries, fallback)
- ``store.py``     writing profiles with tag versioning and history; ``load_profile`` for the card
- ``build.py``     ``build_profiles``: incremental, batched, interruptible

Only ``build.py`` and ``store.py`` are meant to be imported by other parts of Persona.
"""
