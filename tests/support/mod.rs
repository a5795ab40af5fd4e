#![allow(dead_code)]
pub mod fake_server;
#[cfg(feature = "moto-tests")]
pub mod moto;
