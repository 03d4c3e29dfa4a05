"""Clean scraped Vietnamese text, fast.

vietnorm decodes any Vietnamese encoding (UTF-8/16, Windows-1258, TCVN3, VNI,
VISCII, VIQR, mojibake), normalizes (NFC, marks, tone placement, look-alike
letters, spaces), repairs damaged diacritics with a noisy-channel model and
extracts facts (document numbers, dates, officials, percentages, places,
quantities) whose offsets are Python ``str`` indices.

>>> import vietnorm
>>> vietnorm.clean("Ủy bạn nhân đân tỉnh đã bàn hành kế hóạch phát trĩển.")
'Ủy ban nhân dân tỉnh đã ban hành kế hoạch phát triển.'
>>> text = "Sáng 31/10, đồng chí Võ Công Hòa – Phó Bí thư Đảng ủy xã."
>>> [(f.kind, text[f.start:f.end]) for f in vietnorm.extract(text)]
[('date', 'Sáng 31/10'), ('official', 'Võ Công Hòa – Phó Bí thư Đảng ủy xã')]

For many documents build a :class:`Pipeline` once and call
:meth:`Pipeline.clean_batch`: it releases the GIL and uses every core.

Errors: :class:`VietnormError` (a ``ValueError``) for bad arguments,
``OSError`` for files that cannot be read, ``TypeError`` for wrong types.
"""

from ._vietnorm import (
    FACT_KINDS,
    Date,
    DateEnd,
    Decoded,
    Document,
    DocumentRef,
    Edit,
    Fact,
    Official,
    Percentage,
    Pipeline,
    Place,
    Quantity,
    Repaired,
    VietnormError,
    __version__,
    clean,
    decode,
    decode_file,
    extract,
    normalize,
    repair,
)

__all__ = [
    "FACT_KINDS",
    "Date",
    "DateEnd",
    "Decoded",
    "Document",
    "DocumentRef",
    "Edit",
    "Fact",
    "Official",
    "Percentage",
    "Pipeline",
    "Place",
    "Quantity",
    "Repaired",
    "VietnormError",
    "__version__",
    "clean",
    "decode",
    "decode_file",
    "extract",
    "normalize",
    "repair",
]
