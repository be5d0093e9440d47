//! `cargo test -p ex_semaphore` grades this exercise: exercises/info.toml says what it asks.

#[test]
fn grade() -> Result<(), golden::Disagreement> {
    golden::grade_exercise!()
}
