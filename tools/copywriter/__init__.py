"""Campaign copy grounded in segment data: an offline engine, a model path, channel rules.

    from tools.copywriter import write_marketing_copy
    result = write_marketing_copy("shop.db", segment="价格敏感的户外爱好者", channel="sms", tone="playful")

See writer.py (the flow), brief.py (what the data says), offline.py + phrases.yaml (the offline
engine), llm.py (the model path), channels.py (limits and checks), offers.py (the operator's offer)
and explain.py (channel, language, tone and each angle's evidence, for a chat answer).
"""

from tools.copywriter.brief import SegmentBrief, brief_from_profile
from tools.copywriter.channels import CHANNELS, LANGUAGES, LIMITS, OPT_OUT, check_variant
from tools.copywriter.errors import CopyError
from tools.copywriter.offline import TONES
from tools.copywriter.writer import CopyResult, copy_history, write_marketing_copy

__all__ = [
    "CHANNELS", "LANGUAGES", "LIMITS", "OPT_OUT", "TONES", "CopyError", "CopyResult", "SegmentBrief",
    "brief_from_profile", "check_variant", "copy_history", "write_marketing_copy",
]
