"""propalint: a rule-based linter for propaganda and persuasion techniques in news articles."""

__version__ = "0.1.0"
