//! Entry points: one module per command.

pub mod emulator;
