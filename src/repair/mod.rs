//! Noisy-channel diacritic repair (being written).

mod channel;
pub mod damage;
mod letters;
