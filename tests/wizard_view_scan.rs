//! The scan step at the sizes the issue names (80×24, 100×32, 120×40) with a realistic label
//! (a 148-byte URI), in helpdesk mode (a larger code, `+`/`-`) and in plain mode (snapshots),
//! and the code read back from each render.

mod wizard_common;

use cognito_mfa::secret::Sensitive;
use cognito_mfa::totp::{otpauth_uri, otpauth_uri_short};
use cognito_mfa::wizard::msg::{Association, Screen, UserInfo};
use cognito_mfa::wizard::plain_scan::{PlainLine, scan_lines};
use cognito_mfa::wizard::state::{Settings, Step, Wizard};
use cognito_mfa::wizard::view::{Theme, is_qr_cell, modules_of, render};
use cognito_mfa::wizard::{Key, Msg, QrMode, Start, init, press, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

const ISSUER: &str = "Acme Corporation";
const ACCOUNT: &str = "alice.longname@example.com";
const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPABCD";
const SIZES: [(u16, u16); 3] = [(80, 24), (100, 32), (120, 40)];

fn at_scan(settings: Settings, account: &str, secret: &str) -> Wizard {
    let settings = Settings {
        account_name: Some(account.into()),
        ..settings
    };
    let (mut w, _) = init(settings, Start::AccessToken(Sensitive::new("t")));
    update(&mut w, Msg::UserLoaded(Ok(UserInfo::default())));
    let association = Association {
        secret: secret.into(),
        session: None,
        at: 1_700_000_000,
    };
    update(&mut w, Msg::Associated(Ok(association)));
    w
}

fn acme(settings: Settings) -> Wizard {
    let settings = Settings {
        issuer: ISSUER.into(),
        ..settings
    };
    at_scan(settings, ACCOUNT, SECRET)
}

fn draw(w: &mut Wizard, cols: u16, rows: u16) -> Buffer {
    let screen = Screen {
        cols,
        rows,
        images: false,
    };
    update(w, Msg::Screen(screen));
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    terminal
        .draw(|f| render(f, w, Theme { color: true }))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text, QR cells as the block glyph of their two modules.
fn text(buf: &Buffer) -> String {
    wizard_common::screen_text(buf)
}

/// The code on screen: its size in cells and what rqrr reads from its modules.
fn read_qr(buf: &Buffer) -> ((u16, u16), String) {
    let area = buf.area;
    let cells: Vec<(u16, u16)> = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| is_qr_cell(buf[(x, y)].bg))
        .collect();
    let x0 = cells.iter().map(|c| c.0).min().unwrap();
    let y0 = cells.iter().map(|c| c.1).min().unwrap();
    let cols = cells.iter().map(|c| c.0).max().unwrap() - x0 + 1;
    let rows = cells.iter().map(|c| c.1).max().unwrap() - y0 + 1;
    let dark = |x: usize, hy: usize| {
        let cell = &buf[(x0 + x as u16, y0 + (hy / 2) as u16)];
        let (upper, lower) = modules_of(cell.symbol(), cell.fg, cell.bg).unwrap_or_default();
        if hy.is_multiple_of(2) { upper } else { lower }
    };
    const PX: usize = 3;
    let (w, h) = (usize::from(cols), usize::from(rows) * 2);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w * PX, h * PX, |x, y| {
        if dark(x / PX, y / PX) { 0 } else { 255 }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    ((cols, rows), grids[0].decode().unwrap().1)
}

#[test]
fn a_148_byte_uri_at_80x24_100x32_and_120x40() {
    let mut w = acme(Settings::default());
    let full = otpauth_uri(ISSUER, ACCOUNT, SECRET);
    let short = otpauth_uri_short(ISSUER, ACCOUNT, SECRET);
    for ((cols, rows), (size, uri)) in
        SIZES
            .into_iter()
            .zip([((45, 23), &short), ((53, 27), &full), ((53, 27), &full)])
    {
        let buf = draw(&mut w, cols, rows);
        insta::assert_snapshot!(format!("scan_acme_{cols}x{rows}"), text(&buf));
        assert_eq!(read_qr(&buf), (size, uri.clone()), "{cols}×{rows}");
        let screen = text(&buf);
        assert!(screen.contains("JBSW Y3DP"), "the key is shown");
        assert!(screen.lines().last().unwrap().contains("+ larger QR"));
    }
}

/// A shorter label, as the demo's: room for a larger code on a 120×40 screen.
fn demo_like(helpdesk: bool) -> Wizard {
    let settings = Settings {
        issuer: "cognito-mfa demo".into(),
        helpdesk,
        ..Settings::default()
    };
    at_scan(settings, "demo", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
}

#[test]
fn helpdesk_mode_starts_at_the_largest_code_and_plus_minus_change_it() {
    let mut w = demo_like(true);
    press(&mut w, Key::Char('r'));
    for (cols, rows) in SIZES {
        let buf = draw(&mut w, cols, rows);
        insta::assert_snapshot!(format!("scan_helpdesk_{cols}x{rows}"), text(&buf));
    }
    // A shared screen: 160×50 has room for scale 2.
    let (big, tall) = (160, 50);
    let ((cols, _), _) = read_qr(&draw(&mut w, big, tall));
    let Step::Scan(e) = &w.step else { panic!() };
    let (side, full) = (e.qr.side(4) as u16, e.uri.expose().to_owned());
    assert_eq!(cols, 2 * side, "scale 2 at 160×50");
    press(&mut w, Key::Char('-'));
    let ((small, _), uri) = read_qr(&draw(&mut w, big, tall));
    assert!(small < cols, "- makes it smaller at once");
    assert_eq!(uri, full);
    press(&mut w, Key::Char('-'));
    assert_eq!(
        read_qr(&draw(&mut w, big, tall)).0.0,
        small,
        "scale 1 is the smallest"
    );
    press(&mut w, Key::Char('+'));
    assert_eq!(
        read_qr(&draw(&mut w, big, tall)).0.0,
        cols,
        "+ back to scale 2"
    );
    press(&mut w, Key::Char('+'));
    press(&mut w, Key::Char('-'));
    assert_eq!(
        read_qr(&draw(&mut w, big, tall)).0.0,
        small,
        "+ stopped at the largest"
    );
}

#[test]
fn without_helpdesk_the_code_starts_at_scale_1() {
    let mut w = demo_like(false);
    let (cols, _) = read_qr(&draw(&mut w, 160, 50)).0;
    press(&mut w, Key::Char('+'));
    let (larger, _) = read_qr(&draw(&mut w, 160, 50)).0;
    assert_eq!(larger, 2 * cols);
}

fn plain_text(w: &Wizard) -> String {
    let Step::Scan(e) = &w.step else { panic!() };
    scan_lines(w, e)
        .into_iter()
        .map(|line| match line {
            PlainLine::Text(t) => t,
            PlainLine::Qr(row) => format!("<qr row of {} bytes>", row.len()),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn plain_mode_prints_the_key_and_link_and_a_qr_only_when_asked() {
    let w = acme(Settings::default());
    let plain = plain_text(&w);
    insta::assert_snapshot!("scan_plain", plain);
    assert!(!plain.contains("<qr row"), "no blocks by default");
    assert!(plain.contains("--qr cells"), "says how to get a QR");
    assert!(plain.contains(&otpauth_uri(ISSUER, ACCOUNT, SECRET)));
    let w = acme(Settings {
        qr: QrMode::Cells,
        ..Settings::default()
    });
    let Step::Scan(e) = &w.step else { panic!() };
    let rows: Vec<String> = scan_lines(&w, e)
        .into_iter()
        .filter_map(|l| match l {
            PlainLine::Qr(row) => Some(row),
            PlainLine::Text(_) => None,
        })
        .collect();
    assert_eq!(rows.len(), 25, "45 modules and a quiet zone of 2: 25 rows");
    assert!(
        rows.iter()
            .all(|r| r.contains("\x1b[48;5;231m") && !r.contains('█'))
    );
    insta::assert_snapshot!("scan_plain_cells", plain_text(&w));
    let w = acme(Settings {
        qr: QrMode::None,
        ..Settings::default()
    });
    assert!(!plain_text(&w).contains("--qr cells"));
}
