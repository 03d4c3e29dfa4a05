"""The module's surface: results, typed fact fields, docstring examples,
stubs that match the compiled module."""

import ast
import doctest
import inspect
import pathlib

import vietnorm


def test_clean_pipeline_steps():
    # look-alike Đ, NBSP, impossible tone placement, tone policy
    assert vietnorm.clean("Ðồng chí\u00a0Bí thư, qủa hòa", tone="modern") == "Đồng chí Bí thư, quả hoà"
    assert vietnorm.clean("Ðồng chí\u00a0Bí thư, qủa hoà", tone="classic") == "Đồng chí Bí thư, quả hòa"
    # mojibake
    assert vietnorm.clean("Chá»§ tá»‹ch UBND tá»‰nh") == "Chủ tịch UBND tỉnh"
    # repair on and off
    damaged = "Ủy bạn nhân đân tỉnh đã bàn hành kế hóạch"
    assert vietnorm.clean(damaged).startswith("Ủy ban nhân dân tỉnh đã ban hành kế hoạch")
    assert vietnorm.clean(damaged, repair=False) == damaged
    assert vietnorm.normalize(damaged) == damaged


def test_clean_text_is_unchanged():
    text = " ".join(__import__("conftest").SENTENCES)
    assert vietnorm.clean(text) == text


def test_decode_result():
    d = vietnorm.decode("Việt Nam".encode("utf-16"))
    assert (d.text, d.encoding, d.replaced) == ("Việt Nam", "utf-16", 0)
    assert 0.0 <= d.confidence <= 1.0
    d = vietnorm.decode("Viá»‡t Nam".encode("utf-8"))
    assert (d.text, d.mojibake_repairs) == ("Việt Nam", 1)
    assert vietnorm.decode(b"Vie^.t Nam", encoding="viqr").text == "Việt Nam"
    assert vietnorm.decode(b"\xff\xfe\x00").replaced >= 0


def test_fact_classes_and_fields():
    text = (
        "Sáng 31/10/2025, đồng chí Võ Công Hòa – Phó Bí thư Đảng ủy xã dự hội nghị. "
        "Theo Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, tỷ lệ đạt trên 98%; "
        "có 2.945 hồ sơ và 36/74 hoạt động tại xã Đăk Môn trong giai đoạn 2021-2025."
    )
    facts = vietnorm.extract(text)
    by = {}
    for f in facts:
        assert isinstance(f, vietnorm.Fact)
        by.setdefault(type(f), []).append(f)
    (d, *_) = by[vietnorm.Date]
    assert (d.kind, d.year, d.month, d.day, d.part_of_day) == ("date", 2025, 10, 31, "sáng")
    rng = [x for x in by[vietnorm.Date] if x.until is not None][0]
    assert (rng.year, rng.until.year) == (2021, 2025)
    assert isinstance(rng.until, vietnorm.DateEnd)
    (o,) = by[vietnorm.Official]
    assert (o.name, o.titles) == ("Võ Công Hòa", ["Phó Bí thư Đảng ủy xã"])
    (r,) = by[vietnorm.DocumentRef]
    assert (r.doc_type, r.number, r.symbol, r.issuer_code, r.issued_on, r.issuer, r.year) == (
        "Nghị quyết", "57", "57-NQ/TW", "TW", "2024-12-22", "Bộ Chính trị", 2024,
    )
    (p,) = by[vietnorm.Percentage]
    assert (p.value, p.qualifier) == (98.0, "above")
    q1, q2 = by[vietnorm.Quantity]
    assert (q1.value, q1.unit) == (2945.0, "hồ sơ")
    assert (q2.numerator, q2.denominator, q2.value) == (36.0, 74.0, None)
    (pl,) = by[vietnorm.Place]
    assert (pl.level, pl.name, pl.legacy) == ("xã", "Đăk Môn", False)
    assert pl.code is None or pl.code.isdigit()
    # to_dict has every field, JSON-ready
    dd = r.to_dict()
    assert dd["kind"] == "document_ref" and dd["symbol"] == "57-NQ/TW" and dd["issuer"] == "Bộ Chính trị"
    assert set(vietnorm.FACT_KINDS) == {f.kind for f in facts}
    # equality, hashing, repr
    assert vietnorm.extract(text) == facts
    assert len(set(facts)) == len(facts)
    assert repr(o).startswith("Official(start=")


def test_docstring_examples():
    """Every example in the docstrings of the module, its functions, classes
    and methods runs and gives the output shown."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    seen = 0
    objects = [vietnorm] + [getattr(vietnorm, n) for n in vietnorm.__all__]
    for obj in objects:
        docs = [obj] + [m for _, m in inspect.getmembers(obj) if getattr(m, "__doc__", None)] if inspect.isclass(obj) else [obj]
        for o in docs:
            doc = getattr(o, "__doc__", None)
            if not doc or ">>>" not in doc:
                continue
            test = doctest.DocTestParser().get_doctest(doc, {"vietnorm": vietnorm}, getattr(o, "__qualname__", repr(o)), None, 0)
            seen += len(test.examples)
            runner.run(test)
    assert seen >= 20
    assert runner.failures == 0, f"{runner.failures} docstring examples failed (see output above)"


def _stub_names():
    stub = pathlib.Path(vietnorm.__file__).with_name("_vietnorm.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    names, members = set(), {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        if isinstance(node, ast.ClassDef):
            own = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
            for base in node.bases:  # inherited stub members
                if isinstance(base, ast.Name):
                    own |= members.get(base.id, set())
            members[node.name] = own
    return names, members


def test_stubs_and_py_typed_ship_and_match():
    root = pathlib.Path(vietnorm.__file__).parent
    assert (root / "py.typed").exists()
    names, members = _stub_names()
    public = set(vietnorm.__all__)
    assert public <= names, public - names
    for cls_name, stub_members in members.items():
        cls = getattr(vietnorm, cls_name)
        if issubclass(cls, BaseException):
            continue
        runtime = {n for n in dir(cls) if not n.startswith("_")}
        assert runtime == {m for m in stub_members if not m.startswith("_")}, cls_name


def test_version():
    assert vietnorm.__version__ == "0.1.0"
