//! Children that end with the test process. A server shared by a test binary's tests lives in a
//! `static`, which is never dropped, so its `Drop` never stops it. Every such child is started
//! here instead, from one thread that lives as long as the process, with the kernel asked to
//! kill it when its parent thread ends (PR_SET_PDEATHSIG fires when the thread that forked the
//! child ends, which for this thread is when the process does). Linux only, like the suite.

use std::io;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command};
use std::sync::OnceLock;
use std::sync::mpsc::{Sender, channel};

type Request = (Command, Sender<io::Result<Child>>);

/// Starts `command` as a child that is killed when the test process ends, whichever way.
pub fn spawn_owned(command: Command) -> io::Result<Child> {
    static SPAWNER: OnceLock<Sender<Request>> = OnceLock::new();
    let spawner = SPAWNER.get_or_init(|| {
        let (requests, incoming) = channel::<Request>();
        // The sender lives in the static, so this loop (and its thread) ends with the process.
        std::thread::spawn(move || {
            for (mut command, reply) in incoming {
                let _ = reply.send(spawn_dying_with_parent(&mut command));
            }
        });
        requests
    });
    let (reply, answer) = channel();
    spawner
        .send((command, reply))
        .map_err(|_| io::Error::other("the spawner thread is gone"))?;
    answer
        .recv()
        .map_err(|_| io::Error::other("the spawner thread is gone"))?
}

fn spawn_dying_with_parent(command: &mut Command) -> io::Result<Child> {
    let parent = rustix::process::getpid();
    // SAFETY: between fork and exec the child only makes two system calls (prctl, getppid),
    // which are async-signal-safe, and allocates nothing.
    unsafe {
        command.pre_exec(move || {
            rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL))?;
            // The parent may have ended between the fork and the prctl.
            match rustix::process::getppid() {
                Some(p) if p == parent => Ok(()),
                _ => Err(io::Error::other("the test process ended")),
            }
        });
    }
    command.spawn()
}
