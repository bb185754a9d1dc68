import Foundation
import Testing

@testable import Neuron

@Suite("Plot ticks")
struct TicksTests {
    @Test("the step is the first of 1, 2, 5 × 10ᵉ at or above span / intervals")
    func steps() {
        #expect(Ticks.step(span: 1, maxIntervals: 5) == 0.2)  // raw 0.2
        #expect(Ticks.step(span: 97, maxIntervals: 5) == 20)  // raw 19.4
        #expect(Ticks.step(span: 10, maxIntervals: 10) == 1)  // raw exactly 10⁰
        #expect(Ticks.step(span: 1000, maxIntervals: 10) == 100)  // log10(100) must not round down to 1.99…
        #expect(Ticks.step(span: 1e-3, maxIntervals: 4) == 5e-4)  // raw 2.5·10⁻⁴
        #expect(Ticks.step(span: 0.7, maxIntervals: 8) == 0.1)  // raw 0.0875
        #expect(Ticks.step(span: 30, maxIntervals: 4) == 10)  // raw 7.5
    }

    @Test("ticks of [0, 1] in five intervals are 0, 0.2, …, 1 with one decimal")
    func unitInterval() {
        let ticks = Ticks.nice(in: 0...1, maxIntervals: 5)
        #expect(ticks.map(\.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        expectClose(ticks.map(\.value), [0, 0.2, 0.4, 0.6, 0.8, 1], rtol: 0, atol: 1e-15)
    }

    @Test("negative ticks use the Unicode minus and zero is never −0")
    func negatives() {
        let ticks = Ticks.nice(in: -3.2...7.9, maxIntervals: 6)  // raw 1.85 → step 2
        #expect(ticks.map(\.label) == ["\u{2212}2", "0", "2", "4", "6"])
        #expect(
            Ticks.nice(in: -0.3...0.3, maxIntervals: 6).map(\.label) == [
                "\u{2212}0.3", "\u{2212}0.2", "\u{2212}0.1", "0", "0.1", "0.2", "0.3",
            ])
    }

    @Test("labels: decimals follow the step; exponents only from 10⁶ or below 10⁻⁴ steps")
    func labels() {
        #expect(Ticks.label(0.6000000000000001, step: 0.2) == "0.6")
        #expect(Ticks.label(0.15, step: 0.05) == "0.15")
        #expect(Ticks.label(40, step: 20) == "40")
        #expect(Ticks.label(2_000_000, step: 1_000_000) == "2e+06")
        #expect(Ticks.label(3e-5, step: 1e-5) == "3e-05")
    }

    @Test("a range of zero width gets one tick; padding follows matplotlib's 5 % margins")
    func degenerate() {
        #expect(Ticks.nice(in: 3...3, maxIntervals: 5).map(\.value) == [3])
        #expect(Ticks.padded(0, 10) == -0.5...10.5)
        #expect(Ticks.padded(2, 2) == 1.5...2.5)
    }

    @Test(
        "ticks lie inside the limits, are 1/2/5·10ᵉ apart, at most intervals + 1 and at least 2, labels distinct",
        arguments: [
            (0.0, 1.0), (-0.05, 1.05), (0.001, 0.0042), (-1234.5, 98765.0), (0.69, 0.71), (-7.0, -6.0), (1e-3, 1e4),
            (0.0, 1797.0), (-2.3, 2.9), (12.0, 13.0),
        ])
    func properties(range: (Double, Double)) {
        for intervals in 2...9 {
            let limits = range.0...range.1
            let ticks = Ticks.nice(in: limits, maxIntervals: intervals)
            #expect(ticks.count >= 2 && ticks.count <= intervals + 1, "\(limits) \(intervals): \(ticks.count) ticks")
            #expect(ticks.allSatisfy { limits.contains($0.value) })
            #expect(Set(ticks.map(\.label)).count == ticks.count, "\(ticks.map(\.label))")
            let step = ticks[1].value - ticks[0].value
            let mantissa = step / pow(10, log10(step).rounded(.down))
            #expect([1, 2, 5, 10].contains { Swift.abs(mantissa - $0) < 1e-6 }, "step \(step)")
        }
    }
}
