"""The text layer: read an input, tokenize it, split it into sentences and paragraphs."""

from .document import Document, fmt_for_path, load_document, read_text_file
from .segment import Segment
from .sourcemap import SourceMap
from .tokenizer import Token, fold, normalize, tokenize

__all__ = [
    "Document", "Segment", "SourceMap", "Token", "fmt_for_path", "fold", "load_document",
    "normalize", "read_text_file", "tokenize",
]
