//! A full frame of each wizard step at 80×24 and 200×60 on ratatui's `TestBackend` (budget:
//! < 1 ms at 200×60). Each frame is drawn after a clear, so every cell is rendered, diffed and
//! written to the backend: the worst case, not the common redraw of a few changed cells.

#[path = "support/states.rs"]
mod states;

use cognito_mfa::wizard::view::{Theme, render};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::Duration;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

fn frames(c: &mut Criterion) {
    let theme = Theme { color: true };
    let mut group = c.benchmark_group("frame");
    for (name, w) in states::all_steps() {
        for (cols, rows) in SIZES {
            let mut terminal =
                Terminal::new(TestBackend::new(cols, rows)).unwrap_or_else(|e| unreachable!("{e}"));
            let id = BenchmarkId::new(name, format!("{cols}x{rows}"));
            group.bench_function(id, |b| {
                b.iter(|| {
                    terminal.clear().unwrap_or_else(|e| unreachable!("{e}"));
                    terminal
                        .draw(|f| render(f, black_box(&w), theme))
                        .map(|_| ())
                        .unwrap_or_else(|e| unreachable!("{e}"));
                })
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_millis(700))
        .sample_size(30);
    targets = frames
}
criterion_main!(benches);
