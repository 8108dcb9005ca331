"""autocoder: pre-code interview transcripts against a codebook, with people in charge.

The library is importable piece by piece; the ``autocoder`` command is a thin layer over it.
Heavy dependencies (torch, sentence-transformers, spaCy) load only when first needed.
"""

__version__ = "0.1.0"
