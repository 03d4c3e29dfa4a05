use super::*;

#[test]
fn types_are_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Repairer>();
    check::<Edit>();
}
