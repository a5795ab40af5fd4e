//! QR encode + render for an otpauth URI with a 52-character secret (budget: < 1 ms together).

use cognito_mfa::qr::{FULL_QUIET_ZONE, Qr};
use cognito_mfa::totp::otpauth_uri;
use cognito_mfa::wizard::view::QrWidget;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::hint::black_box;
use std::time::Duration;

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPABCD";

fn render(qr: &Qr, buf: &mut Buffer) {
    let (cols, rows) = qr.cells(FULL_QUIET_ZONE);
    let area = Rect::new(0, 0, cols as u16, rows as u16);
    QrWidget {
        qr,
        quiet: FULL_QUIET_ZONE,
        scale: 1,
    }
    .render(area, buf);
}

fn qr(c: &mut Criterion) {
    let uri = otpauth_uri("Example-Corporation", "jane.doe1@example.com", SECRET);
    let qr = Qr::encode(&uri).unwrap_or_else(|e| unreachable!("{e}"));
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 40));
    let mut group = c.benchmark_group("qr");
    group.bench_function("encode", |b| b.iter(|| Qr::encode(black_box(&uri))));
    group.bench_function("render", |b| {
        b.iter(|| render(black_box(&qr), &mut buf));
    });
    group.bench_function("encode_and_render", |b| {
        b.iter(|| {
            let qr = Qr::encode(black_box(&uri)).unwrap_or_else(|e| unreachable!("{e}"));
            render(&qr, &mut buf);
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    targets = qr
}
criterion_main!(benches);
