/// Colours and colour maps, with matplotlib's defaults.
extension Figure {
    /// An sRGB colour.
    ///
    /// ```swift
    /// figure.line(x: xs, y: ys, color: Figure.Color(hex: 0x2ca02c))
    /// ```
    public struct Color: Sendable, Hashable {
        /// Red, green and blue, each in 0 ... 255.
        public var red, green, blue: UInt8

        /// A colour from its components.
        ///
        /// - Parameters:
        ///   - red: In [0, 1]; values outside are clamped.
        ///   - green: In [0, 1].
        ///   - blue: In [0, 1].
        public init(red: Double, green: Double, blue: Double) {
            func byte(_ v: Double) -> UInt8 { UInt8((Swift.min(Swift.max(v.isNaN ? 0 : v, 0), 1) * 255).rounded()) }
            (self.red, self.green, self.blue) = (byte(red), byte(green), byte(blue))
        }

        /// A colour written as 0xRRGGBB.
        ///
        /// - Parameter hex: The colour, as in CSS's `#rrggbb`.
        public init(hex: UInt32) {
            red = UInt8((hex >> 16) & 0xFF)
            green = UInt8((hex >> 8) & 0xFF)
            blue = UInt8(hex & 0xFF)
        }

        /// The colour as CSS writes it, `#rrggbb`.
        public var css: String {
            let digits = Array("0123456789abcdef")
            return "#" + String([red, green, blue].flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
        }

        /// The colour a fraction `t` of the way to `other` (0 gives self, 1 gives other).
        ///
        /// - Parameters:
        ///   - other: The colour at t = 1.
        ///   - t: The fraction, clamped to [0, 1].
        /// - Returns: The componentwise linear mix (1 − t)·self + t·other.
        public func mixed(with other: Color, _ t: Double) -> Color {
            let t = Swift.min(Swift.max(t, 0), 1)
            func mix(_ a: UInt8, _ b: UInt8) -> Double { ((1 - t) * Double(a) + t * Double(b)) / 255 }
            return Color(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
        }

        /// Relative luminance (ITU-R BT.709 weights on the sRGB bytes), 0 for black, 1 for white;
        /// text on a colour darker than 0.5 is written in white.
        public var luminance: Double {
            (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
        }

        /// Black.
        public static let black = Color(hex: 0x000000)
        /// White.
        public static let white = Color(hex: 0xFFFFFF)
        /// The grey of reference lines and "no data" text.
        public static let gray = Color(hex: 0x7F7F7F)

        /// matplotlib's default colour cycle ("tab10"): blue, orange, green, red, purple, brown,
        /// pink, grey, olive, cyan. Series without a colour take the next one.
        public static let palette: [Color] = [
            0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
        ].map { Color(hex: $0) }
    }

    /// A map from a value in [0, 1] to a colour, linear between evenly spaced anchor colours.
    public enum ColorMap: Sendable, Hashable {
        /// Diverging red – white – blue (ColorBrewer's RdBu, matplotlib's "RdBu"): 0 is dark
        /// red, 0.5 near white, 1 dark blue. For probabilities of class 1.
        case redBlue
        /// Sequential white to dark blue (ColorBrewer's Blues, matplotlib's "Blues"). For counts.
        case blues

        /// The anchors, evenly spaced from 0 to 1.
        private var anchors: [Color] {
            switch self {
            case .redBlue:
                return [
                    0x67001f, 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x92c5de, 0x4393c3,
                    0x2166ac, 0x053061,
                ].map { Color(hex: $0) }
            case .blues:
                return [0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b]
                    .map { Color(hex: $0) }
            }
        }

        /// The colour of `t`.
        ///
        /// - Parameter t: In [0, 1]; values outside are clamped, NaN gives the colour of 0.5.
        /// - Returns: The anchors interpolated linearly.
        public func color(at t: Double) -> Color {
            let anchors = self.anchors
            let clamped = t.isNaN ? 0.5 : Swift.min(Swift.max(t, 0), 1)
            let position = clamped * Double(anchors.count - 1)
            let i = Swift.min(Int(position), anchors.count - 2)
            return anchors[i].mixed(with: anchors[i + 1], position - Double(i))
        }
    }
}
