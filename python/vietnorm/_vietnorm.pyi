"""Type stubs for the compiled part of vietnorm (re-exported by ``vietnorm``)."""

import os
from typing import Iterable, List, Literal, Optional, Sequence, Union

ToneName = Literal["keep", "classic", "modern"]
StrengthName = Literal["gentle", "auto", "firm"]
FactKindName = Literal["document_ref", "date", "official", "percentage", "place", "quantity"]
BytesLike = Union[bytes, bytearray, memoryview]
Document_ = Union[str, BytesLike]

__version__: str
FACT_KINDS: List[str]

class VietnormError(ValueError):
    """Invalid argument (unknown tone, strength, encoding or fact kind,
    ``threads=0``) or failed operation. File problems raise ``OSError``."""

def clean(text: str, *, tone: ToneName = "keep", repair: bool = True) -> str:
    """Repair mojibake, normalize, repair diacritics.

    >>> clean("Ðồng chí\\u00a0Bí thư, qủa hòa", tone="modern")
    'Đồng chí Bí thư, quả hoà'
    """

def normalize(text: str, *, tone: ToneName = "keep") -> str:
    """NFC, marks, tone placement, look-alike letters, spaces; no repair.

    >>> normalize("Hòa bình, qủa ngọt\\u00a0và thủy lợi", tone="modern")
    'Hoà bình, quả ngọt và thuỷ lợi'
    """

def repair(text: str, *, tone: ToneName = "keep", strength: StrengthName = "auto") -> Repaired:
    """Repair damaged diacritics of one document; returns text and edits."""

def decode(data: BytesLike, *, encoding: Optional[str] = None) -> Decoded:
    """Decode bytes in any Vietnamese encoding (detected unless forced).

    >>> decode(b"Vie\\xe4t Nam").text
    'Việt Nam'
    """

def decode_file(path: Union[str, os.PathLike[str]], *, encoding: Optional[str] = None) -> Decoded:
    """Read and decode a file; ``OSError`` if it cannot be read."""

def extract(text: str, *, kinds: Optional[Sequence[FactKindName]] = None) -> List[Fact]:
    """Facts in ``text`` as given; ``text[f.start:f.end] == f.text``."""

class Edit:
    """One word changed by :func:`repair` (``str`` indices into its input)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def original(self) -> str: ...
    @property
    def replacement(self) -> str: ...
    @property
    def confidence(self) -> float: ...

class Repaired:
    """Result of :func:`repair`."""

    @property
    def text(self) -> str: ...
    @property
    def edits(self) -> List[Edit]: ...

class Decoded:
    """Result of :func:`decode`."""

    @property
    def text(self) -> str: ...
    @property
    def encoding(self) -> Literal["utf-8", "utf-16", "cp1258", "tcvn3", "vni", "viscii", "viqr"]: ...
    @property
    def confidence(self) -> float: ...
    @property
    def replaced(self) -> int: ...
    @property
    def mojibake_repairs(self) -> int: ...

class Fact:
    """A fact; ``start``/``end`` are ``str`` indices (code points)."""

    @property
    def kind(self) -> FactKindName: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    def to_dict(self) -> dict[str, object]: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class DocumentRef(Fact):
    """``Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị``."""

    @property
    def doc_type(self) -> Optional[str]: ...
    @property
    def number(self) -> str: ...
    @property
    def year(self) -> Optional[int]: ...
    @property
    def symbol(self) -> Optional[str]: ...
    @property
    def issuer_code(self) -> Optional[str]: ...
    @property
    def issued_on(self) -> Optional[str]: ...
    @property
    def issuer(self) -> Optional[str]: ...

class DateEnd:
    """End of a date range."""

    @property
    def year(self) -> Optional[int]: ...
    @property
    def month(self) -> Optional[int]: ...
    @property
    def day(self) -> Optional[int]: ...

class Date(Fact):
    """A date, possibly partial, possibly a range."""

    @property
    def year(self) -> Optional[int]: ...
    @property
    def month(self) -> Optional[int]: ...
    @property
    def day(self) -> Optional[int]: ...
    @property
    def part_of_day(self) -> Optional[Literal["sáng", "trưa", "chiều", "tối", "đêm"]]: ...
    @property
    def until(self) -> Optional[DateEnd]: ...

class Official(Fact):
    """A named official with titles."""

    @property
    def name(self) -> str: ...
    @property
    def titles(self) -> List[str]: ...

class Percentage(Fact):
    """``trên 98%``."""

    @property
    def value(self) -> float: ...
    @property
    def qualifier(self) -> Optional[Literal["above", "below", "approx", "at_least", "at_most"]]: ...

class Place(Fact):
    """``xã Đăk Môn``."""

    @property
    def level(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def code(self) -> Optional[str]: ...
    @property
    def legacy(self) -> bool: ...

class Quantity(Fact):
    """``2.945 hồ sơ``, ``36/74 hoạt động``."""

    @property
    def value(self) -> Optional[float]: ...
    @property
    def numerator(self) -> Optional[float]: ...
    @property
    def denominator(self) -> Optional[float]: ...
    @property
    def unit(self) -> str: ...

class Document:
    """Result of :meth:`Pipeline.process`: cleaned text and its facts."""

    @property
    def text(self) -> str: ...
    @property
    def facts(self) -> List[Fact]: ...

class Pipeline:
    """decode → normalize → repair → extract, configured once; picklable.

    >>> p = Pipeline(tone="modern")
    >>> p.clean_batch(["Hòa bình", b"Vie\\xe4t Nam"])
    ['Hoà bình', 'Việt Nam']
    """

    def __init__(
        self,
        *,
        tone: ToneName = "keep",
        repair: bool = True,
        strength: StrengthName = "auto",
        kinds: Optional[Sequence[FactKindName]] = None,
        encoding: Optional[str] = None,
    ) -> None: ...
    @property
    def tone(self) -> str: ...
    @property
    def repair(self) -> bool: ...
    @property
    def strength(self) -> str: ...
    @property
    def kinds(self) -> Optional[List[str]]: ...
    @property
    def encoding(self) -> Optional[str]: ...
    @property
    def adapted(self) -> bool: ...
    def adapt(self, texts: Iterable[Document_], threads: Optional[int] = None) -> Pipeline: ...
    def clean(self, text: Document_) -> str: ...
    def clean_file(self, path: Union[str, os.PathLike[str]]) -> str: ...
    def clean_batch(self, texts: Iterable[Document_], threads: Optional[int] = None) -> List[str]: ...
    def extract(self, text: str) -> List[Fact]: ...
    def extract_batch(self, texts: Iterable[str], threads: Optional[int] = None) -> List[List[Fact]]: ...
    def process(self, text: Document_) -> Document: ...
    def process_batch(self, texts: Iterable[Document_], threads: Optional[int] = None) -> List[Document]: ...
