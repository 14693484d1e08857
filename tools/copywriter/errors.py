"""The copywriter's one error type."""


class CopyError(ValueError):
    """Copy cannot be written as asked (unknown tone, empty audience, an offer too long for the
    channel ...); the message says why and what to change."""
