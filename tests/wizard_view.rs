//! Renders of every step at 80×24 and 120×40 (snapshots), the QR's colours, and a QR read back
//! from an 80×24 render and decoded.

use cognito_mfa::secret::Sensitive;
use cognito_mfa::totp::otpauth_uri;
mod wizard_common;

use cognito_mfa::wizard::msg::{Association, Completed, UserInfo, Verified};
use cognito_mfa::wizard::state::{Settings, Wizard};
use cognito_mfa::wizard::view::{QR_DARK, QR_LIGHT, Theme, is_qr_cell, modules_of, render};
use cognito_mfa::wizard::{Key, Msg, Start, WizError, init, press, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

const T0: u64 = 1_700_000_000;
/// 52 characters, as a long real secret.
const LONG_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPABCD";
/// Issuer plus account: 40 characters.
const ISSUER: &str = "Example-Corporation";
const ACCOUNT: &str = "jane.doe1@example.com";
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(w: &Wizard, cols: u16, rows: u16, theme: Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    terminal.draw(|f| render(f, w, theme)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text; QR cells (drawn with colours) as the block glyph of their modules.
fn text(buf: &Buffer) -> String {
    wizard_common::screen_text(buf)
}

fn snapshot_all(name: &str, w: &Wizard) {
    for (cols, rows) in SIZES {
        let buf = draw(w, cols, rows, Theme { color: true });
        insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), text(&buf));
    }
}

fn keys(w: &mut Wizard, text: &str) {
    for c in text.chars() {
        press(w, Key::Char(c));
    }
}

fn settings() -> Settings {
    Settings {
        issuer: ISSUER.into(),
        account_name: Some(ACCOUNT.into()),
        ..Settings::default()
    }
}

fn at_scan(settings: Settings, secret: &str, session: Option<&str>) -> Wizard {
    let (mut w, _) = init(settings, Start::AccessToken(Sensitive::new("t")));
    update(
        &mut w,
        Msg::UserLoaded(Ok(UserInfo {
            username: "jane".into(),
            ..UserInfo::default()
        })),
    );
    update(
        &mut w,
        Msg::Associated(Ok(Association {
            secret: secret.into(),
            session: session.map(Sensitive::new),
            at: T0,
        })),
    );
    w
}

fn at_code() -> Wizard {
    let mut w = at_scan(settings(), LONG_SECRET, None);
    press(&mut w, Key::Enter);
    w
}

fn sign_in() -> Wizard {
    let settings = Settings {
        password_hint: Some("Demo-Passw0rd!".into()),
        ..settings()
    };
    init(settings, wizard_common::sign_in("c", "jane")).0
}

#[test]
fn sign_in_step() {
    let mut w = sign_in();
    keys(&mut w, "secret");
    snapshot_all("sign_in", &w);
    let screen = text(&draw(&w, 80, 24, Theme { color: true }));
    assert!(
        screen.contains("••••••") && !screen.contains("secret"),
        "the password is masked"
    );
    assert!(
        screen.contains("Demo-Passw0rd!"),
        "demo mode shows the password hint"
    );
    press(&mut w, Key::Enter);
    update(
        &mut w,
        wizard_common::refused(WizError::Other("Incorrect username or password.".into())),
    );
    snapshot_all("sign_in_refused", &w);
}

#[test]
fn preparing_step() {
    let (w, _) = init(settings(), Start::AccessToken(Sensitive::new("t")));
    snapshot_all("preparing", &w);
}

#[test]
fn scan_step() {
    let w = at_scan(settings(), LONG_SECRET, None);
    snapshot_all("scan", &w);
    let screen = text(&draw(&w, 80, 24, Theme { color: true }));
    assert!(
        screen.contains("JBSW Y3DP EHPK"),
        "the secret in groups of four"
    );
    assert!(
        screen.contains(ISSUER) && screen.contains(ACCOUNT),
        "the issuer is shown"
    );
}

#[test]
fn scan_step_with_a_short_secret_and_a_countdown() {
    let mut w = at_scan(settings(), "asdfasdfasdf", Some("session"));
    update(&mut w, Msg::Tick(T0 + 35));
    snapshot_all("scan_short_secret_session", &w);
    let screen = text(&draw(&w, 80, 24, Theme { color: true }));
    assert!(screen.contains("Session ends in 2:25"));
    assert!(screen.contains("shorter than 128"));
}

#[test]
fn scan_step_in_helpdesk_mode_hides_until_r() {
    let mut w = at_scan(
        Settings {
            helpdesk: true,
            ..settings()
        },
        LONG_SECRET,
        None,
    );
    snapshot_all("scan_helpdesk_hidden", &w);
    let buf = draw(&w, 80, 24, Theme { color: true });
    assert!(!text(&buf).contains("JBSW"), "the secret is hidden");
    assert_eq!(qr_cells(&buf).len(), 0, "the QR is hidden");
    press(&mut w, Key::Char('r'));
    let buf = draw(&w, 80, 24, Theme { color: true });
    assert!(text(&buf).contains("JBSW"));
    assert!(!qr_cells(&buf).is_empty());
}

#[test]
fn scan_step_too_small_says_which_size_and_still_shows_the_secret() {
    let w = at_scan(settings(), LONG_SECRET, None);
    let buf = draw(&w, 70, 20, Theme { color: true });
    let screen = text(&buf);
    insta::assert_snapshot!("scan_too_small_70x20", screen);
    assert!(
        screen.contains("It is 70×20; this step needs at least 76×24"),
        "{screen}"
    );
    assert!(screen.contains("JBSW Y3DP"));
    assert!(qr_cells(&buf).is_empty());
}

#[test]
fn code_step() {
    let mut w = at_code();
    snapshot_all("code", &w);
    keys(&mut w, "123x");
    snapshot_all("code_rejected_letter", &w);
    press(&mut w, Key::Backspace);
    keys(&mut w, "456");
    press(&mut w, Key::Tab);
    keys(&mut w, "Work phone");
    press(&mut w, Key::Enter);
    snapshot_all("code_verifying", &w);
    update(&mut w, Msg::Verified(Err(WizError::WrongCode)));
    snapshot_all("code_wrong", &w);
}

fn at_finishing() -> Wizard {
    let mut w = at_code();
    keys(&mut w, "123456");
    press(&mut w, Key::Enter);
    update(
        &mut w,
        Msg::Verified(Ok(Verified {
            session: None,
            at: T0,
        })),
    );
    w
}

#[test]
fn finishing_done_and_failed_steps() {
    let mut w = at_finishing();
    snapshot_all("finishing", &w);
    let mut failed = at_finishing();
    update(
        &mut failed,
        Msg::Completed(Err(WizError::Network("No answer from Cognito.".into()))),
    );
    snapshot_all("failed_network", &failed);
    let user = UserInfo {
        username: "jane".into(),
        mfa_methods: vec!["SOFTWARE_TOKEN_MFA".into()],
        preferred_mfa: Some("SOFTWARE_TOKEN_MFA".into()),
        ..UserInfo::default()
    };
    update(
        &mut w,
        Msg::Completed(Ok(Completed {
            user: Some(user),
            at: T0,
        })),
    );
    snapshot_all("done", &w);
    assert!(text(&draw(&w, 80, 24, Theme { color: true })).contains("delete the old one"));
}

#[test]
fn help_and_quit_overlays() {
    let mut w = at_scan(settings(), LONG_SECRET, None);
    press(&mut w, Key::Char('?'));
    snapshot_all("help", &w);
    press(&mut w, Key::Enter);
    press(&mut w, Key::Char('q'));
    snapshot_all("confirm_quit", &w);
}

#[test]
fn session_flow_sign_in_with_mfa_setup_goes_to_scan() {
    let mut w = sign_in();
    keys(&mut w, "pw");
    press(&mut w, Key::Enter);
    update(&mut w, wizard_common::mfa_setup("s"));
    assert!(text(&draw(&w, 80, 24, Theme { color: true })).contains("Asking Cognito"));
}

#[test]
fn every_screen_has_a_hint_bar() {
    for w in [sign_in(), at_scan(settings(), LONG_SECRET, None), at_code()] {
        for (cols, rows) in SIZES {
            let screen = text(&draw(&w, cols, rows, Theme { color: true }));
            let last = screen.lines().last().unwrap_or_default();
            assert!(last.contains("Ctrl-C quit"), "{last}");
        }
    }
}

/// Cells of the QR (quiet zone included): those with the QR's black or white background.
fn qr_cells(buf: &Buffer) -> Vec<(u16, u16)> {
    let area = buf.area;
    (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| is_qr_cell(buf[(x, y)].bg))
        .collect()
}

/// Every QR cell is a space on black or white, or `▀` with one of them above the other: no
/// solid area depends on a block glyph filling its cell.
fn assert_qr_black_on_white(buf: &Buffer) {
    let cells = qr_cells(buf);
    assert!(cells.len() > 40 * 20, "no QR on screen");
    let mut solid_dark = 0;
    for (x, y) in cells {
        let cell = &buf[(x, y)];
        match cell.symbol() {
            " " => solid_dark += usize::from(cell.bg == QR_DARK),
            "▀" => assert!(
                (cell.fg, cell.bg) == (QR_DARK, QR_LIGHT)
                    || (cell.fg, cell.bg) == (QR_LIGHT, QR_DARK),
                "a mixed cell has both colours at {x},{y}"
            ),
            other => panic!("unexpected {other:?} at {x},{y}"),
        }
    }
    assert!(solid_dark > 50, "dark areas are backgrounds");
}

#[test]
fn qr_cells_are_black_on_white_with_and_without_colour() {
    let w = at_scan(settings(), LONG_SECRET, None);
    for (cols, rows) in SIZES {
        assert_qr_black_on_white(&draw(&w, cols, rows, Theme { color: true }));
        let buf = draw(&w, cols, rows, Theme::plain());
        assert_qr_black_on_white(&buf);
        // NO_COLOR: nothing but the QR has a colour.
        let area = buf.area;
        for y in 0..area.height {
            for x in 0..area.width {
                let cell = &buf[(x, y)];
                if !is_qr_cell(cell.bg) {
                    assert_eq!(
                        (cell.fg, cell.bg),
                        (Color::Reset, Color::Reset),
                        "at {x},{y}"
                    );
                }
            }
        }
    }
}

/// Rebuilds the modules from the screen cells, draws them as pixels and lets rqrr find and
/// decode the code, as a phone camera would.
fn decode_from_screen(buf: &Buffer) -> String {
    let cells = qr_cells(buf);
    let x0 = cells.iter().map(|c| c.0).min().unwrap();
    let y0 = cells.iter().map(|c| c.1).min().unwrap();
    let x1 = cells.iter().map(|c| c.0).max().unwrap();
    let y1 = cells.iter().map(|c| c.1).max().unwrap();
    let cols = usize::from(x1 - x0 + 1);
    let modules_high = usize::from(y1 - y0 + 1) * 2;
    let dark = |mx: usize, my: usize| {
        let cell = &buf[(x0 + mx as u16, y0 + (my / 2) as u16)];
        let (upper, lower) = modules_of(cell.symbol(), cell.fg, cell.bg).unwrap_or_default();
        if my.is_multiple_of(2) { upper } else { lower }
    };
    const SCALE: usize = 4;
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(cols * SCALE, modules_high * SCALE, |x, y| {
            if dark(x / SCALE, y / SCALE) { 0 } else { 255 }
        });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR found");
    grids[0].decode().unwrap().1
}

#[test]
fn long_qr_fits_and_decodes_from_an_80_by_24_render() {
    assert_eq!(ISSUER.len() + ACCOUNT.len(), 40);
    assert_eq!(LONG_SECRET.len(), 52);
    let w = at_scan(settings(), LONG_SECRET, None);
    let buf = draw(&w, 80, 24, Theme { color: true });
    assert_eq!(
        decode_from_screen(&buf),
        otpauth_uri(ISSUER, ACCOUNT, LONG_SECRET)
    );
    let buf = draw(&w, 120, 40, Theme { color: true });
    assert_eq!(
        decode_from_screen(&buf),
        otpauth_uri(ISSUER, ACCOUNT, LONG_SECRET)
    );
}

#[test]
fn resize_re_lays_out_the_qr_with_a_full_quiet_zone_when_there_is_room() {
    let w = at_scan(settings(), LONG_SECRET, None);
    let small = qr_cells(&draw(&w, 80, 24, Theme { color: true }));
    let large = qr_cells(&draw(&w, 120, 40, Theme { color: true }));
    // 41 modules: quiet zone 2 → 45 columns; quiet zone 4 → 49 columns.
    let width = |cells: &[(u16, u16)]| {
        cells.iter().map(|c| c.0).max().unwrap() - cells.iter().map(|c| c.0).min().unwrap() + 1
    };
    assert_eq!(width(&small), 45);
    assert_eq!(width(&large), 49);
}
