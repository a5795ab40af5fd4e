//! Every sentence the wizard, its plain mode and the `sign-in` prompts show, in one place:
//! the state holds typed reasons, and these functions turn them into words. A sentence is
//! written once here and used everywhere it appears.

pub mod enroll;
pub mod keys;
pub mod problems;
pub mod refusals;
pub mod sign_in;
