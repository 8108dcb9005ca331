"""A brand-new codebook gets suggestions on day one: zero-shot, all sent to review."""

from pathlib import Path

import pytest

from autocoder.config import load_settings
from autocoder.errors import ModelError
from autocoder.run import model_for_codebook
from autocoder.suggest.service import DEFAULT_MODEL, model_embedder

CODEBOOK = """
name: Layanan BK
levels: [{value: 1, label: kurang}, {value: 2, label: cukup}, {value: 3, label: baik}]
codes:
  - id: KARIER
    label: Bimbingan karier
    description: Membantu siswa memilih jurusan kuliah dan pekerjaan.
    examples: [Saya bantu anak memilih jurusan kuliah dan kampus.]
  - id: PRIBADI
    label: Bimbingan pribadi sosial
    description: Masalah pribadi, keluarga, teman dan emosi siswa.
    examples: [Anak yang orang tuanya bercerai saya dampingi.]
  - {id: LAIN, label: Lain-lain, description: Tidak ada bukti., evidence: false}
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "cb.yaml").write_text(CODEBOOK, encoding="utf-8")
    (tmp_path / "autocoder.yaml").write_text("codebook: cb.yaml\n", encoding="utf-8")
    return tmp_path


def test_a_new_codebook_gets_zero_shot_suggestions_for_review(tmp_path: Path):
    settings = load_settings(_project(tmp_path))
    with pytest.warns(UserWarning, match="zero-shot"):
        model, codebook = model_for_codebook(None, settings)
    assert codebook.ids == ["KARIER", "PRIBADI", "LAIN"]
    assert not model.is_trained and model.name == "zero-shot"
    answers = ["Saya bantu anak memilih jurusan kuliah dan kampus yang cocok."]
    [pred] = model.predict(answers, ["Bagaimana bimbingan karier?"], model_embedder(model))
    assert set(pred.code_probs) == {"KARIER", "PRIBADI", "LAIN"}
    assert pred.codes == ("KARIER",)
    assert model.route(pred) == "review"


def test_naming_a_model_trained_on_other_codes_is_an_error(tmp_path: Path):
    settings = load_settings(_project(tmp_path))
    with pytest.raises(ModelError, match="retrain"):
        model_for_codebook(DEFAULT_MODEL, settings)
