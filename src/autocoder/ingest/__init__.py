"""Read interview transcripts (txt, docx, csv, xlsx, srt, vtt) into speaker turns.

    >>> from autocoder.ingest import read_transcript, IngestOptions
    >>> transcript = read_transcript("wawancara_rina.txt")          # doctest: +SKIP
    >>> transcript.turns[0].speaker, transcript.turns[0].role        # doctest: +SKIP
    ('P', 'interviewer')

Modules, one job each: :mod:`.readers` (file formats), :mod:`.decode` (text encodings),
:mod:`.labels` (one line: number, timestamp, label), :mod:`.turns` (header and turns in
running text), :mod:`.header`, :mod:`.tables` (rows and columns), :mod:`.subtitles`,
:mod:`.roles`, :mod:`.subject`, :mod:`.transcript` (putting it together).
"""

from __future__ import annotations

from autocoder.ingest.readers import SUPPORTED_SUFFIXES
from autocoder.ingest.transcript import IngestOptions, read_transcript

__all__ = ["SUPPORTED_SUFFIXES", "IngestOptions", "read_transcript"]
