//! The checks across the workspace, one module a file (see Cargo.toml).

mod every_golden_can_fail;
mod examples_are_wired;
mod exercises_are_wired;
mod harness_can_fail;
