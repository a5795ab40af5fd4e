//! Key presses (key table + `update`) for bursts of key events, as a paste or fast typing delivers them: 64 keys on the
//! code step (digits, backspaces, Tab, a device name) and on the sign-in form (a password).

#[path = "support/states.rs"]
mod states;

use cognito_mfa::wizard::state::Wizard;
use cognito_mfa::wizard::{Key, press};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn code_burst() -> Vec<Key> {
    // Clear what `states::code` typed, then type and erase.
    let mut keys = vec![Key::Backspace; 5];
    for _ in 0..4 {
        keys.extend("123 456".chars().map(Key::Char));
        keys.extend([Key::Backspace; 7]);
    }
    keys.push(Key::Tab);
    keys.extend("Work phone 2".chars().map(Key::Char));
    keys.extend([Key::Backspace; 12]);
    keys.push(Key::Tab);
    keys.extend("123 45".chars().map(Key::Char));
    keys
}

fn sign_in_burst() -> Vec<Key> {
    let mut keys: Vec<Key> = "correct-horse-battery-staple-1"
        .chars()
        .map(Key::Char)
        .collect();
    keys.extend([Key::Backspace; 30]);
    keys.extend([Key::Tab, Key::BackTab, Key::Char('x'), Key::Backspace]);
    keys
}

fn run_burst(c: &mut Criterion, name: &str, start: fn() -> Wizard, burst: Vec<Key>) {
    let mut group = c.benchmark_group("update");
    group.throughput(Throughput::Elements(burst.len() as u64));
    group.bench_function(format!("{name}_{}_keys", burst.len()), |b| {
        b.iter_batched(
            || (start(), burst.clone()),
            |(mut w, burst)| {
                for key in burst {
                    black_box(press(&mut w, key).cmds);
                }
                w
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn bursts(c: &mut Criterion) {
    run_burst(c, "code", states::code, code_burst());
    run_burst(c, "sign_in", states::sign_in, sign_in_burst());
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    targets = bursts
}
criterion_main!(benches);
