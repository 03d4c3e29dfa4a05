//! Facts as Python objects: a `Fact` base class with one subclass per kind,
//! whose attributes are the kind's typed fields.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::PyClassInitializer;
use serde_json::Value;
use vietnorm::extract::{self, CharFact, FactData};

use crate::VietnormError;

/// A fact found in a text: a document number, a date, an official, a
/// percentage, a place or a quantity.
///
/// ``start`` and ``end`` are Python ``str`` indices (code points) into the
/// text the fact was found in, so ``text[f.start:f.end] == f.text``. Each
/// kind is a subclass with its own typed attributes; ``to_dict()`` gives
/// them all as a plain dict (the same fields as ``vietnorm extract`` prints
/// as JSON).
///
/// >>> import vietnorm
/// >>> text = "Sáng 31/10, đồng chí Võ Công Hòa – Phó Bí thư Đảng ủy xã."
/// >>> f = vietnorm.extract(text)[0]
/// >>> f.kind, f.text, text[f.start:f.end] == f.text
/// ('date', 'Sáng 31/10', True)
#[pyclass(subclass, frozen, module = "vietnorm", name = "Fact")]
pub struct PyFact {
    fact: extract::Fact,
    start: usize,
    end: usize,
}

impl PyFact {
    fn json(&self) -> Result<Value, PyErr> {
        let cf = CharFact {
            start: self.start,
            end: self.end,
            fact: &self.fact,
        };
        serde_json::to_value(cf).map_err(|e| VietnormError::new_err(e.to_string()))
    }
}

#[pymethods]
impl PyFact {
    /// The kind: ``document_ref``, ``date``, ``official``, ``percentage``,
    /// ``place`` or ``quantity``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.fact.kind().as_str()
    }

    /// Start of the fact, as a ``str`` index (code points).
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// End of the fact (exclusive), as a ``str`` index (code points).
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// The matched text, ``text[start:end]``.
    #[getter]
    fn text(&self) -> &str {
        &self.fact.text
    }

    /// Every field as a dict: ``kind``, ``start``, ``end``, ``text`` and
    /// the kind's own fields (whole numbers as ``int``; absent optional
    /// fields of quantities are left out).
    ///
    /// >>> import vietnorm
    /// >>> vietnorm.extract("đạt trên 98% kế hoạch")[0].to_dict()
    /// {'kind': 'percentage', 'start': 4, 'end': 12, 'text': 'trên 98%', 'value': 98, 'qualifier': 'above'}
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.json()?)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        let name = slf.get_type().name()?.to_string();
        let v = slf.get().json()?;
        let mut parts = Vec::new();
        if let Value::Object(map) = v {
            for (k, v) in map {
                if k == "kind" {
                    continue;
                }
                let r = json_to_py(py, &v)?.repr()?.to_string();
                parts.push(format!("{k}={r}"));
            }
        }
        Ok(format!("{name}({})", parts.join(", ")))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PyFact>() {
            Ok(o) => {
                let o = o.get();
                self.start == o.start && self.end == o.end && self.fact == o.fact
            }
            Err(_) => false,
        }
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.fact.kind(), self.start, self.end, &self.fact.text).hash(&mut h);
        h.finish()
    }
}

/// A document reference: ``Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ
/// Chính trị``.
///
/// >>> import vietnorm
/// >>> d = vietnorm.extract("theo Kế hoạch số 129/KH-UBND ngày 05/3/2025")[0]
/// >>> d.doc_type, d.number, d.symbol, d.issuer_code, d.issued_on
/// ('Kế hoạch', '129', '129/KH-UBND', 'UBND', '2025-03-05')
#[pyclass(extends = PyFact, frozen, module = "vietnorm", name = "DocumentRef")]
pub struct PyDocumentRef {
    d: extract::DocumentRef,
}

#[pymethods]
impl PyDocumentRef {
    /// Canonical document type (``Nghị quyết``), or ``None``.
    #[getter]
    fn doc_type(&self) -> Option<&str> {
        self.d.doc_type.as_deref()
    }
    /// The number as written (``57``, ``09``).
    #[getter]
    fn number(&self) -> &str {
        &self.d.number
    }
    /// The year in the symbol, else the year it was issued, or ``None``.
    #[getter]
    fn year(&self) -> Option<u16> {
        self.d.year
    }
    /// The canonical symbol (``57-NQ/TW``), or ``None`` for a bare number.
    #[getter]
    fn symbol(&self) -> Option<&str> {
        self.d.symbol.as_deref()
    }
    /// The issuing body's code (``TW``, ``UBND``), or ``None``.
    #[getter]
    fn issuer_code(&self) -> Option<&str> {
        self.d.issuer_code.as_deref()
    }
    /// ``YYYY-MM-DD`` from a following ``ngày …``, or ``None``.
    #[getter]
    fn issued_on(&self) -> Option<&str> {
        self.d.issued_on.as_deref()
    }
    /// The body named in a following ``của …``, or ``None``.
    #[getter]
    fn issuer(&self) -> Option<&str> {
        self.d.issuer.as_deref()
    }
}

/// A date, possibly partial (``tháng 3/2025``), possibly a range
/// (``2021-2025``).
///
/// >>> import vietnorm
/// >>> d = vietnorm.extract("Sáng 31/10/2025, hội nghị khai mạc")[0]
/// >>> d.year, d.month, d.day, d.part_of_day, d.until
/// (2025, 10, 31, 'sáng', None)
#[pyclass(extends = PyFact, frozen, module = "vietnorm", name = "Date")]
pub struct PyDate {
    d: extract::Date,
}

#[pymethods]
impl PyDate {
    /// Year, or ``None``.
    #[getter]
    fn year(&self) -> Option<u16> {
        self.d.year
    }
    /// Month 1–12, or ``None``.
    #[getter]
    fn month(&self) -> Option<u8> {
        self.d.month
    }
    /// Day of month, or ``None``.
    #[getter]
    fn day(&self) -> Option<u8> {
        self.d.day
    }
    /// ``sáng``, ``trưa``, ``chiều``, ``tối`` or ``đêm``, or ``None``.
    #[getter]
    fn part_of_day(&self) -> Option<String> {
        self.d
            .part_of_day
            .and_then(|p| match serde_json::to_value(p) {
                Ok(Value::String(s)) => Some(s),
                _ => None,
            })
    }
    /// The end of a range as a :class:`DateEnd`, or ``None``.
    #[getter]
    fn until(&self) -> Option<PyDateEnd> {
        self.d.until.map(|u| PyDateEnd {
            year: u.year,
            month: u.month,
            day: u.day,
        })
    }
}

/// The end of a date range: ``year``, ``month``, ``day`` (each may be
/// ``None``).
#[pyclass(frozen, eq, module = "vietnorm", name = "DateEnd")]
#[derive(PartialEq)]
pub struct PyDateEnd {
    /// Year, or ``None``.
    #[pyo3(get)]
    year: Option<u16>,
    /// Month, or ``None``.
    #[pyo3(get)]
    month: Option<u8>,
    /// Day, or ``None``.
    #[pyo3(get)]
    day: Option<u8>,
}

#[pymethods]
impl PyDateEnd {
    fn __repr__(&self) -> String {
        let o = |v: Option<u16>| v.map_or("None".to_string(), |v| v.to_string());
        format!(
            "DateEnd(year={}, month={}, day={})",
            o(self.year),
            o(self.month.map(u16::from)),
            o(self.day.map(u16::from))
        )
    }
}

/// A named official with titles: ``Võ Công Hòa – Phó Bí thư Đảng ủy``.
///
/// >>> import vietnorm
/// >>> o = vietnorm.extract("đồng chí Võ Công Hòa – Phó Bí thư Đảng ủy xã")[0]
/// >>> o.name, o.titles
/// ('Võ Công Hòa', ['Phó Bí thư Đảng ủy xã'])
#[pyclass(extends = PyFact, frozen, module = "vietnorm", name = "Official")]
pub struct PyOfficial {
    d: extract::Official,
}

#[pymethods]
impl PyOfficial {
    /// The person's name as written.
    #[getter]
    fn name(&self) -> &str {
        &self.d.name
    }
    /// The titles as written, in order.
    #[getter]
    fn titles(&self) -> Vec<String> {
        self.d.titles.clone()
    }
}

/// A percentage: ``trên 98%``.
///
/// >>> import vietnorm
/// >>> p = vietnorm.extract("tỷ lệ đạt khoảng 45,5%")[0]
/// >>> p.value, p.qualifier
/// (45.5, 'approx')
#[pyclass(extends = PyFact, frozen, module = "vietnorm", name = "Percentage")]
pub struct PyPercentage {
    d: extract::Percentage,
}

#[pymethods]
impl PyPercentage {
    /// The number (a decimal comma is read as a decimal point).
    #[getter]
    fn value(&self) -> f64 {
        self.d.value
    }
    /// ``above``, ``below``, ``approx``, ``at_least``, ``at_most`` or
    /// ``None``.
    #[getter]
    fn qualifier(&self) -> Option<String> {
        self.d
            .qualifier
            .and_then(|q| match serde_json::to_value(q) {
                Ok(Value::String(s)) => Some(s),
                _ => None,
            })
    }
}

/// An administrative unit: ``xã Đăk Môn``.
#[pyclass(extends = PyFact, frozen, module = "vietnorm", name = "Place")]
pub struct PyPlace {
    d: extract::Place,
}

#[pymethods]
impl PyPlace {
    /// The unit word, lowercase (``xã``, ``phường``, ``tỉnh``, …).
    #[getter]
    fn level(&self) -> &str {
        &self.d.level
    }
    /// The unit's name as written.
    #[getter]
    fn name(&self) -> &str {
        &self.d.name
    }
    /// The official code when the name is known and unambiguous, or
    /// ``None``.
    #[getter]
    fn code(&self) -> Option<&str> {
        self.d.code.as_deref()
    }
    /// True when ``code`` is a pre-2025 code (a unit merged or dissolved in
    /// the 2025 reform).
    #[getter]
    fn legacy(&self) -> bool {
        self.d.legacy
    }
}

/// A counted or measured amount: ``2.945 hồ sơ``, ``36/74 hoạt động``.
#[pyclass(extends = PyFact, frozen, module = "vietnorm", name = "Quantity")]
pub struct PyQuantity {
    d: extract::Quantity,
}

#[pymethods]
impl PyQuantity {
    /// The amount, or ``None`` for a fraction.
    #[getter]
    fn value(&self) -> Option<f64> {
        self.d.value
    }
    /// The numerator of ``36/74``, or ``None``.
    #[getter]
    fn numerator(&self) -> Option<f64> {
        self.d.numerator
    }
    /// The denominator of ``36/74``, or ``None``.
    #[getter]
    fn denominator(&self) -> Option<f64> {
        self.d.denominator
    }
    /// The counted noun or measure in its dictionary form (``hồ sơ``).
    #[getter]
    fn unit(&self) -> &str {
        &self.d.unit
    }
}

/// Wraps a fact with code-point offsets in the Python class of its kind.
pub fn to_py(py: Python<'_>, fact: extract::Fact, start: usize, end: usize) -> PyResult<Py<PyAny>> {
    let data = fact.data.clone();
    let base = PyClassInitializer::from(PyFact { fact, start, end });
    Ok(match data {
        FactData::DocumentRef(d) => Py::new(py, base.add_subclass(PyDocumentRef { d }))?.into_any(),
        FactData::Date(d) => Py::new(py, base.add_subclass(PyDate { d }))?.into_any(),
        FactData::Official(d) => Py::new(py, base.add_subclass(PyOfficial { d }))?.into_any(),
        FactData::Percentage(d) => Py::new(py, base.add_subclass(PyPercentage { d }))?.into_any(),
        FactData::Place(d) => Py::new(py, base.add_subclass(PyPlace { d }))?.into_any(),
        FactData::Quantity(d) => Py::new(py, base.add_subclass(PyQuantity { d }))?.into_any(),
        // a kind added to the library later still reaches Python as a Fact
        _ => Py::new(py, base)?.into_any(),
    })
}

/// A list of facts as Python objects.
pub fn list_to_py<'py>(
    py: Python<'py>,
    facts: Vec<(extract::Fact, usize, usize)>,
) -> PyResult<Bound<'py, PyList>> {
    let items = facts
        .into_iter()
        .map(|(f, s, e)| to_py(py, f, s, e))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| json_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}
