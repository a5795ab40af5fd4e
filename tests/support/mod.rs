#![allow(dead_code)]
pub mod deadline;
pub mod emulator_process;
pub mod emulator_thread;
pub mod fake_server;
pub mod hostile_server;
pub mod json_call;
#[cfg(feature = "moto-tests")]
pub mod moto;
pub mod owned_child;
pub mod refusing_port;
