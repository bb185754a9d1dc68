import Foundation

/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, as a person would write them.
enum Ticks {
    /// The smallest step m·10ᵉ, m ∈ {1, 2, 5}, that covers `span` in at most `maxIntervals`
    /// intervals: the first nice number ≥ span / maxIntervals.
    ///
    /// - Precondition: `span` is finite and > 0, `maxIntervals` ≥ 1.
    static func step(span: Double, maxIntervals: Int) -> Double {
        precondition(span.isFinite && span > 0 && maxIntervals >= 1, "Ticks.step: span \(span), \(maxIntervals)")
        let raw = span / Double(maxIntervals)
        var magnitude = pow(10, (log10(raw)).rounded(.down))
        // log10 of an exact power of ten can land just below the integer.
        if magnitude * 10 <= raw { magnitude *= 10 }
        for m in [1.0, 2, 5, 10] where m * magnitude >= raw * (1 - 1e-12) { return m * magnitude }
        return 10 * magnitude
    }

    /// The multiples of `step` inside `limits` (ends included, allowing for rounding).
    static func values(in limits: ClosedRange<Double>, step: Double) -> [Double] {
        let slack = step * 1e-9
        let first = ((limits.lowerBound - slack) / step).rounded(.up)
        let last = ((limits.upperBound + slack) / step).rounded(.down)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { k in
            let v = k * step
            return Swift.abs(v) < slack ? 0 : v  // no "-0"
        }
    }

    /// Nice ticks inside `limits`: multiples of the nice step for at most `maxIntervals`
    /// intervals, with their labels; at least two, with a smaller nice step when the range
    /// sits between two multiples of the first.
    ///
    /// - Parameters:
    ///   - limits: The axis range; a zero-width range gets the single tick at its value.
    ///   - maxIntervals: At most this many intervals fit the axis (from its length in pixels).
    static func nice(in limits: ClosedRange<Double>, maxIntervals: Int) -> [(value: Double, label: String)] {
        let span = limits.upperBound - limits.lowerBound
        guard span > 0, span.isFinite else { return [(limits.lowerBound, label(limits.lowerBound, step: 1))] }
        var s = step(span: span, maxIntervals: Swift.max(1, maxIntervals))
        var ticks = values(in: limits, step: s)
        // At least two ticks, as matplotlib's locator: take the next smaller nice step.
        while ticks.count < 2 {
            let mantissa = (s / pow(10, log10(s).rounded(.down))).rounded()
            s *= mantissa == 5 ? 0.4 : 0.5  // 5 → 2, 2 → 1, 1 → 0.5
            ticks = values(in: limits, step: s)
        }
        return ticks.map { ($0, label($0, step: s)) }
    }

    /// A tick label: as many decimals as the step needs (0.2 → one, 0.05 → two, 20 → none),
    /// a Unicode minus "−" as matplotlib writes it, and exponent notation ("2e+06") only for
    /// magnitudes from 10⁶ or steps below 10⁻⁴.
    static func label(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        let text: String
        if Swift.abs(value) >= 1e6 || step < 1e-4 {
            text = String(format: "%g", value)
        } else {
            let decimals = Swift.max(0, -Int((log10(step) + 1e-9).rounded(.down)))
            text = String(format: "%.\(decimals)f", value)
        }
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    /// The axis range for data between `low` and `high`: widened by 5 % of the span on each
    /// side (matplotlib's default margins), or by ½ around a single value.
    static func padded(_ low: Double, _ high: Double, margin: Double = 0.05) -> ClosedRange<Double> {
        let span = high - low
        if !(span > 0) {
            let half = Swift.max(0.5, Swift.abs(low) * 0.05)
            return (low - half)...(low + half)
        }
        return (low - margin * span)...(high + margin * span)
    }
}
