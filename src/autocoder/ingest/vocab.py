"""Word lists the readers use to recognise speakers, roles, header keys and columns.

All entries are lower case; compare with :func:`norm`.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def norm(label: str) -> str:
    """Case-folded label with single spaces and no bold markers: the key for comparisons."""
    return _SPACES.sub(" ", label.strip(" \t*_").casefold())


#: One- or two-letter codes and the role they stand for (``P1`` counts as ``P``).
INTERVIEWER_CODES = frozenset({"p", "i", "q", "t", "pw", "int", "iv"})
RESPONDENT_CODES = frozenset({"k", "r", "s", "j", "a", "n", "ir", "rs", "inf"})

# fmt: off
#: Role words: a label whose first word is one of these has that role.
INTERVIEWER_WORDS = frozenset({
    "peneliti", "pewawancara", "interviewer", "penanya", "moderator", "tanya", "pertanyaan",
    "researcher", "fasilitator", "facilitator", "question", "penulis", "mahasiswa",
})
RESPONDENT_WORDS = frozenset({
    "responden", "informan", "narasumber", "subjek", "subyek", "konselor", "guru", "jawab",
    "jawaban", "respondent", "interviewee", "informant", "participant", "partisipan",
    "answer", "siswa", "kepala", "wali", "koordinator", "konseli", "subject",
})
#: Forms of address: ``Bu Rina``, ``Pak Joko`` are respondents and their labels are names.
TITLE_WORDS = frozenset({
    "bu", "ibu", "pak", "bapak", "mas", "mbak", "kak", "bang", "dik", "sdr", "sdri", "dr",
    "drs", "dra", "ustadz", "ustazah", "ustadzah", "bunda", "ayah", "om", "tante", "mr", "mrs",
    "ms", "ny", "nn",
})

#: Header keys that never name a speaker.
HEADER_KEYS = frozenset({
    "tanggal", "hari", "hari/tanggal", "hari, tanggal", "hari / tanggal", "tempat", "lokasi",
    "waktu", "jam", "pukul", "durasi", "kode", "kode transkrip", "kode informan", "nama",
    "sekolah", "instansi", "jabatan", "usia", "umur", "jenis kelamin", "pendidikan", "alamat",
    "topik", "tema", "judul", "date", "place", "location", "time", "duration", "code", "name",
    "media", "tempat/waktu", "wawancara ke", "pertemuan", "sesi", "session",
})
#: Words that precede a colon inside answers and are never speaker labels.
NOT_SPEAKERS = HEADER_KEYS | frozenset({
    "contoh", "contohnya", "misal", "misalnya", "yaitu", "yakni", "seperti", "catatan",
    "keterangan", "ket", "note", "notes", "nb", "ps", "jadi", "intinya", "artinya", "kesimpulan",
    "pertama", "kedua", "ketiga", "terakhir", "yang", "dan", "atau", "tapi", "karena", "kalau",
    "kata", "bilang", "begini", "gini", "gitu", "nah", "oh", "ya", "http", "https", "www",
    "mailto", "ftp", "e.g", "i.e", "dll", "dsb", "antara lain",
})

#: Header keys that name the subject, most specific first.
SUBJECT_KEYS = (
    "subjek", "subyek", "subject", "nama subjek", "responden", "nama responden", "respondent",
    "informan", "nama informan", "informant", "narasumber", "nama narasumber", "interviewee",
    "nama", "konselor", "nama konselor", "guru bk", "nama guru bk", "participant", "partisipan",
)

#: Question words for telling the interviewer from the answers (word-bounded, lower case).
QUESTION_WORDS = frozenset({
    "apa", "apakah", "bagaimana", "bagaimanakah", "mengapa", "kenapa", "gimana", "siapa",
    "kapan", "berapa", "dimana", "mana", "bisakah", "bolehkah", "adakah",
})

#: Greetings and fillers: a header value made of these is speech, not a name.
NOT_NAMES = frozenset({
    "assalamualaikum", "assalamu'alaikum", "waalaikumsalam", "wa'alaikumsalam", "selamat",
    "halo", "hallo", "hai", "pagi", "siang", "sore", "malam", "baik", "ya", "iya", "oke", "ok",
    "okay", "terima", "permisi", "mohon", "boleh", "silakan", "silahkan", "sama-sama", "betul",
    "benar", "tidak", "nggak", "enggak", "hmm", "mm", "eh", "oh", "nah", "wah", "siap",
})

#: Column names of a verbatim table, sheet or CSV (after :func:`norm`).
SPEAKER_COLUMNS = (
    "speaker", "pembicara", "nama", "penutur", "nama pembicara", "name", "label", "who",
    "partisipan", "participant", "role", "peran", "kode",
)
TEXT_COLUMNS = (
    "text", "teks", "transkrip", "transcript", "transkripsi", "transcription", "ucapan", "isi",
    "jawaban", "utterance", "content", "dialog", "dialogue", "kalimat", "verbatim",
    "pernyataan", "percakapan", "tuturan", "uraian",
)
TIME_COLUMNS = (
    "timestamp", "waktu", "time", "start", "mulai", "jam", "time stamp", "stempel waktu",
)
LINE_COLUMNS = ("line", "baris", "no", "no.", "nomor", "#", "number", "nr", "no baris", "line no")
# fmt: on
