//! Where the scan step's QR code goes and how large it is: which of the two encodings, which
//! quiet zone, which scale, for a given body area. Pure arithmetic, shared by the view (which
//! draws it), the runtime (which puts an image there) and `update` (whose `+`/`-` keys stop at
//! the largest scale that fits).
//!
//! Two encodings of the same enrollment: the full URI (`otpauth://totp/Issuer:account?…&issuer=
//! Issuer`) and a short one without the label's issuer prefix (`otpauth://totp/account?…&issuer=
//! Issuer`). Google's Key Uri Format makes the prefix optional and recommends the `issuer`
//! parameter, which apps use to name the entry; the short URI is one QR version smaller, which
//! is what lets a long issuer, account and secret fit an 80×24 terminal.

use crate::qr::{FULL_QUIET_ZONE, MIN_QUIET_ZONE};
use crate::wizard::steps::{Encoding, Enrollment};

/// The narrowest column of text beside the QR code.
pub const TEXT_MIN_COLS: usize = 30;
/// The widest column of text beside the QR code.
pub const TEXT_MAX_COLS: usize = 48;
/// The largest scale `+` asks for (and helpdesk and demo mode start at, as far as it fits).
pub const MAX_SCALE: usize = 6;

/// A QR laid out in a body area: its encoding, quiet zone, scale and size in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    pub encoding: Encoding,
    pub quiet: usize,
    pub scale: usize,
    pub cols: usize,
    pub rows: usize,
}

/// The largest layout up to `scale` with room for the text column beside it: the larger scale
/// first, then the full URI before the short one, then the wider quiet zone.
pub fn fit(e: &Enrollment, cols: usize, rows: usize, scale: usize) -> Option<Fit> {
    (1..=scale.clamp(1, MAX_SCALE)).rev().find_map(|scale| {
        [Encoding::Full, Encoding::Short]
            .into_iter()
            .find_map(|encoding| {
                let qr = e.qr_of(encoding);
                (MIN_QUIET_ZONE..=FULL_QUIET_ZONE).rev().find_map(|quiet| {
                    let (w, h) = qr.cells_at(quiet, scale);
                    (w + 1 + TEXT_MIN_COLS <= cols && h <= rows).then_some(Fit {
                        encoding,
                        quiet,
                        scale,
                        cols: w,
                        rows: h,
                    })
                })
            })
    })
}

/// The largest scale that fits, or `None` when not even scale 1 does.
pub fn max_scale(e: &Enrollment, cols: usize, rows: usize) -> Option<usize> {
    fit(e, cols, rows, MAX_SCALE).map(|f| f.scale)
}

/// The smallest body (columns, rows) in which the QR fits at all.
pub fn min_body(e: &Enrollment) -> (usize, usize) {
    let (cols, rows) = e.short_qr.min_cells();
    (cols + 1 + TEXT_MIN_COLS, rows)
}

/// The body of a screen: all of it but the hint bar's row.
pub fn body_of(cols: u16, rows: u16) -> (usize, usize) {
    (usize::from(cols), usize::from(rows.saturating_sub(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Sensitive;

    const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPABCD";

    fn enrollment(issuer: &str, account: &str) -> Enrollment {
        Enrollment::new(
            Sensitive::new(SECRET),
            issuer,
            account.into(),
            None,
            true,
            None,
        )
        .unwrap()
    }

    /// The realistic label: a 148-byte URI, QR version 7 (45 modules).
    fn acme() -> Enrollment {
        enrollment("Acme Corporation", "alice.longname@example.com")
    }

    #[test]
    fn the_short_uri_is_a_version_smaller() {
        let e = acme();
        assert_eq!(e.uri.expose().len(), 148);
        assert_eq!(e.qr.width(), 45, "version 7");
        assert_eq!(e.short_uri.expose().len(), 129);
        assert_eq!(e.short_qr.width(), 41, "version 6");
        assert!(e.short_uri.expose().ends_with("&issuer=Acme%20Corporation"));
    }

    #[test]
    fn an_80_by_24_terminal_shows_the_short_code_with_the_hint_bar() {
        let (cols, rows) = body_of(80, 24);
        let got = fit(&acme(), cols, rows, MAX_SCALE);
        let want = Fit {
            encoding: Encoding::Short,
            quiet: 2,
            scale: 1,
            cols: 45,
            rows: 23,
        };
        assert_eq!(got, Some(want));
        assert!(
            fit(&acme(), cols, rows - 1, 1).is_none(),
            "23 rows are needed"
        );
    }

    #[test]
    fn larger_terminals_show_the_full_code_and_larger_scales_where_they_fit() {
        let e = acme();
        for (cols, rows) in [(100, 32), (120, 40)] {
            let (c, r) = body_of(cols, rows);
            let got = fit(&e, c, r, MAX_SCALE).unwrap();
            assert_eq!((got.encoding, got.quiet, got.scale), (Encoding::Full, 4, 1));
            assert_eq!((got.cols, got.rows), (53, 27));
        }
        let (c, r) = body_of(160, 50);
        assert_eq!(max_scale(&e, c, r), Some(2));
        let got = fit(&e, c, r, 2).unwrap();
        assert_eq!((got.encoding, got.cols, got.rows), (Encoding::Full, 98, 49));
        assert!(
            got.cols + 1 + TEXT_MIN_COLS <= 160,
            "the text column keeps its width"
        );
        assert_eq!(fit(&e, c, r, 1).unwrap().scale, 1, "scale 1 unless asked");
    }

    #[test]
    fn forty_characters_with_eleven_escaped_still_fit_80_by_24() {
        let (cols, rows) = body_of(80, 24);
        // 20 + 20 characters, 10 spaces and an @: each is three bytes in the URI.
        let issuer: String = (0..20).map(|i| if i < 10 { ' ' } else { 'a' }).collect();
        let e = enrollment(&issuer, "jane.doe@example.com");
        assert!(fit(&e, cols, rows, 1).is_some());
        assert_eq!(min_body(&e), (76, 23));
    }
}
