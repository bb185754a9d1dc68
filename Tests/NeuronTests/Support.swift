import Neuron
import Testing

/// Expects two arrays to agree elementwise within |a − b| ≤ atol + rtol·|b|; a failure points
/// at the caller's line.
func expectClose(
    _ actual: [Double], _ expected: [Double], rtol: Double = 1e-6, atol: Double = 1e-9,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.count == expected.count, "counts differ: \(actual.count) vs \(expected.count)",
        sourceLocation: sourceLocation)
    for (i, (a, b)) in zip(actual, expected).enumerated() {
        let ok = a == b || Swift.abs(a - b) <= atol + rtol * Swift.abs(b)
        #expect(ok, "element \(i): \(a) vs expected \(b)", sourceLocation: sourceLocation)
    }
}

/// Expects a tensor's values to agree with `expected` (see the array form).
func expectClose(
    _ actual: Tensor, _ expected: [Double], rtol: Double = 1e-6, atol: Double = 1e-9,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose(actual.asArray(Double.self), expected, rtol: rtol, atol: atol, sourceLocation: sourceLocation)
}

/// Where test inputs are drawn from, so that each op is checked inside its domain and away
/// from its kinks.
enum Domain: Sendable {
    /// Standard normal.
    case any
    /// In [0.5, 2): for log, sqrt, fractional powers, divisors.
    case positive
    /// Magnitude in [0.3, 1.5) with a random sign: for abs, relu, clamp, division.
    case awayFromZero
}

/// A float64 leaf that requires grad, seeded for repeatability.
func leaf(_ shape: [Int], seed: UInt64, _ domain: Domain = .any) -> Tensor {
    var rng = RandomGenerator(seed: seed)
    let n = shape.reduce(1, *)
    let values: [Double] = (0..<n).map { _ in
        switch domain {
        case .any: rng.nextNormal()
        case .positive: 0.5 + 1.5 * rng.nextUniform()
        case .awayFromZero: (rng.nextUniform() < 0.5 ? -1 : 1) * (0.3 + 1.2 * rng.nextUniform())
        }
    }
    return Tensor(values, shape: shape, dtype: .float64, requiresGrad: true)
}
