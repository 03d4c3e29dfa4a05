//! Prints the syllable inventory, one canonical syllable a line
//! (used by `tools/compare_inventory.py`).
fn main() {
    for s in vietnorm::syllable::inventory() {
        println!("{s}");
    }
}
