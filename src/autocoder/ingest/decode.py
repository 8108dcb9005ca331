"""Turn the bytes of a text file into a string, saying when a guess was needed."""

from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """The bytes are not text (binary, or no encoding fits)."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 byte order when every other byte is NUL (ASCII text as UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """Too many control characters for a transcript."""
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    return controls > 0.01 * len(sample)


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode ``data`` (BOM, UTF-8, BOM-less UTF-16, else cp1252/latin-1) into text and warnings.

    Raises :class:`DecodeError` for binary data.
    """
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding).lstrip("\ufeff")), warnings
            except UnicodeDecodeError as err:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but is not {encoding}: {err}"
                ) from None
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise DecodeError(
                "looks like a binary file (it contains NUL bytes), not a text transcript"
            )
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            raise DecodeError(
                "looks like a binary file (it contains NUL bytes), not a text transcript"
            ) from None
        warnings.append(f"no byte-order mark; read as {guess.upper()}")
        return _checked(text), warnings
    try:
        return _checked(data.decode("utf-8")), warnings
    except UnicodeDecodeError as err:
        bad_line = data.count(b"\n", 0, err.start) + 1
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warnings.append(
            f"not valid UTF-8 (first bad byte on line {bad_line}); read as {encoding}. "
            "Save the file as UTF-8 to be sure accents and quotes are right."
        )
        return _checked(text), warnings
    raise DecodeError("cannot be decoded as text")  # pragma: no cover - latin-1 decodes anything


def _checked(text: str) -> str:
    if _looks_binary(text):
        raise DecodeError("looks like a binary file (control characters), not a text transcript")
    return text
