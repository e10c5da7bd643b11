from .hit import Hit, HitEvidence, LineIndex

__all__ = ["Hit", "HitEvidence", "LineIndex"]
