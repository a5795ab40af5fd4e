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
