#!/usr/bin/env python3
"""Compare vietnorm's generated syllable inventory with an independent list.

usage: cargo run -q --example dump_inventory > /tmp/inv.txt
       python3 tools/compare_inventory.py /tmp/inv.txt LIST.txt [LIST.txt ...]

Each list is canonicalised to lowercase NFC with modern tone placement by
asking vietnorm itself (the inventory file), so only real differences show:
syllables one side has and the other does not, grouped by rhyme-ish suffix.
"""
import sys, unicodedata, collections

TONES = '\u0300\u0301\u0309\u0303\u0323'


def toneless(s):
    d = unicodedata.normalize('NFD', s)
    return unicodedata.normalize('NFC', ''.join(c for c in d if c not in TONES))


def tone_of(s):
    for c in unicodedata.normalize('NFD', s):
        if c in TONES:
            return c
    return ''


def key(s):
    # placement-insensitive identity: toneless spelling + tone
    return (toneless(s), tone_of(s))


ours = [l.strip() for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
ours_k = {key(s): s for s in ours}
for path in sys.argv[2:]:
    theirs = set()
    for l in open(path, encoding='utf-8'):
        l = unicodedata.normalize('NFC', l.strip().lower())
        if l:
            theirs.add(l)
    th_k = {key(s): s for s in theirs}
    only_ours = sorted(ours_k[k] for k in ours_k.keys() - th_k.keys())
    only_theirs = sorted(th_k[k] for k in th_k.keys() - ours_k.keys())
    print(f'== {path}: ours {len(ours_k)}, theirs {len(th_k)}, shared {len(ours_k.keys() & th_k.keys())}')
    for name, lst in (('only ours', only_ours), ('only theirs', only_theirs)):
        by = collections.Counter(toneless(s) for s in lst)
        print(f'-- {name}: {len(lst)} ({len(by)} toneless spellings)')
        print(' '.join(sorted(by)))
