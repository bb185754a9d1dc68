import Foundation

/// The small pieces every figure's SVG is written with: escaped text, numbers without NaN or
/// exponents, and an estimate of how wide a label will be.
enum SVG {
    /// The fonts asked for: common local sans-serif faces, then the generic family, so nothing
    /// is ever fetched.
    static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// `text` safe inside an XML element or a quoted attribute: `& < > " '` become entities, and
    /// the control characters XML 1.0 forbids (all below U+0020 except tab, newline and return)
    /// are dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(" ")
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A coordinate rounded to 1/100 of a pixel, written without exponent or trailing zeros
    /// ("12", "3.5", "-0.25"). Values beyond ±10⁶ pixels (far outside any figure) are clamped
    /// there, so a point far off the axes still gives a plain number that the clip path hides.
    ///
    /// - Precondition: `value` is finite (the callers skip non-finite data before mapping it).
    static func number(_ value: Double) -> String {
        precondition(value.isFinite, "SVG.number: non-finite coordinate \(value)")
        let hundredths = (Swift.min(Swift.max(value, -1e6), 1e6) * 100).rounded()
        if hundredths == 0 { return "0" }
        let whole = Int(hundredths)
        let sign = whole < 0 ? "-" : ""
        let magnitude = Swift.abs(whole)
        let fraction = magnitude % 100
        if fraction == 0 { return sign + String(magnitude / 100) }
        let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction)
        return sign + String(magnitude / 100) + "." + digits
    }

    /// An estimate of the width of `text` in a sans-serif font of `size` pixels, from typical
    /// advance widths (DejaVu Sans, the widest common default): digits and most lower-case
    /// letters about 0.6 em, narrow letters and punctuation about 0.3 em, capitals 0.7 em.
    static func textWidth(_ text: String, size: Double) -> Double {
        var ems = 0.0
        for ch in text {
            switch ch {
            case "i", "j", "l", "I", "!", "|", "'", ".", ",", ":", ";": ems += 0.3
            case " ", "f", "t", "r", "(", ")", "[", "]", "-": ems += 0.38
            case "m", "w", "M", "W", "%", "@": ems += 0.9
            default: ems += ch.isUppercase ? 0.7 : 0.62
            }
        }
        return ems * size
    }

    /// `<text>` at (x, y) with the given anchor, size and colour; `extra` is added as raw
    /// attributes (already escaped).
    static func text(
        _ string: String, x: Double, y: Double, size: Double, anchor: String = "middle",
        color: String = "#222222", extra: String = ""
    ) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(number(size))\" text-anchor=\"\(anchor)\""
            + " fill=\"\(color)\"\(extra.isEmpty ? "" : " " + extra)>\(escaped(string))</text>\n"
    }

    /// `<line>` from (x1, y1) to (x2, y2).
    static func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
        extra: String = ""
    ) -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\""
            + " stroke=\"\(stroke)\" stroke-width=\"\(number(width))\"\(extra.isEmpty ? "" : " " + extra)/>\n"
    }

    /// `<rect>` with its top-left corner at (x, y).
    static func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = ""
    ) -> String {
        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(Swift.max(0, width)))\""
            + " height=\"\(number(Swift.max(0, height)))\" fill=\"\(fill)\"\(extra.isEmpty ? "" : " " + extra)/>\n"
    }
}
