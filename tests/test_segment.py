from autocoder.records import Transcript, Turn
from autocoder.segment import SegmentationOptions, segment_transcript, split_sentences


def _transcript(*turns: Turn) -> Transcript:
    return Transcript(name="A", path="A.txt", subject="Konselor A", turns=list(turns))


def test_one_unit_per_respondent_turn_with_its_question():
    t = _transcript(
        Turn(1, "P", "interviewer", "Selamat pagi Bu.", 1, 1),
        Turn(2, "K", "respondent", "Pagi Pak.", 2, 2),
        Turn(3, "P", "interviewer", "Bagaimana asesmen di sekolah Ibu?", 3, 4),
        Turn(4, "K", "respondent", "Saya pakai AKPD (jeda) tiap awal tahun.", 5, 7),
    )
    segs = segment_transcript(t)
    assert [(s.segment_id, s.turn, s.question) for s in segs] == [
        ("A-002", 2, "Selamat pagi Bu."),
        ("A-004", 4, "Bagaimana asesmen di sekolah Ibu?"),
    ]
    assert (segs[1].line_start, segs[1].line_end) == (5, 7)
    assert segs[1].clean_text == "Saya pakai AKPD tiap awal tahun."


def test_long_turn_is_split_into_windows_with_stable_ids():
    long = " ".join(f"Ini kalimat ke-{i} dari jawaban yang panjang." for i in range(1, 13))
    t = _transcript(
        Turn(1, "P", "interviewer", "Ceritakan?", 1, 1), Turn(2, "K", "respondent", long, 2, 13)
    )
    segs = segment_transcript(t, SegmentationOptions(max_sentences=5, window=4))
    assert [s.segment_id for s in segs] == ["A-002.1", "A-002.2", "A-002.3"]
    assert [s.text.count(".") for s in segs] == [4, 4, 4]
    assert segs[0].text.startswith("Ini kalimat ke-1 ")
    assert segs[0].line_start == 2 and segs[-1].line_end == 13
    assert all(a.line_end <= b.line_start for a, b in zip(segs, segs[1:], strict=False))
    assert segment_transcript(t, SegmentationOptions()) == segs  # stable across re-runs


def test_abbreviations_do_not_end_sentences():
    text = (
        "Saya lulusan S.Pd. dari UNP, pembimbing saya Dra. Rina M.Pd. sangat baik. "
        "Lalu saya mengajar."
    )
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "Saya lulusan S.Pd. dari UNP, pembimbing saya Dra. Rina M.Pd. sangat baik.",
        "Lalu saya mengajar.",
    ]


def test_short_turn_is_not_split():
    t = _transcript(Turn(1, "K", "respondent", "Satu. Dua. Tiga.", 1, 1))
    assert [s.segment_id for s in segment_transcript(t)] == ["A-001"]
