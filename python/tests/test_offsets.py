"""Offsets are Python str indices, on text with astral characters and
combining marks before, inside and between the facts."""

import unicodedata

import vietnorm

# astral characters (emoji, mathematical letters, CJK extension B) and
# combining marks (decomposed Vietnamese) ahead of and between facts
PREFIX = "📢🇻🇳 Tin 𝐍𝐎́𝐍𝐆 𠀀 — "
DECOMPOSED = unicodedata.normalize("NFD", "Việt Nam tiếp tục đổi mới")
TEXT = (
    PREFIX
    + "Sáng 31/10/2025, đồng chí Võ Công Hòa – Phó Bí thư Đảng ủy xã Ia Ko 🙂 dự hội nghị. "
    + DECOMPOSED
    + " 😀😀 Theo Kế hoạch số 129/KH-UBND ngày 05/3/2025, tỷ lệ đạt trên 98%, "
    + "có 2.945 hồ sơ 🧾 được giải quyết tại xã Đăk Môn."
)


def test_text_has_astral_and_combining():
    assert any(ord(c) > 0xFFFF for c in TEXT)
    assert any(unicodedata.combining(c) for c in TEXT)
    # code points and UTF-8 bytes disagree, so byte offsets would fail
    assert len(TEXT) != len(TEXT.encode("utf-8"))


def test_extract_offsets_index_python_str():
    facts = vietnorm.extract(TEXT)
    kinds = {f.kind for f in facts}
    assert {"date", "official", "document_ref", "percentage", "quantity", "place"} <= kinds
    for f in facts:
        assert 0 <= f.start < f.end <= len(TEXT)
        assert TEXT[f.start : f.end] == f.text, f
        d = f.to_dict()
        assert (d["start"], d["end"], d["text"]) == (f.start, f.end, f.text)


def test_offsets_are_code_points_not_bytes():
    facts = vietnorm.extract(TEXT)
    date = next(f for f in facts if f.kind == "date")
    assert date.start == len(PREFIX)
    assert date.text == "Sáng 31/10/2025"


def test_fact_inside_astral_only_text():
    # every char before the fact is astral: each is 1 index in Python,
    # 4 bytes in UTF-8 and 2 units in UTF-16
    text = "🙂" * 37 + " tăng khoảng 12,5% so với năm trước"
    (p,) = vietnorm.extract(text, kinds=["percentage"])
    assert p.start == 37 + len(" tăng ") == 43
    assert text[p.start : p.end] == p.text == "khoảng 12,5%"


def test_pipeline_process_offsets_index_cleaned_text():
    p = vietnorm.Pipeline()
    doc = p.process(TEXT)
    assert doc.text == p.clean(TEXT)
    assert doc.facts
    for f in doc.facts:
        assert doc.text[f.start : f.end] == f.text


def test_pipeline_extract_batch_offsets():
    p = vietnorm.Pipeline()
    texts = [TEXT, "🙂" + TEXT, PREFIX * 3 + TEXT]
    for t, facts in zip(texts, p.extract_batch(texts)):
        assert facts == p.extract(t)
        for f in facts:
            assert t[f.start : f.end] == f.text


def test_repair_edit_offsets():
    text = "📢𝐍 " + "Ủy bạn nhân đân tỉnh 😀 đã bàn hành kế hóạch phát trĩển khóă học."
    r = vietnorm.repair(text)
    assert r.edits
    for e in r.edits:
        assert text[e.start : e.end] == e.original
        assert 0.0 <= e.confidence <= 1.0
    # applying the edits to the input gives the output
    out, last = [], 0
    for e in r.edits:
        out.append(text[last : e.start])
        out.append(e.replacement)
        last = e.end
    out.append(text[last:])
    assert "".join(out) == r.text
