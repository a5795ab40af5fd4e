//! The scan step as a phone camera sees it: rendered to cells (ratatui's TestBackend), painted
//! to pixels with a real monospace font (DejaVu Sans Mono and Liberation Mono, 12 and 16 px,
//! glyphs rasterised from the font files), in a dark and a light theme, with and without
//! NO_COLOR, at 80×24, 100×32 and 120×40; then turned 5°, blurred and halved (a camera's
//! view of the window, see `support/raster.rs`) before rqrr decodes it. Every case must decode
//! to the exact URI on screen in one of six frames, each moved by a fraction of a pixel as a
//! hand-held phone's frames are (rqrr, unlike a phone's scanner, reads one frame at a time and
//! misses some positions of even a perfect code).

#[path = "support/raster.rs"]
mod raster;

use cognito_mfa::qr::UPPER_HALF;
use cognito_mfa::secret::Sensitive;
use cognito_mfa::totp::{otpauth_uri, otpauth_uri_short};
use cognito_mfa::wizard::msg::{Association, UserInfo};
use cognito_mfa::wizard::state::{Settings, Wizard};
use cognito_mfa::wizard::view::{QR_DARK, QR_LIGHT, Theme, render};
use cognito_mfa::wizard::{Msg, Start, init, update};
use raster::{DARK, DEJAVU, Font, LIBERATION, LIGHT, Palette};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

const ISSUER: &str = "Acme Corporation";
const ACCOUNT: &str = "alice.longname@example.com";
const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPABCD";

fn at_scan() -> Wizard {
    let settings = Settings {
        issuer: ISSUER.into(),
        account_name: Some(ACCOUNT.into()),
        ..Settings::default()
    };
    let (mut w, _) = init(settings, Start::AccessToken(Sensitive::new("t")));
    update(
        &mut w,
        Msg::UserLoaded(Ok(UserInfo {
            username: "alice".into(),
            ..UserInfo::default()
        })),
    );
    update(
        &mut w,
        Msg::Associated(Ok(Association {
            secret: SECRET.into(),
            session: None,
            at: 1_700_000_000,
        })),
    );
    w
}

fn draw(w: &Wizard, cols: u16, rows: u16, theme: Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    terminal.draw(|f| render(f, w, theme)).unwrap();
    terminal.backend().buffer().clone()
}

/// The URI the screen's code holds: the short one where only it fits.
fn expected(cols: u16) -> String {
    if cols == 80 {
        otpauth_uri_short(ISSUER, ACCOUNT, SECRET)
    } else {
        otpauth_uri(ISSUER, ACCOUNT, SECRET)
    }
}

fn fonts() -> Vec<Font> {
    let mut fonts = Vec::new();
    for px in [12.0, 16.0] {
        fonts.push(Font::load(DEJAVU, "DejaVu Sans Mono", px));
        fonts.push(Font::load(LIBERATION, "Liberation Mono", px));
    }
    fonts
}

/// Frames it took to read `expected` off the painted screen.
fn frames(buf: &Buffer, font: &mut Font, palette: &Palette, expected: &str) -> Option<usize> {
    let painted = raster::paint(buf, font, palette);
    raster::frames_to_decode(&painted, raster::background(palette), expected)
}

#[test]
fn the_uri_is_148_bytes_and_80_by_24_shows_the_129_byte_one() {
    assert_eq!(otpauth_uri(ISSUER, ACCOUNT, SECRET).len(), 148);
    assert_eq!(expected(80).len(), 129);
}

/// The cases of one terminal size (16: two colour settings, four fonts, two themes); the
/// ones rqrr could not read.
fn failures_at(w: &Wizard, cols: u16, rows: u16) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut cases = 0;
    for color in [true, false] {
        let buf = draw(w, cols, rows, Theme { color });
        for mut font in fonts() {
            for palette in [DARK, LIGHT] {
                cases += 1;
                let took = frames(&buf, &mut font, &palette, &expected(cols));
                let case = format!(
                    "{cols}×{rows}, {} {} px ({}×{} px cells), {} theme, colour {color}",
                    font.name, font.px, font.cell_w, font.cell_h, palette.name
                );
                eprintln!("{case}: frames {took:?}");
                if took.is_none() {
                    failures.push(case);
                }
            }
        }
    }
    (cases, failures)
}

#[test]
fn every_font_theme_colour_setting_and_size_decodes_after_camera_damage() {
    let w = at_scan();
    let results: Vec<(usize, Vec<String>)> = std::thread::scope(|s| {
        let w = &w;
        let sizes = [(80, 24), (100, 32), (120, 40)];
        let handles: Vec<_> = sizes
            .into_iter()
            .map(|(cols, rows)| s.spawn(move || failures_at(w, cols, rows)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let cases: usize = results.iter().map(|r| r.0).sum();
    let failures: Vec<String> = results.into_iter().flat_map(|r| r.1).collect();
    assert_eq!(cases, 48);
    assert!(failures.is_empty(), "not decoded:\n{}", failures.join("\n"));
}

/// The same screen drawn as before this rendering: solid dark cells as `█`, mixed cells as `▀`
/// or `▄` in black on white, so every dark area depends on the glyph filling its cell.
fn glyph_drawn(buf: &Buffer) -> Buffer {
    let mut old = buf.clone();
    for cell in old.content.iter_mut() {
        let (fg, bg) = (cell.fg, cell.bg);
        let symbol = match (cell.symbol(), fg, bg) {
            (" ", _, QR_DARK) => "█",
            (s, QR_LIGHT, QR_DARK) if s.starts_with(UPPER_HALF) => "▄",
            _ => continue,
        };
        cell.set_symbol(symbol).set_fg(QR_DARK).set_bg(QR_LIGHT);
    }
    old
}

#[test]
fn the_painter_reproduces_the_gap_that_glyph_drawn_blocks_leave() {
    let mut liberation = Font::load(LIBERATION, "Liberation Mono", 16.0);
    assert_eq!((liberation.cell_w, liberation.cell_h), (10, 19));
    assert!(
        liberation.rows_covered('█') < liberation.cell_h,
        "█ leaves a stripe per line in Liberation Mono 16 px"
    );
    // The old drawing, in the same painter: the stripes break it; the new one decodes.
    let w = at_scan();
    let buf = draw(&w, 100, 32, Theme { color: true });
    let old = frames(&glyph_drawn(&buf), &mut liberation, &DARK, &expected(100));
    assert_eq!(old, None, "the glyph-drawn code is read");
    assert!(frames(&buf, &mut liberation, &DARK, &expected(100)).is_some());
}
