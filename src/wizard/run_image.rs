//! The runtime's part of showing the QR code as an image: ask the terminal once at start which
//! protocol it speaks, then after each frame put the image where the view left the QR's area
//! blank, and take it away when that area changes or goes (another step, an overlay, a
//! resize, the end).

use crate::graphics::{self, Protocol, Raster, detect};
use crate::wizard::settings::QrMode;
use crate::wizard::state::{Step, Wizard};
use crate::wizard::steps::Encoding;
use crate::wizard::view::qr_slot;
use ratatui::layout::Rect;
use std::io::{self, Write};

/// An image on screen, or one to put there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub area: Rect,
    pub encoding: Encoding,
    pub quiet: usize,
    /// Pixels per module.
    pub ppm: usize,
}

/// What the terminal can show, and what it shows now.
#[derive(Debug)]
pub struct Images {
    protocol: Protocol,
    /// Cell width and height in pixels.
    cell: (u16, u16),
    tmux: bool,
    shown: Option<Placement>,
}

impl Images {
    /// Asks the terminal (raw mode must be on) when the mode allows images; `None` means cells.
    pub fn detect(mode: QrMode) -> Option<Self> {
        if !matches!(mode, QrMode::Auto | QrMode::Image) {
            return None;
        }
        let term = std::env::var("TERM").ok();
        let tmux = std::env::var_os("TMUX").is_some();
        if detect::in_multiplexer(term.as_deref(), tmux) && mode == QrMode::Auto {
            return None;
        }
        let answers = detect::ask(tmux);
        let protocol = answers.protocol()?;
        let from_window = crossterm::terminal::window_size().ok().and_then(|s| {
            let ok = s.width > 0 && s.height > 0 && s.columns > 0 && s.rows > 0;
            ok.then(|| (s.width / s.columns, s.height / s.rows))
        });
        let cell = from_window.or(answers.cell)?;
        Some(Self {
            protocol,
            cell,
            tmux,
            shown: None,
        })
    }

    /// Where the image goes on a screen of `area` now, if anywhere.
    pub fn wanted(&self, w: &Wizard, area: Rect) -> Option<Placement> {
        let slot = qr_slot(w, area)?;
        let Step::Scan(e) = &w.step else {
            return None;
        };
        let side = e.qr_of(slot.fit.encoding).side(slot.fit.quiet);
        let px_w = usize::from(slot.area.width) * usize::from(self.cell.0);
        let px_h = usize::from(slot.area.height) * usize::from(self.cell.1);
        let ppm = px_w.min(px_h) / side.max(1);
        (ppm > 0).then_some(Placement {
            area: slot.area,
            encoding: slot.fit.encoding,
            quiet: slot.fit.quiet,
            ppm,
        })
    }

    pub fn shown(&self) -> Option<Placement> {
        self.shown
    }

    fn write(&self, out: &mut impl Write, sequence: &str) -> io::Result<()> {
        if self.tmux {
            out.write_all(graphics::tmux_passthrough(sequence).as_bytes())?;
        } else {
            out.write_all(sequence.as_bytes())?;
        }
        out.flush()
    }

    /// Takes the image away. True when the cells under it must be drawn again (sixel and
    /// iTerm2 images are pixels of the cells; kitty deletes its own).
    pub fn erase(&mut self, out: &mut impl Write) -> io::Result<bool> {
        if self.shown.take().is_none() {
            return Ok(false);
        }
        if self.protocol == Protocol::Kitty {
            self.write(out, &graphics::kitty_delete())?;
            return Ok(false);
        }
        Ok(true)
    }

    /// The screen was cleared (a resize): nothing is shown any more.
    pub fn forget(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.erase(out).map(|_| ())
    }

    /// Draws the image at its place.
    pub fn put(&mut self, out: &mut impl Write, w: &Wizard, at: Placement) -> io::Result<()> {
        let Step::Scan(e) = &w.step else {
            return Ok(());
        };
        let raster = Raster::of(e.qr_of(at.encoding), at.quiet, at.ppm);
        crossterm::queue!(out, crossterm::cursor::MoveTo(at.area.x, at.area.y))?;
        self.write(out, &graphics::image(self.protocol, &raster))?;
        self.shown = Some(at);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Sensitive;
    use crate::wizard::keymap::{Key, press};
    use crate::wizard::msg::{Association, Msg, Screen, UserInfo};
    use crate::wizard::settings::Settings;
    use crate::wizard::update::{Start, init, update};

    fn at_scan() -> Wizard {
        let settings = Settings {
            issuer: "Acme Corporation".into(),
            account_name: Some("alice.longname@example.com".into()),
            ..Settings::default()
        };
        let (mut w, _) = init(settings, Start::AccessToken(Sensitive::new("t")));
        update(&mut w, Msg::UserLoaded(Ok(UserInfo::default())));
        let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPABCD";
        let association = Association {
            secret: secret.into(),
            session: None,
            at: 0,
        };
        update(&mut w, Msg::Associated(Ok(association)));
        let screen = Screen {
            cols: 120,
            rows: 40,
            images: true,
        };
        update(&mut w, Msg::Screen(screen));
        w
    }

    fn kitty() -> Images {
        Images {
            protocol: Protocol::Kitty,
            cell: (10, 20),
            tmux: false,
            shown: None,
        }
    }

    #[test]
    fn the_image_covers_the_qr_area_at_whole_pixels_per_module() {
        let w = at_scan();
        let area = Rect::new(0, 0, 120, 40);
        let at = kitty().wanted(&w, area).unwrap();
        assert_eq!(at.area, qr_slot(&w, area).unwrap().area);
        // 53 modules in 53×27 cells of 10×20 px: 10 px per module, as large as the cells.
        assert_eq!((at.area.width, at.area.height), (53, 27));
        assert_eq!(at.ppm, 10);
    }

    #[test]
    fn the_image_goes_when_the_step_or_an_overlay_covers_it() {
        let mut w = at_scan();
        let area = Rect::new(0, 0, 120, 40);
        let mut images = kitty();
        let at = images.wanted(&w, area).unwrap();
        let mut out = Vec::new();
        images.put(&mut out, &w, at).unwrap();
        assert!(String::from_utf8_lossy(&out).contains("\x1b_Ga=T,f=100"));
        press(&mut w, Key::Char('?'));
        assert_eq!(images.wanted(&w, area), None, "help is over it");
        press(&mut w, Key::Enter);
        press(&mut w, Key::Enter);
        assert!(matches!(w.step, Step::Code(_)));
        assert_eq!(images.wanted(&w, area), None, "the code step has no QR");
        let mut out = Vec::new();
        assert!(
            !images.erase(&mut out).unwrap(),
            "kitty deletes its own image"
        );
        assert_eq!(out, graphics::kitty_delete().as_bytes());
        assert_eq!(images.shown(), None);
        let mut sixel = Images {
            protocol: Protocol::Sixel,
            ..kitty()
        };
        sixel.shown = Some(at);
        assert!(
            sixel.erase(&mut Vec::new()).unwrap(),
            "sixel needs the cells redrawn"
        );
    }
}
