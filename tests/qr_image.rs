//! The images the runtime sends where the terminal speaks a graphics protocol, decoded back:
//! kitty's chunks and iTerm2's payload are base64 PNGs (read with the `png` crate), sixel is
//! parsed here; each picture goes to rqrr and must give the exact URI.

use base64::Engine;
use cognito_mfa::graphics::{Protocol, Raster, image};
use cognito_mfa::qr::{FULL_QUIET_ZONE, Qr};
use cognito_mfa::totp::otpauth_uri;

fn uri() -> String {
    otpauth_uri(
        "Acme Corporation",
        "alice.longname@example.com",
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPABCD",
    )
}

/// A black-and-white picture (true: dark).
struct Picture {
    width: usize,
    height: usize,
    dark: Vec<bool>,
}

fn decode(p: &Picture) -> String {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(p.width, p.height, |x, y| {
        if p.dark[y * p.width + x] { 0 } else { 255 }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code in the picture");
    grids[0].decode().unwrap().1
}

fn from_png(bytes: &[u8]) -> Picture {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    let (width, height) = (info.width as usize, info.height as usize);
    Picture {
        width,
        height,
        dark: buf[..width * height].iter().map(|&v| v < 128).collect(),
    }
}

/// The base64 payloads of kitty's APC chunks, joined.
fn kitty_payload(seq: &str) -> Vec<u8> {
    let data: String = seq
        .split("\x1b_G")
        .skip(1)
        .map(|chunk| {
            let body = chunk.strip_suffix("\x1b\\").unwrap();
            body.split_once(';').unwrap().1.to_owned()
        })
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap()
}

fn iterm2_payload(seq: &str) -> Vec<u8> {
    let body = seq
        .strip_prefix("\x1b]1337;File=")
        .and_then(|s| s.strip_suffix('\x07'))
        .unwrap();
    let (args, data) = body.split_once(':').unwrap();
    assert!(args.contains("inline=1"));
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap()
}

/// A two-colour sixel stream painted: `#n` picks a colour, `!n` repeats, `$` returns to the
/// band's start, `-` goes to the next band of six rows.
fn from_sixel(seq: &str) -> Picture {
    let body = seq.strip_prefix("\x1bP0;1;0q").unwrap();
    let body = body.strip_suffix("\x1b\\").unwrap();
    let raster = body.strip_prefix("\"1;1;").unwrap();
    let (size, mut rest) = raster.split_at(raster.find('#').unwrap());
    let (w, h) = size.split_once(';').unwrap();
    let (width, height): (usize, usize) = (w.parse().unwrap(), h.parse().unwrap());
    let mut dark = vec![false; width * height];
    let (mut x, mut band, mut colour) = (0usize, 0usize, 0u32);
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '#' => {
                let end = rest
                    .find(|c: char| !c.is_ascii_digit() && c != ';')
                    .unwrap();
                let spec = &rest[..end];
                rest = &rest[end..];
                colour = spec.split(';').next().unwrap().parse().unwrap();
            }
            '$' => x = 0,
            '-' => {
                x = 0;
                band += 6;
            }
            '!' | '?'..='~' => {
                let (count, sixel) = if c == '!' {
                    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap();
                    let n: usize = rest[..end].parse().unwrap();
                    let s = rest[end..].chars().next().unwrap();
                    rest = &rest[end + 1..];
                    (n, s)
                } else {
                    (1, c)
                };
                let bits = sixel as u32 - 0x3F;
                for _ in 0..count {
                    for dy in 0..6 {
                        let y = band + dy;
                        if bits & (1 << dy) != 0 && y < height && x < width {
                            dark[y * width + x] = colour == 1;
                        }
                    }
                    x += 1;
                }
            }
            other => panic!("unexpected {other:?} in the sixel stream"),
        }
    }
    Picture {
        width,
        height,
        dark,
    }
}

fn raster() -> Raster {
    let qr = Qr::encode(&uri()).unwrap();
    Raster::of(&qr, FULL_QUIET_ZONE, 4)
}

#[test]
fn kitty_sends_a_png_of_the_exact_uri() {
    let raster = raster();
    let seq = image(Protocol::Kitty, &raster);
    let picture = from_png(&kitty_payload(&seq));
    assert_eq!(
        (picture.width, picture.height),
        (raster.width, raster.height)
    );
    assert_eq!(picture.dark, raster.dark, "pixel for pixel, no resampling");
    assert_eq!(decode(&picture), uri());
}

#[test]
fn iterm2_sends_a_png_of_the_exact_uri_at_its_own_size() {
    let raster = raster();
    let seq = image(Protocol::Iterm2, &raster);
    let size = format!("width={0}px;height={0}px", raster.width);
    assert!(seq.contains(&size), "{}", &seq[..80]);
    let picture = from_png(&iterm2_payload(&seq));
    assert_eq!(picture.dark, raster.dark);
    assert_eq!(decode(&picture), uri());
}

#[test]
fn sixel_paints_the_exact_uri() {
    let raster = raster();
    let picture = from_sixel(&image(Protocol::Sixel, &raster));
    assert_eq!(
        (picture.width, picture.height),
        (raster.width, raster.height)
    );
    assert_eq!(picture.dark, raster.dark);
    assert_eq!(decode(&picture), uri());
}
