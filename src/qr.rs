//! QR codes for terminals: encode once, then lay the module grid out as text cells.
//!
//! Each terminal cell holds two modules stacked vertically. How a cell is drawn does not depend
//! on the font's block glyphs: a cell whose two modules are the same is a space with that
//! module's colour as its background; only a cell whose modules differ is one glyph (`▀`), with
//! the upper module's colour as foreground and the lower one's as background. Solid areas are
//! backgrounds, so no font leaves a gap between lines. The quiet zone is 4 modules, reduced to
//! no less than 2 when the terminal is short. At scale `s` a module is `s` columns wide and `s`
//! half-rows high.

use qrcode::{Color, EcLevel, QrCode};

/// The quiet zone the QR specification asks for.
pub const FULL_QUIET_ZONE: usize = 4;
/// The smallest quiet zone phone scanners still read reliably.
pub const MIN_QUIET_ZONE: usize = 2;
/// The glyph of a cell whose two modules differ: the upper half in the foreground colour.
pub const UPPER_HALF: char = '▀';

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the text is too long for a QR code ({0} bytes)")]
pub struct QrTooLong(pub usize);

/// An encoded QR code: a square grid of modules, `true` for dark.
#[derive(Clone, PartialEq, Eq)]
pub struct Qr {
    width: usize,
    modules: Vec<bool>,
}

impl std::fmt::Debug for Qr {
    // The modules encode the secret: show only the size.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Qr({0}×{0})", self.width)
    }
}

/// One text cell of a rendered QR: whether its upper and lower modules are dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QrCell {
    pub upper_dark: bool,
    pub lower_dark: bool,
}

impl QrCell {
    /// A cell of one colour (drawn as a space on that background).
    pub fn is_solid(self) -> bool {
        self.upper_dark == self.lower_dark
    }
}

impl Qr {
    /// Encodes at error-correction level L, the lowest, which gives the smallest code: a phone
    /// held to a screen needs no damage tolerance, and a small code fits small terminals.
    /// Text is split into the densest segments (an upper-case base32 secret goes in
    /// alphanumeric mode).
    pub fn encode(text: &str) -> Result<Self, QrTooLong> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L)
            .map_err(|_| QrTooLong(text.len()))?;
        let width = code.width();
        let modules = code
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        Ok(Self { width, modules })
    }

    /// Modules per side, without a quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark; outside the code it is light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.modules[y * self.width + x]
    }

    /// Whether the module at `x`, `y` of the code with a quiet zone of `quiet` is dark.
    pub fn is_dark_in_zone(&self, x: usize, y: usize, quiet: usize) -> bool {
        x >= quiet && y >= quiet && self.is_dark(x - quiet, y - quiet)
    }

    /// Modules per side with a quiet zone.
    pub fn side(&self, quiet: usize) -> usize {
        self.width + 2 * quiet
    }

    /// Columns and rows of text the code takes with a given quiet zone, at scale 1.
    pub fn cells(&self, quiet: usize) -> (usize, usize) {
        self.cells_at(quiet, 1)
    }

    /// Columns and rows of text the code takes with a given quiet zone and scale.
    pub fn cells_at(&self, quiet: usize, scale: usize) -> (usize, usize) {
        let side = self.side(quiet) * scale;
        (side, side.div_ceil(2))
    }

    /// The widest quiet zone (4 down to 2) with which the code fits in `cols` × `rows` cells,
    /// or `None` when it does not fit at all.
    pub fn quiet_zone_for(&self, cols: usize, rows: usize) -> Option<usize> {
        (MIN_QUIET_ZONE..=FULL_QUIET_ZONE).rev().find(|&quiet| {
            let (w, h) = self.cells(quiet);
            w <= cols && h <= rows
        })
    }

    /// The smallest terminal area (columns, rows) the code needs, with the minimum quiet zone.
    pub fn min_cells(&self) -> (usize, usize) {
        self.cells(MIN_QUIET_ZONE)
    }

    /// The code as rows of cells at a scale, quiet zone included. A last half-row past the
    /// code (an odd number of half-rows) is light, like the quiet zone.
    pub fn cell_rows(&self, quiet: usize, scale: usize) -> Vec<Vec<QrCell>> {
        let scale = scale.max(1);
        let (cols, rows) = self.cells_at(quiet, scale);
        let half_rows = self.side(quiet) * scale;
        let dark = |cx: usize, hy: usize| {
            hy < half_rows && self.is_dark_in_zone(cx / scale, hy / scale, quiet)
        };
        (0..rows)
            .map(|row| {
                (0..cols)
                    .map(|cx| QrCell {
                        upper_dark: dark(cx, 2 * row),
                        lower_dark: dark(cx, 2 * row + 1),
                    })
                    .collect()
            })
            .collect()
    }

    /// The code as lines of text with explicit colours (SGR 256-colour black `dark` and white
    /// `light`), drawn as the full screen draws it: for plain mode's `--qr cells`.
    pub fn ansi_lines(&self, quiet: usize, dark: u8, light: u8) -> Vec<String> {
        let colour = |is_dark: bool| if is_dark { dark } else { light };
        self.cell_rows(quiet, 1)
            .into_iter()
            .map(|row| {
                let mut line = String::new();
                for cell in row {
                    if cell.is_solid() {
                        line.push_str(&format!("\x1b[48;5;{}m ", colour(cell.upper_dark)));
                    } else {
                        line.push_str(&format!(
                            "\x1b[38;5;{};48;5;{}m{UPPER_HALF}",
                            colour(cell.upper_dark),
                            colour(cell.lower_dark)
                        ));
                    }
                }
                line.push_str("\x1b[0m");
                line
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::totp::otpauth_uri;

    fn long_uri() -> String {
        // 52-character secret, 40 characters of issuer plus account.
        otpauth_uri(
            "Example-Corporation",
            "jane.doe1@example.com",
            "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPABCD",
        )
    }

    #[test]
    fn long_uri_fits_an_80_by_24_terminal_with_a_quiet_zone() {
        let qr = Qr::encode(&long_uri()).unwrap();
        let (cols, rows) = qr.min_cells();
        assert!(
            rows <= 23,
            "needs {rows} rows, leaving none for the hint bar"
        );
        assert!(cols <= 48, "needs {cols} columns");
        assert_eq!(qr.quiet_zone_for(80, 23), Some(MIN_QUIET_ZONE));
        assert_eq!(qr.quiet_zone_for(80, 40), Some(FULL_QUIET_ZONE));
        assert_eq!(qr.quiet_zone_for(30, 40), None);
    }

    #[test]
    fn cells_round_trip_the_modules_at_every_scale() {
        let qr = Qr::encode("otpauth://totp/A:b?secret=ABCDEFGH&issuer=A").unwrap();
        for scale in 1..=3 {
            let rows = qr.cell_rows(3, scale);
            let (cols, height) = qr.cells_at(3, scale);
            assert_eq!(rows.len(), height);
            assert_eq!(cols, qr.side(3) * scale);
            for hy in 0..qr.side(3) * scale {
                for (cx, cell) in rows[hy / 2].iter().enumerate() {
                    let dark = if hy % 2 == 0 {
                        cell.upper_dark
                    } else {
                        cell.lower_dark
                    };
                    let expected = qr.is_dark_in_zone(cx / scale, hy / scale, 3);
                    assert_eq!(dark, expected, "scale {scale}, module {cx},{hy}");
                }
            }
            // The quiet zone is light all round.
            assert!(rows[0].iter().all(|c| !c.upper_dark && !c.lower_dark));
            assert!(rows.iter().all(|r| {
                let ends = [r[0], r[cols - 1]];
                ends.iter().all(|c| !c.upper_dark && !c.lower_dark)
            }));
        }
    }

    #[test]
    fn ansi_lines_colour_every_cell_and_use_one_glyph() {
        let qr = Qr::encode("otpauth://totp/A:b?secret=ABCDEFGH&issuer=A").unwrap();
        let lines = qr.ansi_lines(2, 16, 231);
        assert_eq!(lines.len(), qr.cells(2).1);
        for line in &lines {
            assert!(!line.contains('█') && !line.contains('▄'), "{line:?}");
            // Every cell is preceded by its colours: as many SGR sequences as cells.
            let cells = qr.cells(2).0;
            assert_eq!(line.matches("\x1b[").count(), cells + 1);
            assert!(line.ends_with("\x1b[0m"));
        }
        assert!(lines.iter().any(|l| l.contains("38;5;16;48;5;231m▀")));
        assert!(lines.iter().any(|l| l.contains("48;5;16m ")));
    }

    #[test]
    fn debug_hides_the_modules() {
        let qr = Qr::encode("secret").unwrap();
        assert_eq!(format!("{qr:?}"), format!("Qr({0}×{0})", qr.width()));
    }
}
