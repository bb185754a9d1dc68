import Foundation

/// A minimal PNG writer for the raster of a probability field: 8-bit RGBA, filter "none",
/// and zlib "stored" (uncompressed) deflate blocks, so it needs no compression library. As
/// matplotlib's SVG backend does for `imshow`, the figure embeds it as a base64 data URI.
enum PNG {
    /// An RGBA pixel.
    typealias Pixel = (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)

    /// The PNG file of `pixels`, row-major from the top row.
    ///
    /// - Precondition: `pixels.count == width · height`, both at least 1.
    static func encode(width: Int, height: Int, pixels: [Pixel]) -> [UInt8] {
        precondition(width >= 1 && height >= 1 && pixels.count == width * height, "PNG.encode: bad size")
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (1 + 4 * width))
        for row in 0..<height {
            raw.append(0)  // filter type none
            for p in pixels[(row * width)..<((row + 1) * width)] { raw += [p.red, p.green, p.blue, p.alpha] }
        }
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 6, 0, 0, 0]  // bit depth 8, RGBA, deflate, adaptive filtering, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", header) + chunk("IDAT", zlibStored(raw)) + chunk("IEND", [])
    }

    /// A `data:` URI of the PNG of `pixels`.
    static func dataURI(width: Int, height: Int, pixels: [Pixel]) -> String {
        "data:image/png;base64," + Data(encode(width: width, height: height, pixels: pixels)).base64EncodedString()
    }

    /// A zlib stream holding `bytes` in stored deflate blocks of at most 65,535 bytes.
    static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = Swift.min(start + 65_535, bytes.count)
            let length = UInt16(end - start)
            out.append(end == bytes.count ? 1 : 0)  // BFINAL, BTYPE 00
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += bytes[start..<end]
            start = end
        } while start < bytes.count
        return out + bigEndian(adler32(bytes))
    }

    /// Adler-32 of `bytes` (RFC 1950).
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var (a, b): (UInt32, UInt32) = (1, 0)
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    /// CRC-32 of `bytes` (ISO-HDLC, as PNG's chunk checksum).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// One chunk: length, type, data, CRC of type and data.
    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}
