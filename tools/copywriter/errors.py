"""The copywriter's error types."""


class CopyError(ValueError):
    """Copy cannot be written as asked (unknown tone, empty audience, an offer too long for the
    channel ...); the message says why and what to change."""


class OfferLanguageError(CopyError):
    """English SMS copy with an offer that is (and stays) Chinese.

    Attributes:
        offer: The offer as the operator gave it (the chat words its own advice from it).
    """

    def __init__(self, message: str, offer: str) -> None:
        super().__init__(message)
        self.offer = offer
