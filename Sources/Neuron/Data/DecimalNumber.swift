/// The strict number syntax of Neuron's data files, and a fast, correctly rounded parser for it.
///
/// A number is an optional sign, decimal digits with an optional fractional part (at least
/// one digit in all: `1`, `-2.5`, `3.`, `.5`), and an optional exponent (`e` or `E`, an
/// optional sign, digits), with spaces and tabs allowed around it. `nan`, `inf`, `Infinity`,
/// hexadecimal and anything else is refused, and so is a number whose value overflows Double
/// (`1e400`); one that underflows becomes the nearest Double (`1e-400` is 0).
enum DecimalNumber {
    /// The outcome of parsing one field.
    enum Result: Equatable {
        /// The number, equal to `Double(text)` for the same text.
        case value(Double)
        /// The text is not a number in the strict syntax.
        case notANumber
        /// The text is a number whose magnitude is beyond Double's largest finite value.
        case outOfRange
    }

    /// Parses `bytes` (UTF-8) as a strict decimal number.
    ///
    /// Up to 15 significant digits and a decimal exponent within ±22 (nearly every number
    /// in a data file) take Clinger's fast path: the digits as an integer and the power of
    /// ten are both exact Doubles, so one IEEE multiplication or division rounds correctly.
    /// Other numbers are validated here and converted by `Double(String)`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        var start = 0
        var end = bytes.count
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        var i = start
        var negative = false
        if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0  // the first 19 significant digits
        var significant = 0  // digits from the first non-zero one on
        var exponent = 0  // the power of ten that scales `mantissa`
        let integerStart = i
        while i < end, let d = digit(bytes[i]) {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ d
            } else {
                exponent += 1
            }
            if mantissa != 0 { significant += 1 }
            i += 1
        }
        var digits = i - integerStart
        if i < end && bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < end, let d = digit(bytes[i]) {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ d
                    exponent -= 1
                }
                if mantissa != 0 { significant += 1 }
                i += 1
            }
            digits += i - fractionStart
        }
        guard digits > 0 else { return .notANumber }
        if i < end && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            var exponentNegative = false
            if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            var exponentDigits = 0
            while i < end, let d = digit(bytes[i]) {
                written = Swift.min(written * 10 + Int(d), 1_000_000)  // saturate: beyond any Double
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return .notANumber }
            exponent += exponentNegative ? -written : written
        }
        guard i == end else { return .notANumber }
        if mantissa == 0 { return .value(negative ? -0.0 : 0) }
        if significant <= 15 && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
            return .value(negative ? -v : v)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard let v = Double(text) else { return .notANumber }
        return v.isFinite ? .value(v) : .outOfRange
    }

    /// 10⁰ … 10²², each exactly representable as a Double.
    private static let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { r, _ in r * 10 } }

    @inline(__always)
    private static func isBlank(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }

    @inline(__always)
    private static func digit(_ b: UInt8) -> UInt64? {
        let d = b &- UInt8(ascii: "0")
        return d < 10 ? UInt64(d) : nil
    }
}
