//! QR codes for terminals: encode once, then lay the module grid out as half-block text rows.
//!
//! Each terminal cell holds two modules stacked vertically (`▀`, `▄`, `█` or a space). The
//! renderer draws dark modules in black on an explicit white background, so the code scans
//! whatever the terminal's theme; the quiet zone is 4 modules, reduced to no less than 2 when
//! the terminal is short.

use qrcode::{Color, EcLevel, QrCode};

/// The quiet zone the QR specification asks for.
pub const FULL_QUIET_ZONE: usize = 4;
/// The smallest quiet zone phone scanners still read reliably.
pub const MIN_QUIET_ZONE: usize = 2;

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

/// One text cell of a rendered QR: which of its two stacked modules are dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HalfBlock {
    Empty,
    Upper,
    Lower,
    Full,
}

impl HalfBlock {
    pub fn from_modules(upper_dark: bool, lower_dark: bool) -> Self {
        match (upper_dark, lower_dark) {
            (false, false) => Self::Empty,
            (true, false) => Self::Upper,
            (false, true) => Self::Lower,
            (true, true) => Self::Full,
        }
    }

    pub fn symbol(self) -> char {
        match self {
            Self::Empty => ' ',
            Self::Upper => '▀',
            Self::Lower => '▄',
            Self::Full => '█',
        }
    }

    /// The inverse of `symbol`, for reading a QR back from a screen.
    pub fn from_symbol(symbol: char) -> Option<Self> {
        match symbol {
            ' ' => Some(Self::Empty),
            '▀' => Some(Self::Upper),
            '▄' => Some(Self::Lower),
            '█' => Some(Self::Full),
            _ => None,
        }
    }

    pub fn upper_dark(self) -> bool {
        matches!(self, Self::Upper | Self::Full)
    }

    pub fn lower_dark(self) -> bool {
        matches!(self, Self::Lower | Self::Full)
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

    /// Columns and rows of text the code takes with a given quiet zone.
    pub fn cells(&self, quiet: usize) -> (usize, usize) {
        let side = self.width + 2 * quiet;
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

    /// The code as rows of half-block cells, quiet zone included (light cells are `Empty`).
    pub fn half_block_rows(&self, quiet: usize) -> Vec<Vec<HalfBlock>> {
        let (side, rows) = self.cells(quiet);
        let dark =
            |x: usize, y: usize| x >= quiet && y >= quiet && self.is_dark(x - quiet, y - quiet);
        (0..rows)
            .map(|row| {
                (0..side)
                    .map(|x| HalfBlock::from_modules(dark(x, 2 * row), dark(x, 2 * row + 1)))
                    .collect()
            })
            .collect()
    }

    /// The code as plain text lines (for plain mode and logs of the layout, never of secrets).
    pub fn to_text_lines(&self, quiet: usize) -> Vec<String> {
        self.half_block_rows(quiet)
            .into_iter()
            .map(|row| row.into_iter().map(HalfBlock::symbol).collect())
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
    fn half_blocks_round_trip_the_modules() {
        let qr = Qr::encode("otpauth://totp/A:b?secret=ABCDEFGH&issuer=A").unwrap();
        let rows = qr.half_block_rows(3);
        let (side, height) = qr.cells(3);
        assert_eq!(rows.len(), height);
        for y in 0..side {
            for (x, &cell) in rows[y / 2].iter().enumerate() {
                let dark = if y % 2 == 0 {
                    cell.upper_dark()
                } else {
                    cell.lower_dark()
                };
                let expected = x >= 3 && y >= 3 && qr.is_dark(x - 3, y - 3);
                assert_eq!(dark, expected, "module {x},{y}");
            }
        }
        // The quiet zone is light all round.
        assert!(rows[0].iter().all(|c| *c == HalfBlock::Empty));
        assert!(
            rows.iter()
                .all(|r| r[0] == HalfBlock::Empty && r[side - 1] == HalfBlock::Empty)
        );
    }

    #[test]
    fn symbols_round_trip() {
        for b in [
            HalfBlock::Empty,
            HalfBlock::Upper,
            HalfBlock::Lower,
            HalfBlock::Full,
        ] {
            assert_eq!(HalfBlock::from_symbol(b.symbol()), Some(b));
        }
        assert_eq!(HalfBlock::from_symbol('x'), None);
    }

    #[test]
    fn debug_hides_the_modules() {
        let qr = Qr::encode("secret").unwrap();
        assert_eq!(format!("{qr:?}"), format!("Qr({0}×{0})", qr.width()));
    }
}
