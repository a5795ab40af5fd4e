//! Keeping secrets out of core dumps: a process that holds tokens, sessions, TOTP secrets or
//! passwords turns core dumps off before it reads any of them.

/// Turns core dumps off for this process: `RLIMIT_CORE` soft and hard limits 0 and, on Linux,
/// `PR_SET_DUMPABLE` 0 (no core even where the kernel pipes cores to a helper, and other
/// processes of the same user can no longer read this one's memory through `/proc` or
/// `ptrace`). Irreversible for the process, which is the point. Does nothing off Unix.
pub fn disable() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        )?;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn the_limit_and_the_dumpable_flag_are_off() {
        use rustix::process::{DumpableBehavior, Resource, dumpable_behavior, getrlimit};
        // Turning the unit-test process's core dumps off harms nothing.
        super::disable().unwrap();
        let limit = getrlimit(Resource::Core);
        assert_eq!((limit.current, limit.maximum), (Some(0), Some(0)));
        assert_eq!(dumpable_behavior().unwrap(), DumpableBehavior::NotDumpable);
    }
}
