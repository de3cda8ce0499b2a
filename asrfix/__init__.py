"""asrfix: fix speech-recognition errors in transcripts and subtitle files, reporting every change.

>>> import asrfix
>>> asrfix.correct("He stayed near Will Han.", lexicons=["china-news"]).text
'He stayed near Wuhan.'
"""

from __future__ import annotations

from .api import DEFAULT_MIN_CONFIDENCE, Pipeline, Result, correct
from .changes import Change, apply, resolve
from .correctors import Context, Corrector, available_correctors, get_corrector
from .errors import AsrfixError, CorrectorError, FormatError, LexiconError
from .lexicon import Entry, Example, Lexicon, Misrecognition, list_lexicons, load_lexicon, merge_lexicons
from .tokens import Token, tokenize

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "AsrfixError",
    "Change",
    "Context",
    "Corrector",
    "CorrectorError",
    "Entry",
    "Example",
    "FormatError",
    "Lexicon",
    "LexiconError",
    "Misrecognition",
    "Pipeline",
    "Result",
    "Token",
    "__version__",
    "apply",
    "available_correctors",
    "correct",
    "get_corrector",
    "list_lexicons",
    "load_lexicon",
    "merge_lexicons",
    "resolve",
    "tokenize",
]
