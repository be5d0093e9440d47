//! Support for the workspace-wide tests.
