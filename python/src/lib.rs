//! The `vietnorm` Python module (`vietnorm._vietnorm`, re-exported by
//! `vietnorm/__init__.py`).
//!
//! Every entry point copies its inputs into owned Rust values, then releases
//! the GIL for the work, so other Python threads run meanwhile; batches run
//! on all cores.

mod engine;
mod facts;

use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyMemoryView, PyString};

use engine::{Engine, Input};
use vietnorm::extract::FactKind;
use vietnorm::CharOffsets;

create_exception!(
    vietnorm,
    VietnormError,
    PyValueError,
    "Raised for invalid arguments (an unknown tone policy, encoding or fact kind, `threads=0`) and failed operations. A subclass of `ValueError`; problems reading files raise `OSError` instead."
);

fn fail(msg: String) -> PyErr {
    VietnormError::new_err(msg)
}

fn engine_for(
    tone: &str,
    repair: bool,
    strength: &str,
    kinds: Option<&[String]>,
    extract: bool,
    encoding: Option<&str>,
) -> PyResult<Engine> {
    let tone = engine::tone_policy(tone).map_err(fail)?;
    let strength = engine::strength(strength).map_err(fail)?;
    let kinds = match kinds {
        Some(k) => Some(engine::kinds(k).map_err(fail)?),
        None => None,
    };
    let encoding = match encoding {
        Some(e) => Some(engine::encoding(e).map_err(fail)?),
        None => None,
    };
    Engine::new(tone, repair, strength, kinds.as_deref(), extract, encoding).map_err(fail)
}

// Bytes from `bytes`, `bytearray` or `memoryview`; a `str` is a type error
// with a hint, since it is already text.
fn bytes_arg(data: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    if let Ok(b) = data.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = data.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if data.cast::<PyMemoryView>().is_ok() {
        let b = data.py().get_type::<PyBytes>().call1((data,))?;
        return Ok(b.cast::<PyBytes>()?.as_bytes().to_vec());
    }
    let t = data.get_type().name()?.to_string();
    if data.cast::<PyString>().is_ok() {
        return Err(PyTypeError::new_err(format!(
            "{what} expects bytes, got str: it is already text, use clean() or normalize()"
        )));
    }
    Err(PyTypeError::new_err(format!(
        "{what} expects bytes, got {t}"
    )))
}

// Every item of an iterable of str or bytes, copied out of Python.
fn inputs_arg(texts: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<Input>> {
    if texts.cast::<PyString>().is_ok() || texts.cast::<PyBytes>().is_ok() {
        return Err(PyTypeError::new_err(format!(
            "{what} expects a list (or any iterable) of texts, got a single {}",
            texts.get_type().name()?
        )));
    }
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        match input_arg(&item, what)? {
            Some(x) => out.push(x),
            None => {
                return Err(PyTypeError::new_err(format!(
                    "{what} expects str or bytes items, got {} at index {i}",
                    item.get_type().name()?
                )))
            }
        }
    }
    Ok(out)
}

// One str or bytes-like document copied out of Python; `None` for any other type.
fn input_arg(item: &Bound<'_, PyAny>, what: &str) -> PyResult<Option<Input>> {
    if let Ok(s) = item.cast::<PyString>() {
        Ok(Some(Input::Text(s.to_cow()?.into_owned())))
    } else if item.cast::<PyBytes>().is_ok()
        || item.cast::<PyByteArray>().is_ok()
        || item.cast::<PyMemoryView>().is_ok()
    {
        Ok(Some(Input::Bytes(bytes_arg(item, what)?)))
    } else {
        Ok(None)
    }
}

fn one_input(item: &Bound<'_, PyAny>, what: &str) -> PyResult<Input> {
    input_arg(item, what)?.ok_or_else(|| {
        let t = item
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        PyTypeError::new_err(format!("{what} expects str or bytes, got {t}"))
    })
}

fn texts_arg(texts: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if texts.cast::<PyString>().is_ok() {
        return Err(PyTypeError::new_err(format!(
            "{what} expects a list (or any iterable) of str, got a single str"
        )));
    }
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        match item.cast::<PyString>() {
            Ok(s) => out.push(s.to_cow()?.into_owned()),
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "{what} expects str items, got {} at index {i}",
                    item.get_type().name()?
                )))
            }
        }
    }
    Ok(out)
}

fn read_file(path: &PathBuf) -> PyResult<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        // OSError(errno, strerror, filename) becomes FileNotFoundError,
        // PermissionError, IsADirectoryError, … by errno, like open() does.
        let full = e.to_string();
        // "No such file or directory (os error 2)": errno is given apart
        let msg = match full.rfind(" (os error ") {
            Some(i) => full[..i].to_string(),
            None => full.clone(),
        };
        let name = path.to_string_lossy().into_owned();
        match e.raw_os_error() {
            Some(errno) => PyOSError::new_err((errno, msg, name)),
            None => PyOSError::new_err(format!("{name}: {msg}")),
        }
    })
}

/// Cleans scraped Vietnamese text: repairs mojibake, normalizes (NFC,
/// marks, tone placement, look-alike letters, odd spaces) and repairs
/// damaged diacritics.
///
/// ``tone`` is ``"keep"`` (each word's own convention; placements wrong
/// under both are fixed), ``"classic"`` (``hòa``, ``thủy``) or ``"modern"``
/// (``hoà``, ``thuỷ``). ``repair=False`` skips diacritic repair. Pass a
/// whole page or article at a time: repair estimates the damage of the
/// document as a whole.
///
/// >>> import vietnorm
/// >>> vietnorm.clean("Ðồng chí\u00a0Bí thư, qủa hòa", tone="modern")
/// 'Đồng chí Bí thư, quả hoà'
/// >>> vietnorm.clean("Chá»§ tá»‹ch UBND tá»‰nh")
/// 'Chủ tịch UBND tỉnh'
#[pyfunction]
#[pyo3(signature = (text, *, tone = "keep", repair = true))]
fn clean(py: Python<'_>, text: String, tone: &str, repair: bool) -> PyResult<String> {
    let e = engine_for(tone, repair, "auto", None, false, None)?;
    Ok(py.detach(|| e.clean_text(&text)))
}

/// Normalizes text: NFC, stray and stacked marks, tone placement, look-alike
/// and styled letters, odd and invisible spaces. No diacritic repair.
///
/// >>> import vietnorm
/// >>> vietnorm.normalize("Hòa bình, qủa ngọt\u00a0và thủy lợi", tone="modern")
/// 'Hoà bình, quả ngọt và thuỷ lợi'
#[pyfunction]
#[pyo3(signature = (text, *, tone = "keep"))]
fn normalize(py: Python<'_>, text: String, tone: &str) -> PyResult<String> {
    let tone = engine::tone_policy(tone).map_err(fail)?;
    let n = vietnorm::normalize::Normalizer::builder()
        .tone(tone)
        .build()
        .map_err(|e| fail(e.to_string()))?;
    Ok(py.detach(|| n.normalize(&text).into_owned()))
}

/// One word changed by :func:`repair`. ``start`` and ``end`` are ``str``
/// indices into the text given to ``repair``.
#[pyclass(frozen, module = "vietnorm", name = "Edit")]
struct PyEdit {
    /// Start of the word, as a ``str`` index.
    #[pyo3(get)]
    start: usize,
    /// End of the word (exclusive), as a ``str`` index.
    #[pyo3(get)]
    end: usize,
    /// The word as written in the input.
    #[pyo3(get)]
    original: String,
    /// The word as repaired.
    #[pyo3(get)]
    replacement: String,
    /// How sure the repair is of this word, from 0.0 to 1.0.
    #[pyo3(get)]
    confidence: f32,
}

#[pymethods]
impl PyEdit {
    fn __repr__(&self) -> String {
        format!(
            "Edit(start={}, end={}, original={:?}, replacement={:?}, confidence={:.3})",
            self.start, self.end, self.original, self.replacement, self.confidence
        )
    }
}

/// The result of :func:`repair`: the repaired ``text`` and the ``edits``
/// that made it, in order.
#[pyclass(frozen, module = "vietnorm", name = "Repaired")]
struct PyRepaired {
    /// The repaired text.
    #[pyo3(get)]
    text: String,
    /// Every changed word, as :class:`Edit` objects in text order.
    #[pyo3(get)]
    edits: Py<PyList>,
}

#[pymethods]
impl PyRepaired {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Repaired(text={:?}, edits=<{} edits>)",
            shorten(&self.text),
            self.edits.bind(py).len()
        )
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(57).collect();
        t.push('…');
        t
    }
}

/// Repairs damaged diacritics with the noisy-channel model (syllable language
/// model + channel model + Viterbi). A clean page is left alone; a damaged
/// one is repaired firmly. Pass a whole document at a time.
///
/// ``strength`` is ``"gentle"`` (only words with hard evidence of damage),
/// ``"auto"`` (estimate the damage per document) or ``"firm"`` (treat the
/// text as damaged).
///
/// >>> import vietnorm
/// >>> r = vietnorm.repair("Ủy bạn nhân đân tỉnh đã bàn hành kế hóạch phát trĩển khóă học.")
/// >>> r.text.startswith("Ủy ban nhân dân tỉnh đã ban hành kế hoạch phát triển")
/// True
/// >>> e = r.edits[0]
/// >>> e.original, e.replacement, e.start, e.end
/// ('bạn', 'ban', 3, 6)
#[pyfunction]
#[pyo3(signature = (text, *, tone = "keep", strength = "auto"))]
fn repair(py: Python<'_>, text: String, tone: &str, strength: &str) -> PyResult<PyRepaired> {
    let tone = engine::tone_policy(tone).map_err(fail)?;
    let strength = engine::strength(strength).map_err(fail)?;
    let r = vietnorm::repair::Repairer::builder()
        .tone(tone)
        .strength(strength)
        .build()
        .map_err(|e| fail(e.to_string()))?;
    let (out, edits) = py.detach(|| {
        let rep = r.repair(&text);
        let offsets = CharOffsets::new(&text);
        let edits: Vec<PyEdit> = rep
            .edits
            .into_iter()
            .filter_map(|e| {
                Some(PyEdit {
                    start: offsets.char_offset(e.span.start)?,
                    end: offsets.char_offset(e.span.end)?,
                    original: e.from.into_owned(),
                    replacement: e.to.into_owned(),
                    confidence: e.confidence,
                })
            })
            .collect();
        (rep.text.into_owned(), edits)
    });
    let items = edits
        .into_iter()
        .map(|e| Py::new(py, e))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyRepaired {
        text: out,
        edits: PyList::new(py, items)?.unbind(),
    })
}

/// The result of :func:`decode`: the decoded ``text`` (NFC), the
/// ``encoding`` it was read as, how sure the detection was
/// (``confidence``, 0.0 to 1.0), how many undecodable bytes became U+FFFD
/// (``replaced``) and how many mojibake runs were repaired
/// (``mojibake_repairs``).
#[pyclass(frozen, module = "vietnorm", name = "Decoded")]
struct PyDecoded {
    /// The decoded text, NFC.
    #[pyo3(get)]
    text: String,
    /// The encoding: ``utf-8``, ``utf-16``, ``cp1258``, ``tcvn3``, ``vni``,
    /// ``viscii`` or ``viqr``.
    #[pyo3(get)]
    encoding: &'static str,
    /// How sure the detection is, from 0.0 to 1.0 (1.0 when forced).
    #[pyo3(get)]
    confidence: f32,
    /// Undecodable bytes replaced by U+FFFD.
    #[pyo3(get)]
    replaced: usize,
    /// Mojibake runs repaired (``Viá»‡t`` → ``Việt``).
    #[pyo3(get)]
    mojibake_repairs: usize,
}

#[pymethods]
impl PyDecoded {
    fn __repr__(&self) -> String {
        format!(
            "Decoded(text={:?}, encoding={:?}, confidence={:.3}, replaced={}, mojibake_repairs={})",
            shorten(&self.text),
            self.encoding,
            self.confidence,
            self.replaced,
            self.mojibake_repairs
        )
    }
}

fn decoded(e: &Engine, bytes: &[u8]) -> PyDecoded {
    let d = e.decode(bytes);
    PyDecoded {
        encoding: d.encoding.name(),
        confidence: d.confidence,
        replaced: d.replaced,
        mojibake_repairs: d.repaired_spans.len(),
        text: d.text.into_owned(),
    }
}

/// Decodes bytes in any Vietnamese encoding to NFC text: UTF-8, UTF-16,
/// Windows-1258, TCVN3 (ABC), VNI-Windows, VISCII, VIQR; repairs mojibake
/// (UTF-8 read as Windows-1252, VNI/TCVN3 bytes shown through a Western code
/// page). The encoding is detected unless ``encoding`` forces one.
///
/// >>> import vietnorm
/// >>> d = vietnorm.decode(b"Vie\xe4t Nam la\xf8 mo\xe4t n\xf6\xf4\xf9c")
/// >>> d.text, d.encoding
/// ('Việt Nam là một nước', 'vni')
/// >>> vietnorm.decode(b"Vie^.t Nam", encoding="viqr").text
/// 'Việt Nam'
#[pyfunction]
#[pyo3(signature = (data, *, encoding = None))]
fn decode(py: Python<'_>, data: &Bound<'_, PyAny>, encoding: Option<&str>) -> PyResult<PyDecoded> {
    let bytes = bytes_arg(data, "decode")?;
    let e = engine_for("keep", false, "auto", None, false, encoding)?;
    Ok(py.detach(|| decoded(&e, &bytes)))
}

/// Reads a file and decodes it like :func:`decode`. Raises ``OSError``
/// (``FileNotFoundError``, ``PermissionError``, …) when it cannot be read.
#[pyfunction]
#[pyo3(signature = (path, *, encoding = None))]
fn decode_file(py: Python<'_>, path: PathBuf, encoding: Option<&str>) -> PyResult<PyDecoded> {
    let e = engine_for("keep", false, "auto", None, false, encoding)?;
    py.detach(|| read_file(&path).map(|b| decoded(&e, &b)))
}

/// Finds facts in text as given (no cleaning: run :func:`clean` first on
/// damaged input, or use :meth:`Pipeline.process`). Returns :class:`Fact`
/// objects in text order; ``start``/``end`` are ``str`` indices into
/// ``text``.
///
/// ``kinds`` limits the search to some of ``document_ref``, ``date``,
/// ``official``, ``percentage``, ``place``, ``quantity``.
///
/// >>> import vietnorm
/// >>> text = "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"
/// >>> [(f.kind, f.text) for f in vietnorm.extract(text, kinds=["document_ref"])]
/// [('document_ref', 'Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị')]
#[pyfunction]
#[pyo3(signature = (text, *, kinds = None))]
fn extract<'py>(
    py: Python<'py>,
    text: String,
    kinds: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyList>> {
    let e = engine_for("keep", false, "auto", kinds.as_deref(), true, None)?;
    let facts = py.detach(|| e.extract(&text)).map_err(fail)?;
    facts::list_to_py(py, facts.facts)
}

/// A configured pipeline (decode → normalize → repair → extract), built
/// once and reused; immutable and safe to share between threads, picklable
/// (so Spark and Dask can ship it to workers).
///
/// Methods take ``str`` (already decoded text) or, where noted, ``bytes``
/// (decoded first, with encoding detection unless ``encoding`` is set).
///
/// >>> import vietnorm
/// >>> p = vietnorm.Pipeline(tone="modern")
/// >>> p.clean_batch(["Hòa bình", b"Vie\xe4t Nam"])
/// ['Hoà bình', 'Việt Nam']
/// >>> doc = p.process("Sáng 31/10, Chủ tịch UBND tỉnh Nguyễn Văn An dự họp")
/// >>> [(f.kind, doc.text[f.start:f.end]) for f in doc.facts][:2]
/// [('date', 'Sáng 31/10'), ('official', 'Chủ tịch UBND tỉnh Nguyễn Văn An')]
#[pyclass(frozen, module = "vietnorm", name = "Pipeline")]
struct Pipeline {
    engine: Engine,
    tone: String,
    repair: bool,
    strength: String,
    kinds: Option<Vec<String>>,
    encoding: Option<String>,
    adapted: bool,
}

/// The result of :meth:`Pipeline.process`: the cleaned ``text`` and the
/// ``facts`` found in it (offsets index ``text``).
#[pyclass(frozen, module = "vietnorm", name = "Document")]
struct PyDocument {
    /// The cleaned text.
    #[pyo3(get)]
    text: String,
    /// The facts found in ``text``, in order.
    #[pyo3(get)]
    facts: Py<PyList>,
}

#[pymethods]
impl PyDocument {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Document(text={:?}, facts=<{} facts>)",
            shorten(&self.text),
            self.facts.bind(py).len()
        )
    }
}

impl Pipeline {
    fn document(py: Python<'_>, text: String, f: engine::CharFacts) -> PyResult<PyDocument> {
        Ok(PyDocument {
            text,
            facts: facts::list_to_py(py, f.facts)?.unbind(),
        })
    }
}

#[pymethods]
impl Pipeline {
    /// ``tone``: ``"keep"``, ``"classic"`` or ``"modern"``; ``repair``:
    /// diacritic repair on or off; ``strength``: ``"gentle"``, ``"auto"``
    /// or ``"firm"``; ``kinds``: fact kinds to extract (default all);
    /// ``encoding``: force an encoding for ``bytes`` inputs (default:
    /// detect).
    #[new]
    #[pyo3(signature = (*, tone = "keep", repair = true, strength = "auto", kinds = None, encoding = None))]
    fn new(
        tone: &str,
        repair: bool,
        strength: &str,
        kinds: Option<Vec<String>>,
        encoding: Option<String>,
    ) -> PyResult<Pipeline> {
        let engine = engine_for(
            tone,
            repair,
            strength,
            kinds.as_deref(),
            true,
            encoding.as_deref(),
        )?;
        Ok(Pipeline {
            engine,
            tone: tone.to_string(),
            repair,
            strength: strength.to_string(),
            kinds,
            encoding,
            adapted: false,
        })
    }

    /// A new pipeline whose diacritic repair is adapted to an archive: a
    /// language model is counted from the documents (``str`` or ``bytes``)
    /// that look clean, damaged ones are skipped, and it is mixed with the
    /// embedded model, so the archive's own names and phrasing help repair
    /// its damaged pages. ``self`` is unchanged. An adapted pipeline cannot
    /// be pickled (adapt on each worker instead).
    ///
    /// >>> import vietnorm
    /// >>> p = vietnorm.Pipeline().adapt(["Xã Ea Tóh tổ chức hội nghị.", "Xã Ea Tóh có 12 thôn."])
    /// >>> p.adapted
    /// True
    #[pyo3(signature = (texts, threads = None))]
    fn adapt(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Pipeline> {
        let inputs = inputs_arg(texts, "adapt")?;
        let engine = py
            .detach(|| self.engine.adapt(&inputs, threads))
            .map_err(fail)?;
        Ok(Pipeline {
            engine,
            tone: self.tone.clone(),
            repair: self.repair,
            strength: self.strength.clone(),
            kinds: self.kinds.clone(),
            encoding: self.encoding.clone(),
            adapted: true,
        })
    }

    /// Whether this pipeline came from :meth:`adapt`.
    #[getter]
    fn adapted(&self) -> bool {
        self.adapted
    }

    /// Cleans one document (``str`` or ``bytes``).
    ///
    /// >>> import vietnorm
    /// >>> vietnorm.Pipeline(repair=False).clean("Ðà Nẵng\u200b")
    /// 'Đà Nẵng'
    fn clean(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        let input = one_input(text, "clean")?;
        Ok(py.detach(|| self.engine.clean_input(&input)))
    }

    /// Reads a file, decodes it and cleans it. Raises ``OSError`` when it
    /// cannot be read.
    fn clean_file(&self, py: Python<'_>, path: PathBuf) -> PyResult<String> {
        py.detach(|| read_file(&path).map(|b| self.engine.clean_bytes(&b)))
    }

    /// Cleans many documents (``str`` or ``bytes`` items, any iterable) on
    /// ``threads`` threads (default: every core), with the GIL released.
    /// Returns the cleaned texts in input order; item by item the same as
    /// :meth:`clean`.
    ///
    /// >>> import vietnorm
    /// >>> vietnorm.Pipeline().clean_batch(["Ðà Nẵng", "Hòa bình"], threads=2)
    /// ['Đà Nẵng', 'Hòa bình']
    #[pyo3(signature = (texts, threads = None))]
    fn clean_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        let inputs = inputs_arg(texts, "clean_batch")?;
        py.detach(|| engine::clean_all(&self.engine, &inputs, threads))
            .map_err(fail)
    }

    /// Finds facts in text as given (no cleaning), like :func:`extract` with
    /// this pipeline's ``kinds``.
    fn extract<'py>(&self, py: Python<'py>, text: String) -> PyResult<Bound<'py, PyList>> {
        let f = py.detach(|| self.engine.extract(&text)).map_err(fail)?;
        facts::list_to_py(py, f.facts)
    }

    /// :meth:`extract` over many texts on ``threads`` threads (default: every
    /// core). Returns one list of facts per text.
    #[pyo3(signature = (texts, threads = None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = texts_arg(texts, "extract_batch")?;
        let all = py
            .detach(|| engine::extract_all(&self.engine, &texts, threads))
            .map_err(fail)?;
        let lists = all
            .into_iter()
            .map(|f| facts::list_to_py(py, f.facts))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, lists)
    }

    /// Cleans one document (``str`` or ``bytes``) and extracts facts from
    /// the cleaned text. Returns a :class:`Document`; fact offsets index
    /// ``Document.text``.
    fn process(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyDocument> {
        let input = one_input(text, "process")?;
        let (t, f) = py.detach(|| self.engine.process(&input)).map_err(fail)?;
        Pipeline::document(py, t, f)
    }

    /// :meth:`process` over many documents on ``threads`` threads (default:
    /// every core), with the GIL released.
    #[pyo3(signature = (texts, threads = None))]
    fn process_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<PyDocument>> {
        let inputs = inputs_arg(texts, "process_batch")?;
        let all = py
            .detach(|| engine::process_all(&self.engine, &inputs, threads))
            .map_err(fail)?;
        all.into_iter()
            .map(|(t, f)| Pipeline::document(py, t, f))
            .collect()
    }

    /// The tone policy.
    #[getter]
    fn tone(&self) -> &str {
        &self.tone
    }

    /// Whether diacritic repair is on.
    #[getter]
    fn repair(&self) -> bool {
        self.repair
    }

    /// The repair strength.
    #[getter]
    fn strength(&self) -> &str {
        &self.strength
    }

    /// The fact kinds extracted (``None``: all).
    #[getter]
    fn kinds(&self) -> Option<Vec<String>> {
        self.kinds.clone()
    }

    /// The forced encoding for ``bytes`` inputs (``None``: detect).
    #[getter]
    fn encoding(&self) -> Option<&str> {
        self.encoding.as_deref()
    }

    fn __repr__(&self) -> String {
        let opt = |o: Option<String>| o.unwrap_or_else(|| "None".to_string());
        format!(
            "Pipeline(tone={:?}, repair={}, strength={:?}, kinds={}, encoding={}){}",
            self.tone,
            if self.repair { "True" } else { "False" },
            self.strength,
            opt(self.kinds.as_ref().map(|k| format!("{k:?}"))),
            opt(self.encoding.as_ref().map(|e| format!("{e:?}"))),
            if self.adapted { ".adapt(…)" } else { "" }
        )
    }

    // Pickling: rebuild from the settings (protocol 2+ calls
    // `Pipeline.__new__(Pipeline, **kwargs)`).
    fn __getnewargs_ex__(&self, py: Python<'_>) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
        if self.adapted {
            return Err(PyTypeError::new_err(
                "an adapted Pipeline cannot be pickled: pickle the pipeline before adapt() and adapt it where it runs",
            ));
        }
        let kw = pyo3::types::PyDict::new(py);
        kw.set_item("tone", &self.tone)?;
        kw.set_item("repair", self.repair)?;
        kw.set_item("strength", &self.strength)?;
        kw.set_item("kinds", self.kinds.clone())?;
        kw.set_item("encoding", self.encoding.clone())?;
        Ok((
            pyo3::types::PyTuple::empty(py).into_any().unbind(),
            kw.into_any().unbind(),
        ))
    }
}

/// The compiled part of the ``vietnorm`` package.
#[pymodule]
fn _vietnorm(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("VietnormError", py.get_type::<VietnormError>())?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(repair, m)?)?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(decode_file, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_class::<Pipeline>()?;
    m.add_class::<PyDocument>()?;
    m.add_class::<PyRepaired>()?;
    m.add_class::<PyEdit>()?;
    m.add_class::<PyDecoded>()?;
    m.add_class::<facts::PyFact>()?;
    m.add_class::<facts::PyDocumentRef>()?;
    m.add_class::<facts::PyDate>()?;
    m.add_class::<facts::PyDateEnd>()?;
    m.add_class::<facts::PyOfficial>()?;
    m.add_class::<facts::PyPercentage>()?;
    m.add_class::<facts::PyPlace>()?;
    m.add_class::<facts::PyQuantity>()?;
    let kinds: Vec<&str> = FactKind::ALL.iter().map(|k| k.as_str()).collect();
    m.add("FACT_KINDS", kinds)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
