//! The wizard as a whole process (the release build) in a pseudo-terminal, driven as a person
//! would drive it: start-up to first frame, API answer to QR on screen, CPU used while idle at
//! the code prompt, peak memory of a whole enrollment, binary size.
//!
//!     cargo bench --bench wizard_process            # or bench/wizard.sh
//!     env: RUNS (start-up samples, default 15), IDLE_SECS (default 10)
//!
//! Two flows: `enroll --access-token` against a canned server in this process (it notes when it
//! answered, so "answer → QR" is measured from the moment the answer left), and `demo` (the
//! embedded emulator in the same process, a countdown redrawn every second).

#[path = "../tests/support/fake_server.rs"]
#[allow(dead_code)]
mod fake_server;
#[path = "../tests/support/pty.rs"]
mod pty;

use cognito_mfa::totp::{code_at, decode_secret, now_unix};
use fake_server::{FakeServer, Reply};
use pty::{Pty, decode_qr, secret_of};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_cognito-mfa");
const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPABCD";
const COLS: u16 = 80;
const ROWS: u16 = 24;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// GetUser, AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference, GetUser.
fn canned_cognito() -> FakeServer {
    let user =
        r#"{"Username":"jane","UserAttributes":[{"Name":"email","Value":"jane@example.com"}]}"#;
    let enrolled = r#"{"Username":"jane","UserAttributes":[{"Name":"email","Value":"jane@example.com"}],"UserMFASettingList":["SOFTWARE_TOKEN_MFA"],"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA"}"#;
    FakeServer::start(vec![
        Reply::json(200, user),
        Reply::json(200, &format!(r#"{{"SecretCode":"{SECRET}"}}"#)),
        Reply::json(200, r#"{"Status":"SUCCESS"}"#),
        Reply::json(200, "{}"),
        Reply::json(200, enrolled),
    ])
}

fn spawn_enroll(server: &FakeServer) -> Pty {
    let args = [
        "enroll",
        "--endpoint-url",
        &server.url,
        "--region",
        "us-east-1",
        "--issuer",
        "Example-Corporation",
    ];
    Pty::spawn(&args, &[("COGNITO_MFA_ACCESS_TOKEN", "token")], COLS, ROWS)
}

/// A whole frame is on screen: ratatui writes top to bottom, and the hint bar on the last row
/// comes last. (A fast answer may replace the first screen within the same read, so the test
/// is on any frame, not on the first screen's title.)
fn first_frame(pty: &mut Pty) {
    pty.wait_for("the first frame", |s| {
        s.rows(0, COLS)
            .last()
            .is_some_and(|row| !row.trim().is_empty())
    });
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Start → first frame, and AssociateSoftwareToken's answer → QR on screen (access-token flow).
fn enroll_start_up() -> (f64, f64) {
    let server = canned_cognito();
    let mut pty = spawn_enroll(&server);
    first_frame(&mut pty);
    let first = pty.last_output_at - pty.spawned_at;
    pty.wait_for("the QR", |s| decode_qr(s).is_some());
    let answered = server
        .replied_at
        .lock()
        .map(|t| t[1])
        .unwrap_or_else(|e| unreachable!("{e}"));
    let qr = pty.last_output_at - answered;
    pty.send("q");
    pty.wait_for_text("Quit");
    pty.send("y");
    pty.wait_for_exit();
    let _ = pty.child.wait();
    (ms(first), ms(qr))
}

/// Start → first frame of `demo` (the emulator starts first, in the same process).
fn demo_start_up() -> f64 {
    let mut pty = Pty::spawn(&["demo"], &[], COLS, ROWS);
    first_frame(&mut pty);
    let first = pty.last_output_at - pty.spawned_at;
    pty.send("\x03");
    pty.wait_for_exit();
    let _ = pty.child.wait();
    ms(first)
}

/// CPU time of the whole process (all threads), from /proc.
struct Cpu {
    /// utime + stime, in clock ticks.
    ticks: u64,
    /// Sum of the threads' on-CPU time (schedstat), in nanoseconds.
    ns: u64,
    /// Voluntary plus involuntary context switches of all threads.
    switches: u64,
}

fn cpu(pid: u32) -> Cpu {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<u64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| {
            rest.split_whitespace()
                .map(|f| f.parse().unwrap_or(0))
                .collect()
        })
        .unwrap_or_default();
    // After the command name: state is field 3, utime 14, stime 15.
    let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
    let mut ns = 0;
    let mut switches = 0;
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten();
    for task in tasks.flatten() {
        let path = task.path();
        let sched = std::fs::read_to_string(path.join("schedstat")).unwrap_or_default();
        ns += sched
            .split_whitespace()
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0u64);
        let status = std::fs::read_to_string(path.join("status")).unwrap_or_default();
        switches += status
            .lines()
            .filter(|l| l.contains("ctxt_switches"))
            .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            .sum::<u64>();
    }
    Cpu {
        ticks,
        ns,
        switches,
    }
}

fn clock_ticks_per_second() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse().ok())
        .unwrap_or(100)
}

fn status_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

fn threads(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |d| d.count())
}

struct Idle {
    ticks_ms: f64,
    sched_ms: f64,
    switches: u64,
    threads: usize,
}

/// Sits at the code prompt for `secs` and reports the CPU the process used meanwhile.
fn idle_at_code_prompt(pty: &Pty, secs: u64) -> Idle {
    let pid = pty.child.process_id().unwrap_or(0);
    let before = cpu(pid);
    std::thread::sleep(Duration::from_secs(secs));
    let after = cpu(pid);
    let tick_ms = 1000.0 / clock_ticks_per_second() as f64;
    Idle {
        ticks_ms: (after.ticks - before.ticks) as f64 * tick_ms,
        sched_ms: (after.ns - before.ns) as f64 / 1e6,
        switches: after.switches - before.switches,
        threads: threads(pid),
    }
}

/// Scans the QR on screen, goes to the code step, and returns the secret.
fn scan(pty: &mut Pty) -> String {
    pty.wait_for("the QR", |s| decode_qr(s).is_some());
    let uri = decode_qr(pty.screen()).unwrap_or_default();
    pty.send("\r");
    pty.wait_for_text("Type the code");
    secret_of(&uri)
}

fn type_code(pty: &mut Pty, secret: &str) {
    let key = decode_secret(secret).unwrap_or_else(|e| unreachable!("{e}"));
    pty.send(&code_at(&key, now_unix()));
    pty.send("\r");
    pty.wait_for_text("Enrolled");
}

/// A whole enrollment in the access-token flow, idle `secs` at the code prompt.
fn enroll_whole(secs: u64) -> (Idle, u64) {
    let server = canned_cognito();
    let mut pty = spawn_enroll(&server);
    let secret = scan(&mut pty);
    let idle = idle_at_code_prompt(&pty, secs);
    type_code(&mut pty, &secret);
    let hwm = status_kb(pty.child.process_id().unwrap_or(0), "VmHWM:");
    pty.send("q");
    pty.wait_for_exit();
    let _ = pty.child.wait();
    (idle, hwm)
}

/// A whole demo enrollment, idle `secs` at the code prompt (the countdown ticks meanwhile).
fn demo_whole(secs: u64) -> (Idle, u64) {
    let mut pty = Pty::spawn(&["demo"], &[], COLS, ROWS);
    pty.sign_in_with_the_demo_password();
    let secret = scan(&mut pty);
    let idle = idle_at_code_prompt(&pty, secs);
    type_code(&mut pty, &secret);
    let hwm = status_kb(pty.child.process_id().unwrap_or(0), "VmHWM:");
    pty.send("\r");
    pty.wait_for_exit();
    let _ = pty.child.wait();
    (idle, hwm)
}

/// Maximum RSS of a whole demo enrollment, start to exit, as `/usr/bin/time` reports it.
fn demo_max_rss_by_time() -> Option<u64> {
    let time = "/usr/bin/time";
    std::fs::metadata(time).ok()?;
    let out = std::env::temp_dir().join(format!("cognito-mfa-rss-{}", std::process::id()));
    let out_arg = out.to_string_lossy().into_owned();
    let args = ["-f", "%M", "-o", out_arg.as_str(), BIN, "demo"];
    let mut pty = Pty::spawn_program(time, &args, &[], COLS, ROWS);
    pty.sign_in_with_the_demo_password();
    let secret = scan(&mut pty);
    type_code(&mut pty, &secret);
    pty.send("\r");
    pty.wait_for_exit();
    let _ = pty.child.wait();
    let kb = std::fs::read_to_string(&out)
        .ok()?
        .trim()
        .lines()
        .last()?
        .parse()
        .ok();
    let _ = std::fs::remove_file(&out);
    kb
}

fn print_idle(name: &str, idle: &Idle, secs: u64) {
    println!(
        "  idle {secs} s at the code prompt, {name:<8} {:6.1} ms CPU (utime+stime), {:6.2} ms (schedstat), {} context switches, {} threads",
        idle.ticks_ms, idle.sched_ms, idle.switches, idle.threads
    );
}

fn verdict(what: &str, ok: bool) {
    println!("  {:<4} {what}", if ok { "ok" } else { "MISS" });
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that is not ours skips the run.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    if filter.is_some_and(|f| !"wizard_process".contains(f.as_str())) {
        return;
    }
    let runs = env_or("RUNS", 15);
    let secs = env_or("IDLE_SECS", 10);
    let started = Instant::now();
    let (mut first, mut qr, mut demo_first) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let (f, q) = enroll_start_up();
        first.push(f);
        qr.push(q);
        demo_first.push(demo_start_up());
    }
    let (enroll_idle, enroll_hwm) = enroll_whole(secs);
    let (demo_idle, demo_hwm) = demo_whole(secs);
    let demo_rss = demo_max_rss_by_time();
    let size = std::fs::metadata(BIN).map_or(0, |m| m.len());

    let median_first = median(first.clone());
    let median_demo_first = median(demo_first.clone());
    println!("wizard_process: {BIN}, {COLS}x{ROWS}, {runs} start-up runs");
    println!(
        "  start → first frame, enroll     median {:6.2} ms",
        median(first.clone())
    );
    println!(
        "  start → first frame, demo       median {:6.2} ms",
        median(demo_first.clone())
    );
    println!(
        "  API answer → QR on screen       median {:6.2} ms",
        median(qr.clone())
    );
    print_idle("enroll", &enroll_idle, secs);
    print_idle("demo", &demo_idle, secs);
    println!("  peak RSS (VmHWM at the done screen): enroll {enroll_hwm} kB, demo {demo_hwm} kB");
    match demo_rss {
        Some(kb) => println!("  max RSS of a whole demo enrollment (/usr/bin/time): {kb} kB"),
        None => println!("  max RSS (/usr/bin/time): not installed"),
    }
    println!("  binary size: {size} bytes");
    println!(
        "{{\"first_frame_enroll_ms\":{:.2},\"first_frame_demo_ms\":{:.2},\"answer_to_qr_ms\":{:.2},\"idle_cpu_ms_enroll\":{:.1},\"idle_cpu_ms_demo\":{:.1},\"idle_sched_ms_enroll\":{:.2},\"idle_sched_ms_demo\":{:.2},\"vmhwm_kb_enroll\":{enroll_hwm},\"vmhwm_kb_demo\":{demo_hwm},\"max_rss_kb_demo\":{},\"binary_bytes\":{size}}}",
        median(first),
        median(demo_first),
        median(qr),
        enroll_idle.ticks_ms,
        demo_idle.ticks_ms,
        enroll_idle.sched_ms,
        demo_idle.sched_ms,
        demo_rss.map_or("null".into(), |kb| kb.to_string()),
    );
    let idle_per_10s = |idle: &Idle| idle.sched_ms * 10.0 / secs as f64;
    println!("budget:");
    verdict("first frame < 30 ms (enroll)", median_first < 30.0);
    verdict("first frame < 30 ms (demo)", median_demo_first < 30.0);
    verdict(
        "idle < 10 ms CPU per 10 s (enroll)",
        idle_per_10s(&enroll_idle) < 10.0,
    );
    verdict(
        "idle < 10 ms CPU per 10 s (demo)",
        idle_per_10s(&demo_idle) < 10.0,
    );
    let peak = enroll_hwm.max(demo_hwm).max(demo_rss.unwrap_or(0));
    verdict("peak RSS < 12 MB", peak < 12 * 1024);
    eprintln!("(took {:.0} s)", started.elapsed().as_secs_f64());
}
