//! A screen as a terminal paints it, in pixels: a grid of cells whose size comes from a real
//! monospace font's metrics (ascent + descent + line gap, rounded up, as terminals size a line;
//! the advance of `M` for the width), each cell's background filled and its glyph rasterised
//! from the font file and blended in its foreground colour. Then the damage a phone camera
//! adds (half the resolution, a blur, a 5° turn) before rqrr looks for the code.

#![allow(dead_code)]

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::collections::HashMap;

pub const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
pub const LIBERATION: &str = "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf";

/// A terminal's colours: the 16 ANSI colours and the default foreground and background.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub name: &'static str,
    pub fg: [u8; 3],
    pub bg: [u8; 3],
    pub ansi: [[u8; 3]; 16],
}

const XTERM: [[u8; 3]; 16] = [
    [0, 0, 0],
    [205, 0, 0],
    [0, 205, 0],
    [205, 205, 0],
    [0, 0, 238],
    [205, 0, 205],
    [0, 205, 205],
    [229, 229, 229],
    [127, 127, 127],
    [255, 0, 0],
    [0, 255, 0],
    [255, 255, 0],
    [92, 92, 255],
    [255, 0, 255],
    [0, 255, 255],
    [255, 255, 255],
];

/// A dark theme (light text on near-black), as most terminals ship.
pub const DARK: Palette = Palette {
    name: "dark",
    fg: [229, 229, 229],
    bg: [24, 24, 24],
    ansi: XTERM,
};

/// A light theme (dark text on white).
pub const LIGHT: Palette = Palette {
    name: "light",
    fg: [30, 30, 30],
    bg: [255, 255, 255],
    ansi: XTERM,
};

impl Palette {
    /// A ratatui colour as this terminal shows it; `Reset` is the theme's default.
    pub fn rgb(&self, color: Color, foreground: bool) -> [u8; 3] {
        let named = |i: usize| self.ansi[i];
        match color {
            Color::Reset if foreground => self.fg,
            Color::Reset => self.bg,
            Color::Black => named(0),
            Color::Red => named(1),
            Color::Green => named(2),
            Color::Yellow => named(3),
            Color::Blue => named(4),
            Color::Magenta => named(5),
            Color::Cyan => named(6),
            Color::Gray => named(7),
            Color::DarkGray => named(8),
            Color::LightRed => named(9),
            Color::LightGreen => named(10),
            Color::LightYellow => named(11),
            Color::LightBlue => named(12),
            Color::LightMagenta => named(13),
            Color::LightCyan => named(14),
            Color::White => named(15),
            Color::Indexed(i) if i < 16 => named(usize::from(i)),
            Color::Indexed(i) if i < 232 => {
                let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
                let i = i - 16;
                [level(i / 36), level((i / 6) % 6), level(i % 6)]
            }
            Color::Indexed(i) => {
                let v = 8 + 10 * (i - 232);
                [v, v, v]
            }
            Color::Rgb(r, g, b) => [r, g, b],
        }
    }
}

/// A monospace font at a pixel size, with the cell size a terminal gives it.
pub struct Font {
    pub name: &'static str,
    font: fontdue::Font,
    pub px: f32,
    pub cell_w: usize,
    pub cell_h: usize,
    /// Pixels from the top of a cell to the baseline.
    baseline: i32,
    glyphs: HashMap<char, (fontdue::Metrics, Vec<u8>)>,
}

impl Font {
    pub fn load(path: &str, name: &'static str, px: f32) -> Self {
        let bytes = std::fs::read(path).unwrap_or_else(|e| {
            panic!("{path}: {e} (.ci/run installs fonts-dejavu-core and fonts-liberation)")
        });
        let font = fontdue::Font::from_bytes(bytes, fontdue::FontSettings::default()).unwrap();
        let line = font.horizontal_line_metrics(px).unwrap();
        let cell_h = (line.ascent - line.descent + line.line_gap).ceil() as usize;
        let cell_w = font.metrics('M', px).advance_width.round() as usize;
        let baseline = (line.ascent + line.line_gap / 2.0).round() as i32;
        Self {
            name,
            font,
            px,
            cell_w,
            cell_h,
            baseline,
            glyphs: HashMap::new(),
        }
    }

    fn glyph(&mut self, c: char) -> &(fontdue::Metrics, Vec<u8>) {
        let (font, px) = (&self.font, self.px);
        self.glyphs
            .entry(c)
            .or_insert_with(|| font.rasterize(c, px))
    }

    /// The first and last pixel rows of a cell a glyph covers (coverage over half), mid column.
    pub fn rows_span(&mut self, c: char) -> Option<(i32, i32)> {
        let baseline = self.baseline;
        let (m, bitmap) = self.glyph(c).clone();
        let top = baseline - (m.ymin + m.height as i32);
        let x = m.width / 2;
        let rows: Vec<i32> = (0..m.height)
            .filter(|&y| bitmap[y * m.width + x] > 127)
            .map(|y| top + y as i32)
            .collect();
        Some((*rows.first()?, *rows.last()?))
    }

    /// How many of a cell's pixel rows a glyph covers (coverage over half) in its middle column.
    pub fn rows_covered(&mut self, c: char) -> usize {
        let baseline = self.baseline;
        let cell_h = self.cell_h as i32;
        let (m, bitmap) = self.glyph(c).clone();
        let top = baseline - (m.ymin + m.height as i32);
        let x = m.width / 2;
        (0..m.height)
            .filter(|&y| {
                let row = top + y as i32;
                (0..cell_h).contains(&row) && bitmap[y * m.width + x] > 127
            })
            .count()
    }
}

/// A greyscale image (luma), row by row.
#[derive(Clone)]
pub struct Luma {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl Luma {
    pub fn get(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }
}

fn luma([r, g, b]: [u8; 3]) -> u8 {
    ((299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b)) / 1000) as u8
}

/// Paints a ratatui buffer as a terminal with `font` and `palette` would.
pub fn paint(buf: &Buffer, font: &mut Font, palette: &Palette) -> Luma {
    let area = buf.area;
    let (cw, ch) = (font.cell_w, font.cell_h);
    let width = usize::from(area.width) * cw;
    let height = usize::from(area.height) * ch;
    let mut pixels = vec![0u8; width * height];
    for cy in 0..area.height {
        for cx in 0..area.width {
            let cell = &buf[(cx, cy)];
            let (mut fg, mut bg) = (palette.rgb(cell.fg, true), palette.rgb(cell.bg, false));
            if cell.modifier.contains(Modifier::REVERSED) {
                std::mem::swap(&mut fg, &mut bg);
            }
            let (fg, bg) = (i32::from(luma(fg)), i32::from(luma(bg)));
            let (x0, y0) = (usize::from(cx) * cw, usize::from(cy) * ch);
            for y in y0..y0 + ch {
                pixels[y * width + x0..y * width + x0 + cw].fill(bg as u8);
            }
            let Some(c) = cell.symbol().chars().next().filter(|c| *c != ' ') else {
                continue;
            };
            let baseline = font.baseline;
            let (m, bitmap) = font.glyph(c);
            let top = y0 as i32 + baseline - (m.ymin + m.height as i32);
            let left = x0 as i32 + m.xmin;
            for gy in 0..m.height {
                for gx in 0..m.width {
                    let (px, py) = (left + gx as i32, top + gy as i32);
                    // A glyph paints only inside its own cell, as terminals clip it.
                    let inside = (x0 as i32..(x0 + cw) as i32).contains(&px)
                        && (y0 as i32..(y0 + ch) as i32).contains(&py);
                    if inside {
                        let cov = i32::from(bitmap[gy * m.width + gx]);
                        let i = py as usize * width + px as usize;
                        pixels[i] = (bg + (fg - bg) * cov / 255) as u8;
                    }
                }
            }
        }
    }
    Luma {
        width,
        height,
        pixels,
    }
}

/// Half the resolution: each pixel the mean of a 2×2 block.
pub fn half(img: &Luma) -> Luma {
    let (width, height) = (img.width / 2, img.height / 2);
    let mut pixels = Vec::with_capacity(width * height);
    for y in 0..height {
        for x in 0..width {
            let sum: u32 = [(0, 0), (1, 0), (0, 1), (1, 1)]
                .iter()
                .map(|(dx, dy)| u32::from(img.get(2 * x + dx, 2 * y + dy)))
                .sum();
            pixels.push((sum / 4) as u8);
        }
    }
    Luma {
        width,
        height,
        pixels,
    }
}

/// A 3×3 box blur (edges repeat).
pub fn blur(img: &Luma) -> Luma {
    let at = |x: isize, y: isize| {
        let x = x.clamp(0, img.width as isize - 1) as usize;
        let y = y.clamp(0, img.height as isize - 1) as usize;
        u32::from(img.get(x, y))
    };
    let mut pixels = Vec::with_capacity(img.pixels.len());
    for y in 0..img.height as isize {
        for x in 0..img.width as isize {
            let sum: u32 = (-1..=1)
                .flat_map(|dy| (-1..=1).map(move |dx| (dx, dy)))
                .map(|(dx, dy)| at(x + dx, y + dy))
                .sum();
            pixels.push((sum / 9) as u8);
        }
    }
    Luma { pixels, ..*img }
}

/// Turned by `degrees` about the centre (bilinear); what comes in from outside is `fill`.
pub fn rotate(img: &Luma, degrees: f32, fill: u8) -> Luma {
    rotate_shifted(img, degrees, (0.0, 0.0), fill)
}

/// Turned by `degrees` about the centre and moved by `shift` pixels (bilinear).
pub fn rotate_shifted(img: &Luma, degrees: f32, shift: (f32, f32), fill: u8) -> Luma {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (img.width as f32 / 2.0, img.height as f32 / 2.0);
    let sample = |x: f32, y: f32| -> f32 {
        if x < 0.0 || y < 0.0 || x >= (img.width - 1) as f32 || y >= (img.height - 1) as f32 {
            return f32::from(fill);
        }
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let p = |dx: usize, dy: usize| f32::from(img.get(x0 + dx, y0 + dy));
        let top = p(0, 0) * (1.0 - fx) + p(1, 0) * fx;
        let bottom = p(0, 1) * (1.0 - fx) + p(1, 1) * fx;
        top * (1.0 - fy) + bottom * fy
    };
    let mut pixels = Vec::with_capacity(img.pixels.len());
    for y in 0..img.height {
        for x in 0..img.width {
            let (dx, dy) = (x as f32 - cx, y as f32 - cy);
            // The source of each output pixel: the inverse rotation.
            let sx = cos * dx + sin * dy + cx + shift.0;
            let sy = -sin * dx + cos * dy + cy + shift.1;
            pixels.push(sample(sx, sy).round() as u8);
        }
    }
    Luma { pixels, ..*img }
}

/// The frames a camera takes of a screen turned 5°, each at a slightly different position (a
/// hand is never still): the scene turned and moved by a fraction of a pixel, blurred by the
/// lens, then sampled at half the resolution.
pub fn camera_frames(img: &Luma, fill: u8) -> impl Iterator<Item = Luma> + '_ {
    const SHIFTS: [(f32, f32); 6] = [
        (0.0, 0.0),
        (0.5, 0.5),
        (1.0, 0.0),
        (0.0, 1.0),
        (1.5, 0.5),
        (0.5, 1.5),
    ];
    SHIFTS
        .into_iter()
        .map(move |shift| half(&blur(&rotate_shifted(img, 5.0, shift, fill))))
}

/// The screen with a margin of `fill` around it (an eighth of its width on every side): the
/// camera frames the whole window, so turning it does not cut the screen's corners off.
pub fn framed(img: &Luma, fill: u8) -> Luma {
    let m = img.width / 8;
    let (width, height) = (img.width + 2 * m, img.height + 2 * m);
    let mut pixels = vec![fill; width * height];
    for y in 0..img.height {
        let row = &img.pixels[y * img.width..(y + 1) * img.width];
        pixels[(y + m) * width + m..(y + m) * width + m + img.width].copy_from_slice(row);
    }
    Luma {
        width,
        height,
        pixels,
    }
}

/// How many frames it took rqrr to read `expected` (`None`: no frame did).
pub fn frames_to_decode(img: &Luma, fill: u8, expected: &str) -> Option<usize> {
    let img = framed(img, fill);
    camera_frames(&img, fill)
        .position(|frame| decode_all(&frame).iter().any(|t| t == expected))
        .map(|i| i + 1)
}

/// The image in black and white at Otsu's threshold (the one that best separates the two
/// classes of the histogram), as a scanner binarises a frame.
pub fn binarise(img: &Luma) -> Luma {
    let mut histogram = [0u64; 256];
    for &p in &img.pixels {
        histogram[usize::from(p)] += 1;
    }
    let total = img.pixels.len() as f64;
    let sum: f64 = histogram
        .iter()
        .enumerate()
        .map(|(i, &n)| i as f64 * n as f64)
        .sum();
    let (mut below, mut below_sum, mut best, mut threshold) = (0.0, 0.0, 0.0, 128u8);
    for (i, &n) in histogram.iter().enumerate() {
        below += n as f64;
        below_sum += i as f64 * n as f64;
        let above = total - below;
        if below == 0.0 || above == 0.0 {
            continue;
        }
        let (m0, m1) = (below_sum / below, (sum - below_sum) / above);
        let between = below * above * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            threshold = i as u8;
        }
    }
    Luma {
        pixels: img
            .pixels
            .iter()
            .map(|&p| if p > threshold { 255 } else { 0 })
            .collect(),
        ..*img
    }
}

/// Every QR code rqrr finds and decodes in the image.
pub fn decode_all(img: &Luma) -> Vec<String> {
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(img.width, img.height, |x, y| img.get(x, y));
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

/// The luma of a palette's background, for what a rotation brings in.
pub fn background(palette: &Palette) -> u8 {
    luma(palette.bg)
}
