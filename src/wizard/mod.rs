//! The enrollment wizard: credentials → associate → QR → code and device name → verify → done.
//!
//! Data flows one way: a key press becomes an intent or an edit through the step's key table
//! (`keymap`), an API answer becomes a `Msg`; `update` changes the `Wizard` and returns `Cmd`s
//! and whether anything changed; the runtime (`run`, or `plain` for line prompts) runs each
//! command as a task whose answer comes back as a `Msg`; `view` draws the state with the words
//! of `crate::text`. `ARCHITECTURE.md` maps it all.

mod classify;
mod echo;
pub mod form;
pub mod forms;
mod hangup;
pub mod keymap;
pub mod msg;
pub mod plain;
mod plain_challenge;
mod plain_io;
pub mod plain_scan;
pub mod qr_layout;
pub mod reasons;
pub mod run;
mod run_image;
pub mod settings;
pub mod state;
pub mod steps;
mod stop;
pub mod tasks;
pub mod update;
pub mod view;

pub use keymap::{Key, press};
pub use msg::{Cmd, Msg, WizError};
pub use settings::{QrMode, Settings};
pub use state::{Step, Wizard};
pub use update::{Start, init, update};
