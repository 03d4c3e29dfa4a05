use super::*;

#[test]
fn valid_and_invalid() {
    for w in [
        "nghiêng",
        "Nguyễn",
        "quả",
        "quý",
        "quyết",
        "quên",
        "quốc",
        "gì",
        "gìn",
        "giếng",
        "già",
        "giữ",
        "hoà",
        "hòa",
        "khuỷu",
        "ngoài",
        "người",
        "khuyến",
        "Huỳnh",
        "hoạt",
        "thuở",
        "oà",
        "yêu",
        "uyển",
        "xoong",
        "Đắk",
        "Lắk",
        "ĐẢNG",
        "trường",
        "kỹ",
        "kĩ",
        "ghế",
        "nghề",
        "cà",
        "phường",
        "a",
        "ý",
        "quên",
    ] {
        assert!(is_valid(w), "{w} should be valid");
    }
    for w in [
        "khóă",
        "địện",
        "ngàỹ",
        "tị̉nh",
        "UBND",
        "hát̀",
        "hat",
        "hàt",
        "ka",
        "ci",
        "ghu",
        "ngo\u{301}\u{300}",
        "qa",
        "gie\u{302}\u{302}",
        "xyz",
        "boa",
        "Ksor",
        "café",
        "1a",
    ] {
        assert!(!is_valid(w), "{w} should be invalid");
    }
}

#[test]
fn parts() {
    let s = parse("thuyền").unwrap();
    assert_eq!(
        (
            s.onset(),
            s.glide().as_str(),
            s.nucleus().as_str(),
            s.coda().as_str()
        ),
        ("th", "u", "yê", "n")
    );
    assert_eq!(s.tone(), Tone::Grave);
    let s = parse("người").unwrap();
    assert_eq!(
        (
            s.onset(),
            s.glide().as_str(),
            s.nucleus().as_str(),
            s.coda().as_str()
        ),
        ("ng", "", "ươ", "i")
    );
    let s = parse("giếng").unwrap();
    assert_eq!(
        (s.onset(), s.nucleus().as_str(), s.coda().as_str()),
        ("gi", "iê", "ng")
    );
    let s = parse("mía").unwrap();
    assert_eq!((s.nucleus().as_str(), s.coda().as_str()), ("ia", ""));
}

#[test]
fn tone_styles() {
    let cases = [
        ("hòa", "hòa", "hoà"),
        ("hoà", "hòa", "hoà"),
        ("thủy", "thủy", "thuỷ"),
        ("khoẻ", "khỏe", "khoẻ"),
        ("Hoà", "Hòa", "Hoà"),
        ("HOÀ", "HÒA", "HOÀ"),
        ("hoàn", "hoàn", "hoàn"),
        ("hoạt", "hoạt", "hoạt"),
        ("Huỳnh", "Huỳnh", "Huỳnh"),
        ("quý", "quý", "quý"),
        ("khuyến", "khuyến", "khuyến"),
        ("qủa", "quả", "quả"),
        ("gía", "giá", "giá"),
        ("trừơng", "trường", "trường"),
        ("hòan", "hoàn", "hoàn"),
        ("ngòai", "ngoài", "ngoài"),
        ("của", "của", "của"),
        ("gì", "gì", "gì"),
        ("uỷ", "ủy", "uỷ"),
        ("tùy", "tùy", "tuỳ"),
    ];
    for (w, classic, modern) in cases {
        assert_eq!(
            place_tone(w, ToneStyle::Classic).as_deref(),
            Some(classic),
            "{w} classic"
        );
        assert_eq!(
            place_tone(w, ToneStyle::Modern).as_deref(),
            Some(modern),
            "{w} modern"
        );
    }
}

#[test]
fn misplaced() {
    assert!(parse("hòan").unwrap().is_misplaced());
    assert!(parse("qủa").unwrap().is_misplaced());
    assert!(!parse("hòa").unwrap().is_misplaced());
    assert_eq!(
        parse("hòa").unwrap().written_style(),
        Some(ToneStyle::Classic)
    );
    assert_eq!(
        parse("hoà").unwrap().written_style(),
        Some(ToneStyle::Modern)
    );
    assert_eq!(parse("hoàn").unwrap().written_style(), None);
}

#[test]
fn decomposed_input() {
    assert_eq!(canonical("nguye\u{302}\u{303}n").as_deref(), Some("nguyễn"));
    assert_eq!(canonical("Vie\u{323}\u{302}t").as_deref(), Some("việt"));
    assert_eq!(canonical("a\u{341}").as_deref(), Some("á"));
}

#[test]
fn inventory_is_consistent() {
    let inv = inventory();
    assert!(inv.len() > 10_000, "{}", inv.len());
    assert!(inv.windows(2).all(|w| w[0] < w[1]));
    for (i, s) in inv.iter().enumerate() {
        assert_eq!(
            canonical(s).as_deref(),
            Some(*s),
            "inventory form {s} is not canonical"
        );
        assert_eq!(index_of(s), Some(i as u32));
        assert!(candidates(&skeleton(s)).contains(&(i as u32)));
    }
    for w in ["quên", "nghiêng", "đắk", "người", "giếng", "hoà", "thuỷ"] {
        assert!(index_of(w).is_some(), "{w}");
    }
}

#[test]
fn candidates_by_skeleton() {
    let forms: Vec<&str> = candidates("nguyen")
        .iter()
        .map(|&i| inventory()[i as usize])
        .collect();
    assert!(forms.contains(&"nguyễn") && forms.contains(&"nguyên") && forms.contains(&"nguyện"));
    assert!(candidates("ubnd").is_empty());
    // stop codas only with acute or dot
    let forms: Vec<&str> = candidates("hoat")
        .iter()
        .map(|&i| inventory()[i as usize])
        .collect();
    assert_eq!(forms, ["hoát", "hoạt", "hoắt", "hoặt"]);
}

#[test]
fn skeletons_and_case() {
    assert_eq!(skeleton("Đảng"), "dang");
    assert_eq!(skeleton("ỦBNĐ"), "ubnd");
    assert_eq!(apply_case("đảng", "Dang"), "Đảng");
    assert_eq!(apply_case("đảng", "DANG"), "ĐẢNG");
    assert_eq!(apply_case("ubnd", "ỦBNĐ"), "UBND");
    assert_eq!(apply_case("việt", "vIet"), "vIệt");
}

#[test]
fn words_with_marks() {
    let text = "Vie\u{323}\u{302}t Nam, 57-NQ/TW 𝐓𝐇𝐀́𝐍𝐆";
    let w: Vec<&str> = words(text).map(|(_, w)| w).collect();
    assert_eq!(w, ["Vie\u{323}\u{302}t", "Nam", "NQ", "TW", "𝐓𝐇𝐀́𝐍𝐆"]);
    for (span, word) in words(text) {
        assert_eq!(&text[span], word);
    }
}

/// The classic table is `place_tone` of each inventory form.
#[test]
fn classic_inventory_matches_place_tone() {
    let (modern, classic) = (inventory(), classic_inventory());
    assert_eq!(modern.len(), classic.len());
    let mut moved = 0;
    for (m, c) in modern.iter().zip(classic) {
        assert_eq!(
            Some(c.to_string()),
            place_tone(m, ToneStyle::Classic),
            "{m}"
        );
        moved += usize::from(m != c);
    }
    assert!(moved > 100, "only {moved} syllables differ");
    let i = index_of("hoà").unwrap() as usize;
    assert_eq!(classic[i], "hòa");
}
