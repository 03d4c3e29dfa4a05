use super::*;

fn modern() -> Normalizer {
    Normalizer::builder()
        .tone(TonePolicy::Modern)
        .build()
        .unwrap()
}

fn classic() -> Normalizer {
    Normalizer::builder()
        .tone(TonePolicy::Classic)
        .build()
        .unwrap()
}

#[test]
fn clean_text_is_borrowed() {
    let t = "Chiều ngày 28 tháng 10 năm 2025, đồng chí Bí thư Đảng ủy xã chủ trì hội nghị; UBND, HĐND, 57-NQ/TW.";
    assert!(matches!(normalize(t), Cow::Borrowed(_)));
}

#[test]
fn basic_rules() {
    let n = Normalizer::new();
    assert_eq!(n.normalize("Vie\u{323}\u{302}t Nam"), "Việt Nam");
    assert_eq!(n.normalize("qủa"), "quả");
    assert_eq!(n.normalize("gía"), "giá");
    assert_eq!(n.normalize("trừơng"), "trường");
    assert_eq!(n.normalize("hòan thành"), "hoàn thành");
    assert_eq!(n.normalize("hòa và hoà"), "hòa và hoà");
    assert_eq!(n.normalize("Ðảng"), "Đảng");
    assert_eq!(n.normalize("𝐓𝐇𝐀́𝐍𝐆"), "THÁNG");
    assert_eq!(n.normalize("ＵＢＮＤ"), "UBND");
    assert_eq!(n.normalize("½ m² ™"), "½ m² ™");
    assert_eq!(n.normalize("a\u{a0}b\u{200b}c\u{ad}d\u{feff}"), "a bcd");
    assert_eq!(n.normalize("dòng 1\r\ndòng 2\n"), "dòng 1\r\ndòng 2\n");
    assert_eq!(n.normalize("a\u{301}\u{301}"), "á");
    assert_eq!(n.normalize("a\u{341}"), "á");
    assert_eq!(n.normalize("x \u{301}y"), "x y");
}

#[test]
fn policies() {
    assert_eq!(modern().normalize("hòa thủy khỏe HÒA"), "hoà thuỷ khoẻ HOÀ");
    assert_eq!(
        classic().normalize("hoà thuỷ khoẻ Hoà"),
        "hòa thủy khỏe Hòa"
    );
    assert_eq!(
        modern().normalize("hoàn hoạt Huỳnh quý khuyến"),
        "hoàn hoạt Huỳnh quý khuyến"
    );
    assert_eq!(
        classic().normalize("hoàn hoạt Huỳnh quý khuyến"),
        "hoàn hoạt Huỳnh quý khuyến"
    );
}

#[test]
fn stacked_are_reported_not_guessed() {
    let out = Normalizer::new().normalize_aligned("họ\u{301}p");
    assert_eq!(out.stacked.len(), 1);
    let sp = out.stacked[0];
    assert!(out.text[sp.range()].starts_with('ọ'));
}

#[test]
fn alignment_maps_back() {
    let input = "Ðồng chí\u{a0}Trần Văn Phương – Bí thư Ðảng ủy";
    let out = Normalizer::new().normalize_aligned(input);
    assert_eq!(out.text, "Đồng chí Trần Văn Phương – Bí thư Đảng ủy");
    let i = out.text.find("Trần").unwrap();
    let sp = out
        .alignment
        .map_span(Span::new(i, i + "Trần Văn Phương".len()));
    assert_eq!(&input[sp.range()], "Trần Văn Phương");
    let j = out.text.find("Đảng").unwrap();
    let sp = out.alignment.map_span(Span::new(j, j + "Đảng".len()));
    assert_eq!(&input[sp.range()], "Ðảng");
}

#[test]
fn corpus_sentences_are_clean() {
    // every bench sentence is clean NFC Vietnamese: the scan must find nothing
    let text = include_str!("../../benches/corpus.rs");
    for line in text.lines().filter(|l| l.trim_start().starts_with('"')) {
        let s = line.trim().trim_start_matches('"').trim_end_matches("\",");
        let d = scan::first_dirty(s, 0, TonePolicy::Keep);
        assert!(d.is_none(), "dirty at {:?} in {s}", d.map(|i| &s[i..]));
    }
}

#[test]
fn same_modifier_twice_collapses() {
    for p in [TonePolicy::Keep, TonePolicy::Classic, TonePolicy::Modern] {
        let n = Normalizer::builder().tone(p).build().unwrap();
        assert_eq!(n.normalize("hoà\u{302}\u{302}"), "hoầ");
        assert_eq!(n.normalize("a\u{306}\u{306}n"), "ăn");
    }
}

#[test]
fn table_composition_agrees_with_the_general_one() {
    // every ASCII letter with up to three marks (the Vietnamese ones, their
    // deprecated aliases and a foreign one): where the table composes, the
    // general path composes the same letter; where it gives up, the general
    // path gives up too or the word has a repeated modifier
    let marks = [
        '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{302}', '\u{306}', '\u{31b}',
        '\u{340}', '\u{341}', '\u{308}',
    ];
    let mut seqs: Vec<Vec<char>> = marks.iter().map(|&m| vec![m]).collect();
    for _ in 0..2 {
        let longer: Vec<Vec<char>> = seqs
            .iter()
            .flat_map(|s| marks.iter().map(move |&m| [s.clone(), vec![m]].concat()))
            .collect();
        seqs.extend(longer);
    }
    seqs.sort();
    seqs.dedup();
    let mut composed = 0;
    for b in (b'A'..=b'Z').chain(b'a'..=b'z') {
        for seq in &seqs {
            let bytes: String = seq.iter().collect();
            let general = marks::compose_vietnamese(b as char, seq).map(|(c, _)| c);
            match compose::compose(b, bytes.as_bytes()) {
                Some((c, used)) => {
                    assert_eq!(used, bytes.len());
                    assert_eq!(Some(c), general, "{}{bytes:?}", b as char);
                    composed += 1;
                }
                None => {
                    let modifiers = seq.iter().filter(|m| "\u{302}\u{306}\u{31b}".contains(**m));
                    assert!(
                        general.is_none() || modifiers.count() > 1,
                        "{}{bytes:?} gives {general:?}",
                        b as char
                    );
                }
            }
        }
    }
    assert!(composed > 12 * 20);
}

#[test]
fn scan_passes_only_what_the_general_path_keeps() {
    // the scan's shortcuts for toned vowels, over every word shape: a word
    // the scan lets through must come out of the general path unchanged
    let onsets = ["", "q", "g", "đ", "Tr", "ư"];
    let vowels = [
        "a", "á", "o", "ò", "u", "ú", "i", "í", "y", "ý", "ê", "ế", "ơ", "ớ", "ư", "ừ", "â", "ấ",
        "ạ", "e", "ẻ", "ô", "ố", "ắ", "A", "Ó", "Ủ",
    ];
    let codas = ["", "n", "c", "đ", "1"];
    // one or two of any vowel, three of the commoner ones
    let common = &vowels[..18];
    let mut clusters: Vec<String> = vowels.iter().map(|v| v.to_string()).collect();
    for a in vowels {
        clusters.extend(vowels.iter().map(|b| format!("{a}{b}")));
    }
    for a in common {
        for b in common {
            clusters.extend(common.iter().map(|c| format!("{a}{b}{c}")));
        }
    }
    let (mut passed, mut caught) = (0, 0);
    for policy in [TonePolicy::Keep, TonePolicy::Classic, TonePolicy::Modern] {
        let n = Normalizer::builder().tone(policy).build().unwrap();
        let mut scratch = WordScratch::default();
        for onset in onsets {
            for coda in codas {
                for cl in &clusters {
                    let w = format!("{onset}{cl}{coda}");
                    n.word(&w, &mut scratch, false);
                    if scan::first_dirty(&w, 0, policy).is_none() {
                        assert_eq!(scratch.out, w, "under {policy:?}");
                        passed += 1;
                    } else if scratch.out != w {
                        caught += 1;
                    }
                }
            }
        }
    }
    assert!(passed > 10_000 && caught > 1_000, "{passed} {caught}");
}

#[test]
fn singleton_latin_letters_collapse_repeated_marks() {
    // the angstrom sign becomes Å under NFC: its repeated marks collapse on
    // the first run as on the second (fuzz regression)
    for s in ["\u{212B}\u{325}\u{325}", "\u{212B}\u{325}\u{325}\u{325}i"] {
        let once = normalize(s).into_owned();
        assert_eq!(normalize(&once), once);
    }
    assert_eq!(normalize("\u{212B}\u{325}\u{325}"), "\u{1E00}\u{30A}");
}
