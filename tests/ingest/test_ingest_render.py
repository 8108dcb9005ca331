"""The project's own renderer round-trips through the parser; properties; a 50 MB file."""

from __future__ import annotations

import importlib.util
import tempfile
import time
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autocoder.ingest import read_transcript

REPO = Path(__file__).resolve().parents[2]


def load_renderer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_transcripts", REPO / "scripts" / "render_transcripts.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RENDERER = load_renderer()

DOC = {
    "id": "konselor_x",
    "subject": "Bu Rina",
    "title": "TRANSKRIP WAWANCARA",
    "header": {"Subjek": "Bu Rina", "Tanggal": "12 Maret 2024", "Tempat": "Ruang BK"},
    "turns": [
        {"i": "Selamat pagi, Bu. Terima kasih sudah bersedia."},
        {"r": "Pagi, Mas. Sama-sama (tertawa)."},
        {"i": "Bagaimana Ibu mengetahui kebutuhan siswa di awal tahun ajaran?"},
        {
            "r": "Contohnya: AKPD. Jam 10:30 saya olah datanya, lalu saya cek dengan wawancara "
            "dan observasi di kelas, supaya tidak hanya mengandalkan angket [tidak jelas]."
        },
        {"i": "Lalu hasilnya dipakai untuk apa?"},
        {"r": "Untuk menyusun program tahunan dan RPL."},
    ],
}
LABELS = [
    None,  # P / K
    {"interviewer": "I", "respondent": "R"},
    {"interviewer": "T", "respondent": "J"},
    {"interviewer": "Peneliti", "respondent": "Bu Rina"},
    {"interviewer": "P", "respondent": "N"},
]
VARIANTS = [{}, {"stamp_style": "plain"}, {"stamp_style": "parens"}, {"number_sep": ". "}]


@pytest.mark.parametrize("labels", LABELS, ids=lambda v: "/".join(v.values()) if v else "P/K")
@pytest.mark.parametrize("layout", sorted(RENDERER.LAYOUTS))
def test_every_rendered_layout_parses_back(
    tmp_path: Path, layout: str, labels: dict | None
) -> None:
    for variant in VARIANTS:
        doc = {**DOC, "layout": layout, "labels": labels, **variant}
        path = RENDERER.render(doc, tmp_path)
        transcript = read_transcript(path)
        expected = [(role, text) for role, text, _ in RENDERER._turns(doc)]
        assert [(t.role, t.text) for t in transcript.turns] == expected, (layout, variant)
        assert [t.turn for t in transcript.turns] == list(range(1, len(expected) + 1))
        label = labels or {"interviewer": "P", "respondent": "K"}
        assert [t.speaker for t in transcript.turns] == [label[r] for r, _ in expected]
        if layout in {"short", "named", "timestamp", "numbered", "docx", "docx_table"}:
            assert transcript.subject == "Bu Rina"
            assert transcript.metadata == DOC["header"]
        # the gold file's rows line up with the parsed respondent turns
        gold = [
            (row["turn"], row["text"])
            for row in RENDERER.gold_rows(
                {
                    **doc,
                    "turns": [{**t, "codes": ["LAIN"]} if "r" in t else t for t in doc["turns"]],
                }
            )
        ]
        assert [(t.turn, t.text) for t in transcript.respondent_turns] == gold


def test_rendered_numbered_layout_cites_printed_numbers(tmp_path: Path) -> None:
    path = RENDERER.render({**DOC, "layout": "numbered", "wrap": 40}, tmp_path)
    turns = read_transcript(path).turns
    assert [(t.line_start, t.line_end) for t in turns] == [
        (1, 2),
        (3, 3),
        (4, 5),
        (6, 9),
        (10, 10),
        (11, 12),
    ]


def test_numbered_sheet_rejoins_words_split_at_hyphens(tmp_path: Path) -> None:
    path = tmp_path / "sheet.txt"
    path.write_text(
        "1  P: Siapa?\n2  K: Anak-\n3  anak kelas sepuluh sering datang pagi-\n4  pagi sekali.\n",
        encoding="utf-8",
    )
    assert [t.text for t in read_transcript(path).turns] == [
        "Siapa?", "Anak-anak kelas sepuluh sering datang pagi-pagi sekali."
    ]


def test_rendered_timestamps_are_kept(tmp_path: Path) -> None:
    path = RENDERER.render({**DOC, "layout": "timestamp"}, tmp_path)
    expected, seconds = [], 5  # the renderer starts at 5 s and adds max(3, words // 2)
    for turn in DOC["turns"]:
        expected.append(f"00:00:{seconds:02d}")
        seconds += max(3, len(next(iter(turn.values())).split()) // 2)
    assert [t.timestamp for t in read_transcript(path).turns] == expected
    assert expected[:3] == ["00:00:05", "00:00:08", "00:00:11"]


# --- properties -----------------------------------------------------------------------------

WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéñ0123456789-'",
    min_size=1,
    max_size=12,
)
TOKEN = st.one_of(
    WORD,
    WORD.map(lambda w: w + ","),
    WORD.map(lambda w: w + "?"),
    WORD.map(lambda w: w + "."),
    st.sampled_from(["(tertawa)", "[tidak jelas]", "(jeda)", "Contohnya:", "10:30", "—"]),
)
LOWER = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
# A turn opening with a lower-case word: "Peneliti: Andi Saputra" at the top of a file is a
# header entry by design (a name after a role word), so texts must not look like names.
TEXT = st.tuples(LOWER, st.lists(TOKEN, max_size=30)).map(lambda t: " ".join([t[0], *t[1]]))
PAIRS = [("P", "K"), ("I", "R"), ("I", "S"), ("T", "J"), ("Q", "A"), ("Peneliti", "Bu Rina")]


@st.composite
def interviews(draw: st.DrawFn, alternating: bool, least: int = 1) -> list[tuple[str, str]]:
    n = draw(st.integers(min_value=least, max_value=12))
    if alternating:
        first = draw(st.sampled_from(["i", "r"]))
        roles = [first if k % 2 == 0 else ("r" if first == "i" else "i") for k in range(n)]
    else:
        roles = draw(st.lists(st.sampled_from(["i", "r"]), min_size=n, max_size=n))
    # "word- word" is ambiguous once wrapped on a numbered sheet: a line ending in "word-"
    # is read as a word broken at its hyphen (documented in ingest.turns.join_lines).
    return [(role, draw(TEXT.filter(lambda t: "- " not in t))) for role in roles]


def _render_and_parse(layout: str, pair: tuple[str, str], turns: list[tuple[str, str]]) -> list:
    doc = {
        "id": "prop",
        "layout": layout,
        "labels": {"interviewer": pair[0], "respondent": pair[1]},
        "turns": [{role: text} for role, text in turns],
    }
    with tempfile.TemporaryDirectory() as folder:
        path = RENDERER.render(doc, Path(folder))
        return [(t.role[0], t.text) for t in read_transcript(path).turns]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(turns=interviews(alternating=False), pair=st.sampled_from(PAIRS))
def test_short_layout_round_trips(turns: list[tuple[str, str]], pair: tuple[str, str]) -> None:
    assert _render_and_parse("short", pair, turns) == turns


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    turns=interviews(alternating=True, least=2),  # a numbered sheet needs two numbered lines
    pair=st.sampled_from(PAIRS),
    layout=st.sampled_from(["named", "timestamp", "numbered", "srt", "vtt", "csv"]),
)
def test_other_layouts_round_trip(
    turns: list[tuple[str, str]], pair: tuple[str, str], layout: str
) -> None:
    assert _render_and_parse(layout, pair, turns) == turns


# --- performance ----------------------------------------------------------------------------


@pytest.mark.slow
def test_fifty_megabytes_parse_in_linear_time(tmp_path: Path) -> None:
    block = (
        "[00:01:02] P: Bagaimana Ibu menyusun program BK tahunan di sekolah ini?\n"
        "K: Dari asesmen kebutuhan, contohnya AKPD dan ITP (tertawa), lalu saya olah datanya\n"
        "dan saya diskusikan dengan wali kelas. Jam 10:30 biasanya rapat tim [tidak jelas].\n"
        "\n"
    )
    header = "TRANSKRIP WAWANCARA\nSubjek: Bu Rina\nTanggal: 1 Mei 2024\n\n"
    repeats = 50_000_000 // len(block.encode("utf-8")) + 1
    path = tmp_path / "besar.txt"
    path.write_text(header + block * repeats, encoding="utf-8")
    assert path.stat().st_size > 50_000_000
    started = time.perf_counter()
    transcript = read_transcript(path)
    elapsed = time.perf_counter() - started
    assert len(transcript.turns) == 2 * repeats
    assert transcript.turns[-1].line_end == 4 + 4 * repeats - 1
    assert elapsed < 30, f"{elapsed:.1f} s"


def test_one_long_line_without_colon_is_fast(tmp_path: Path) -> None:
    path = tmp_path / "panjang.txt"
    path.write_text("P: " + "kata " * 400_000 + "\nK: " + "a " * 400_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    transcript = read_transcript(path)
    assert time.perf_counter() - started < 5
    assert [t.speaker for t in transcript.turns] == ["P", "K"]
