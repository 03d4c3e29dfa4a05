"""Each kind of error reaches Python as the right exception."""

import os

import pytest

import vietnorm


def test_vietnorm_error_is_value_error():
    assert issubclass(vietnorm.VietnormError, ValueError)
    assert vietnorm.VietnormError.__module__ == "vietnorm"


@pytest.mark.parametrize(
    "call",
    [
        lambda: vietnorm.clean("x", tone="newest"),
        lambda: vietnorm.normalize("x", tone="Modern "),
        lambda: vietnorm.repair("x", strength="hard"),
        lambda: vietnorm.decode(b"x", encoding="latin-9"),
        lambda: vietnorm.extract("x", kinds=["dates"]),
        lambda: vietnorm.Pipeline(tone="nope"),
        lambda: vietnorm.Pipeline(strength="nope"),
        lambda: vietnorm.Pipeline(kinds=["person"]),
        lambda: vietnorm.Pipeline(encoding="koi8-r"),
        lambda: vietnorm.Pipeline().clean_batch(["x"], threads=0),
        lambda: vietnorm.Pipeline().process_batch(["x"], threads=0),
        lambda: vietnorm.Pipeline().extract_batch(["x"], threads=0),
    ],
)
def test_bad_arguments_raise_vietnorm_error(call):
    with pytest.raises(vietnorm.VietnormError) as e:
        call()
    assert isinstance(e.value, ValueError)
    assert str(e.value)  # a message that says what went wrong


def test_messages_name_the_choices():
    with pytest.raises(vietnorm.VietnormError, match="keep, classic or modern"):
        vietnorm.clean("x", tone="x")
    with pytest.raises(vietnorm.VietnormError, match="gentle, auto or firm"):
        vietnorm.repair("x", strength="x")
    with pytest.raises(vietnorm.VietnormError, match="document_ref"):
        vietnorm.extract("x", kinds=["x"])


def test_missing_file_is_file_not_found(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError) as e:
        vietnorm.decode_file(missing)
    assert e.value.filename == str(missing)
    with pytest.raises(FileNotFoundError):
        vietnorm.Pipeline().clean_file(str(missing))


def test_directory_is_os_error(tmp_path):
    with pytest.raises(OSError) as e:
        vietnorm.decode_file(tmp_path)
    assert not isinstance(e.value, vietnorm.VietnormError)


def test_files_are_read_and_decoded(tmp_path):
    f = tmp_path / "page.txt"
    f.write_bytes(b"Vie\xe4t Nam la\xf8 mo\xe4t n\xf6\xf4\xf9c")  # VNI-Windows
    d = vietnorm.decode_file(f)
    assert (d.text, d.encoding) == ("Việt Nam là một nước", "vni")
    assert vietnorm.Pipeline().clean_file(os.fspath(f)) == "Việt Nam là một nước"


@pytest.mark.parametrize(
    "call",
    [
        lambda: vietnorm.decode("Việt Nam"),
        lambda: vietnorm.decode(None),
        lambda: vietnorm.clean(b"bytes"),
        lambda: vietnorm.clean(None),
        lambda: vietnorm.Pipeline().clean(42),
        lambda: vietnorm.Pipeline().clean_batch("a single string"),
        lambda: vietnorm.Pipeline().clean_batch(b"a single bytes"),
        lambda: vietnorm.Pipeline().clean_batch(["ok", 3]),
        lambda: vietnorm.Pipeline().clean_batch(None),
        lambda: vietnorm.Pipeline().extract_batch([b"bytes"]),
        lambda: vietnorm.Pipeline(tone="keep", repair="yes"),
        lambda: vietnorm.Pipeline("modern"),
    ],
)
def test_wrong_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_str_to_decode_says_what_to_do():
    with pytest.raises(TypeError, match="already text"):
        vietnorm.decode("Việt Nam")


def test_batch_type_error_names_the_index():
    with pytest.raises(TypeError, match="index 1"):
        vietnorm.Pipeline().clean_batch(["ok", 3.5])


def test_lone_surrogate_is_unicode_error_not_crash():
    with pytest.raises(UnicodeEncodeError):
        vietnorm.clean("Vi\ud800t")
    with pytest.raises(UnicodeEncodeError):
        vietnorm.Pipeline().clean_batch(["ok", "Vi\udfffet"])


def test_garbage_bytes_never_raise():
    import random

    rng = random.Random(3)
    p = vietnorm.Pipeline()
    blobs = [bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400))) for _ in range(200)]
    out = p.clean_batch(blobs)
    assert len(out) == len(blobs)
    for b in blobs[:20]:
        d = vietnorm.decode(b)
        assert isinstance(d.text, str) and d.replaced >= 0
