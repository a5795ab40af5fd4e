#![allow(dead_code)]
pub mod emulator_thread;
pub mod fake_server;
#[cfg(feature = "moto-tests")]
pub mod moto;
