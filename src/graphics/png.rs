//! A minimal PNG encoder for a black-and-white picture: 1-bit greyscale, one IDAT of stored
//! (uncompressed) deflate blocks. A 392-pixel QR is under 20 kB: no compressor needed.

use super::Raster;

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in bytes {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend(u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
    let start = out.len();
    out.extend(kind);
    out.extend(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

/// zlib around stored deflate blocks of at most 65 535 bytes.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    if blocks.is_empty() {
        out.extend([1, 0, 0, 0xFF, 0xFF]);
    }
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = u16::try_from(block.len()).unwrap_or(u16::MAX);
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(*block);
    }
    out.extend(adler32(data).to_be_bytes());
    out
}

/// The picture as a PNG: white for light, black for dark.
pub fn encode(raster: &Raster) -> Vec<u8> {
    let row_bytes = raster.width.div_ceil(8);
    let mut scanlines = Vec::with_capacity((row_bytes + 1) * raster.height);
    for y in 0..raster.height {
        scanlines.push(0); // filter: none
        for byte in 0..row_bytes {
            let mut bits = 0u8;
            for bit in 0..8 {
                let x = byte * 8 + bit;
                // 1 is white in 1-bit greyscale.
                if x >= raster.width || !raster.is_dark(x, y) {
                    bits |= 0x80 >> bit;
                }
            }
            scanlines.push(bits);
        }
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::with_capacity(13);
    header.extend(u32::try_from(raster.width).unwrap_or(0).to_be_bytes());
    header.extend(u32::try_from(raster.height).unwrap_or(0).to_be_bytes());
    header.extend([1, 0, 0, 0, 0]); // depth 1, greyscale, deflate, filter 0, no interlace
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib_stored(&scanlines));
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_their_references() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn large_data_spans_several_stored_blocks() {
        let z = zlib_stored(&vec![7u8; 70_000]);
        assert_eq!(z.len(), 2 + 2 * 5 + 70_000 + 4);
        assert_eq!(z[2], 0, "the first block is not the last");
    }
}
