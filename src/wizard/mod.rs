//! The enrollment wizard: credentials → associate → QR → code and device name → verify → done.
//!
//! Data flows one way: a key press or an API answer becomes a `Msg`; `update` changes the
//! `Wizard` and returns `Cmd`s; the runtime (`run`) runs each command as a task whose answer
//! comes back as a `Msg`; `view` draws the state.

mod answers;
pub mod challenge;
mod echo;
pub mod field;
pub mod flow_cell;
mod keys;
pub mod msg;
pub mod plain;
mod plain_challenge;
pub mod run;
pub mod sign_in_flow;
pub mod sign_in_state;
pub mod state;
mod stop;
pub mod tasks;
pub mod update;
pub mod view;

pub use msg::{Cmd, Key, Msg, WizError};
pub use state::{Settings, Step, Wizard};
pub use update::{Start, init, update};
