//! `cargo test -p ex_lock_across_await` grades this exercise: exercises/info.toml says what it asks.

#[test]
fn grade() -> Result<(), golden::Disagreement> {
    golden::grade_exercise!()
}
