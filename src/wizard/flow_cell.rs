//! The sign-in flow as the wizard's state holds it: shared, so that the copies `update` makes
//! of a step (to redraw only on change, to resume after a retry) all drive the same sign-in.

use std::sync::{Arc, Mutex};

use crate::auth::flow::SignIn;

/// One sign-in (`auth::flow::SignIn`) in progress. Two cells are equal when they hold the same
/// sign-in: the flow is never drawn, so a step is unchanged while its sign-in is the same one.
#[derive(Clone)]
pub struct FlowCell(Arc<Mutex<SignIn>>);

impl FlowCell {
    pub fn new(flow: SignIn) -> Self {
        Self(Arc::new(Mutex::new(flow)))
    }

    /// Runs `f` on the sign-in.
    pub fn with<T>(&self, f: impl FnOnce(&mut SignIn) -> T) -> T {
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

impl PartialEq for FlowCell {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for FlowCell {}

impl std::fmt::Debug for FlowCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FlowCell(..)")
    }
}
