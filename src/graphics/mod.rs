//! The QR code as an image, for terminals with a graphics protocol: kitty's, iTerm2's inline
//! images and sixel. The image is the module grid at an integer number of pixels per module
//! (no resampling), encoded here: a 1-bit PNG for kitty and iTerm2 (`png`), a two-colour sixel
//! stream (`sixel`). `detect` asks the terminal which protocol it speaks.
//!
//! Written here rather than taken from ratatui-image: that crate brings the `image` crate and
//! its codecs for what is a black-and-white grid, and draws through its own widget state; the
//! wizard's views stay pure and the runtime writes the image where the view left room, as it
//! already does for the OSC 8 link. The encoders are about 200 lines and tested by decoding
//! their output back to the URI.

pub mod detect;
pub mod png;
pub mod sixel;

use crate::qr::Qr;
use base64::Engine;

/// A graphics protocol a terminal speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Kitty,
    Iterm2,
    Sixel,
}

/// A black-and-white picture of a QR code: `true` is dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pub dark: Vec<bool>,
}

impl Raster {
    /// The code with its quiet zone at `ppm` pixels per module.
    pub fn of(qr: &Qr, quiet: usize, ppm: usize) -> Self {
        let ppm = ppm.max(1);
        let side = qr.side(quiet) * ppm;
        let dark = (0..side * side)
            .map(|i| qr.is_dark_in_zone((i % side) / ppm, (i / side) / ppm, quiet))
            .collect();
        Self {
            width: side,
            height: side,
            dark,
        }
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }
}

/// The image id the wizard gives its QR code in kitty.
pub const KITTY_ID: u32 = 7_311;

/// kitty's graphics protocol: the PNG sent in chunks of 4096 base64 bytes and shown at the
/// cursor, which does not move (`C=1`); `q=2` asks for no answer.
pub fn kitty(png: &[u8]) -> String {
    let data = base64::engine::general_purpose::STANDARD.encode(png);
    let chunks: Vec<&[u8]> = data.as_bytes().chunks(4096).collect();
    let mut out = String::with_capacity(data.len() + chunks.len() * 40);
    for (i, chunk) in chunks.iter().enumerate() {
        let more = u8::from(i + 1 < chunks.len());
        let chunk = std::str::from_utf8(chunk).unwrap_or_default();
        if i == 0 {
            out.push_str(&format!(
                "\x1b_Ga=T,f=100,i={KITTY_ID},C=1,q=2,m={more};{chunk}\x1b\\"
            ));
        } else {
            out.push_str(&format!("\x1b_Gm={more};{chunk}\x1b\\"));
        }
    }
    out
}

/// Deletes the wizard's image from a kitty screen.
pub fn kitty_delete() -> String {
    format!("\x1b_Ga=d,d=I,i={KITTY_ID},q=2\x1b\\")
}

/// iTerm2's inline image (also WezTerm's): the PNG at its own size in pixels.
pub fn iterm2(png: &[u8], width: usize, height: usize) -> String {
    let data = base64::engine::general_purpose::STANDARD.encode(png);
    format!(
        "\x1b]1337;File=inline=1;size={};width={width}px;height={height}px;preserveAspectRatio=1:{data}\x07",
        png.len()
    )
}

/// The escape sequence that draws `raster` with `protocol` at the cursor.
pub fn image(protocol: Protocol, raster: &Raster) -> String {
    match protocol {
        Protocol::Kitty => kitty(&png::encode(raster)),
        Protocol::Iterm2 => iterm2(&png::encode(raster), raster.width, raster.height),
        Protocol::Sixel => sixel::encode(raster),
    }
}

/// A sequence passed through tmux to the terminal outside it (tmux needs `allow-passthrough`).
pub fn tmux_passthrough(sequence: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raster_has_whole_pixels_per_module() {
        let qr = Qr::encode("otpauth://totp/a?secret=ABCD").unwrap();
        let r = Raster::of(&qr, 2, 3);
        assert_eq!(r.width, qr.side(2) * 3);
        for y in 0..r.height {
            for x in 0..r.width {
                assert_eq!(r.is_dark(x, y), qr.is_dark_in_zone(x / 3, y / 3, 2));
            }
        }
    }

    #[test]
    fn kitty_chunks_and_deletes_by_id() {
        let seq = kitty(&[0u8; 10_000]);
        assert!(seq.starts_with("\x1b_Ga=T,f=100,i=7311,C=1,q=2,m=1;"));
        assert!(seq.ends_with("\x1b\\"));
        assert_eq!(
            seq.matches("\x1b_G").count(),
            4,
            "13 336 base64 bytes in 4 chunks"
        );
        assert!(seq.contains("\x1b_Gm=0;"));
        assert_eq!(kitty_delete(), "\x1b_Ga=d,d=I,i=7311,q=2\x1b\\");
    }

    #[test]
    fn tmux_doubles_escapes() {
        assert_eq!(
            tmux_passthrough("\x1b_Gx\x1b\\"),
            "\x1bPtmux;\x1b\x1b_Gx\x1b\x1b\\\x1b\\"
        );
    }
}
