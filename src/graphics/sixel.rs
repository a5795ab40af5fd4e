//! A two-colour sixel stream: colour 0 white, colour 1 black, six pixel rows per band, runs
//! compressed with `!`.

use super::Raster;

/// Appends `count` copies of the sixel `c`, as a run where that is shorter.
fn run(out: &mut String, c: char, count: usize) {
    if count > 3 {
        out.push_str(&format!("!{count}{c}"));
    } else {
        out.extend(std::iter::repeat_n(c, count));
    }
}

/// The picture as a sixel stream, from DCS to ST.
pub fn encode(raster: &Raster) -> String {
    let mut out = format!(
        "\x1bP0;1;0q\"1;1;{};{}#0;2;100;100;100#1;2;0;0;0",
        raster.width, raster.height
    );
    for band in (0..raster.height).step_by(6) {
        for (colour, dark) in [(0, false), (1, true)] {
            out.push_str(&format!("#{colour}"));
            let mut last = None;
            let mut count = 0;
            for x in 0..raster.width {
                let mut bits = 0u8;
                for dy in 0..6 {
                    let y = band + dy;
                    if y < raster.height && raster.is_dark(x, y) == dark {
                        bits |= 1 << dy;
                    }
                }
                let c = char::from(0x3F + bits);
                if last == Some(c) {
                    count += 1;
                } else {
                    if let Some(prev) = last {
                        run(&mut out, prev, count);
                    }
                    last = Some(c);
                    count = 1;
                }
            }
            if let Some(prev) = last {
                run(&mut out, prev, count);
            }
            out.push('$');
        }
        out.push('-');
    }
    out.push_str("\x1b\\");
    out
}
