//! The enrollment wizard: credentials → associate → QR → code and device name → verify → done.
//!
//! Data flows one way: a key press or an API answer becomes a `Msg`; `update` changes the
//! `Wizard` and returns `Cmd`s; the runtime (`run`) runs each command as a task whose answer
//! comes back as a `Msg`; `view` draws the state.

mod answers;
mod echo;
pub mod field;
mod keys;
pub mod msg;
pub mod plain;
pub mod run;
pub mod state;
pub mod tasks;
pub mod update;
pub mod view;

pub use msg::{Cmd, Key, Msg, WizError};
pub use state::{Settings, Step, Wizard};
pub use update::{Start, init, update};
