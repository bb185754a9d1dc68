import Foundation
import Testing

@testable import Neuron

@Suite("Plot internals: PNG, marching squares, SVG numbers")
struct PlotInternalsTests {
    @Test("PNG: signature, chunk CRCs, and the stored zlib stream gives back the pixels")
    func png() throws {
        let pixels: [PNG.Pixel] = (0..<6).map { (UInt8($0 * 40), 7, 200, $0 == 5 ? 0 : 255) }
        let bytes = PNG.encode(width: 3, height: 2, pixels: pixels)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8
        var chunks: [(type: String, data: [UInt8])] = []
        func uint32(_ at: Int) -> UInt32 { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        while offset < bytes.count {
            let length = Int(uint32(offset))
            let body = Array(bytes[(offset + 4)..<(offset + 8 + length)])
            #expect(uint32(offset + 8 + length) == PNG.crc32(body))
            chunks.append((String(decoding: body.prefix(4), as: UTF8.self), Array(body.dropFirst(4))))
            offset += 12 + length
        }
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(chunks[0].data == [0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0])
        // zlib header, one final stored block: 1, LEN, NLEN, data, Adler-32.
        let idat = chunks[1].data
        #expect(Array(idat.prefix(3)) == [0x78, 0x01, 0x01])
        let raw = Array(idat[7..<(idat.count - 4)])
        #expect(raw.count == 2 * (1 + 3 * 4))
        #expect(Array(raw[0..<5]) == [0, 0, 7, 200, 255])  // filter byte, first pixel
        #expect(Array(raw[(13 + 9)..<(13 + 13)]) == [200, 7, 200, 0])  // last pixel, transparent
        #expect(PNG.crc32(Array("IEND".utf8)) == 0xAE42_6082)  // the well-known CRC of an empty IEND
        #expect(PNG.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)  // RFC 1950's example value
    }

    @Test("marching squares: the contour of a cone lies on the circle of that level, closed")
    func circle() {
        // v = distance from the centre (20, 20) of a 41 × 41 grid; level 12 is a circle of radius 12.
        func distance(_ x: Double, _ y: Double) -> Double { ((x - 20) * (x - 20) + (y - 20) * (y - 20)).squareRoot() }
        let values: [[Double]] = (0..<41).map { i in (0..<41).map { j in distance(Double(j), Double(i)) } }
        let lines = MarchingSquares.contours(values, level: 12)
        #expect(lines.count == 1)
        let line = lines[0]
        #expect(line.first! == line.last!, "a closed loop repeats its first point")
        for p in line {
            let r = distance(p.x, p.y)
            #expect(Swift.abs(r - 12) < 0.05, "point \(p) at radius \(r)")  // chords of the circle
        }
    }

    @Test("marching squares: a saddle is split by its centre value; NaN squares are skipped; flat grids give nothing")
    func saddleAndGaps() {
        // Corners a = 1, b = 0, c = 1, d = 0 (diagonal inside), centre mean 0.5 ≥ 0.5: inside connects.
        let saddle = MarchingSquares.contours([[1, 0], [0, 1]], level: 0.5)
        #expect(saddle.count == 2)
        #expect(MarchingSquares.contours([[0.5, 0.5], [0.5, 0.5]], level: 0.5).isEmpty)
        #expect(MarchingSquares.contours([[0, .nan], [1, 1]], level: 0.5).isEmpty)
    }

    @Test("SVG numbers: hundredths, no exponent, no −0, clamped far outside")
    func numbers() {
        #expect(SVG.number(12) == "12")
        #expect(SVG.number(3.5) == "3.5")
        #expect(SVG.number(-0.25) == "-0.25")
        #expect(SVG.number(0.05) == "0.05")
        #expect(SVG.number(-0.001) == "0")
        #expect(SVG.number(1e300) == "1000000")
        #expect(SVG.escaped("a<b>&\"'\u{1}") == "a&lt;b&gt;&amp;&quot;&#39;")
    }
}
