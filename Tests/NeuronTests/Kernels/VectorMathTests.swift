import Foundation
import Testing

@testable import Neuron

/// Inputs spread over the whole float range, plus the edges.
private let sweep: [Float] = {
    var values: [Float] = [
        0, -0.0, 1, -1, 0.5, 1e-30, Float.leastNormalMagnitude / 1024, 88.7, 88.8, -87.3, -103, -104, -110, 100, -100,
    ]
    var x: Float = -120
    while x < 120 {
        values.append(x)
        x += 0.0371
    }
    return values
}()

/// The error of `got` against the exact `want`, in units of float32 spacing at `want`.
private func ulps(_ got: Float, _ want: Double) -> Double {
    if got.isNaN && want.isNaN { return 0 }
    if Double(got) == want { return 0 }
    let spacing = Double(Float(want).ulp == 0 ? Float.leastNonzeroMagnitude : Float(want).ulp)
    return Swift.abs(Double(got) - want) / spacing
}

private func apply(_ f: (Float8) -> Float8, _ xs: [Float]) -> [Float] {
    var out = [Float](repeating: 0, count: xs.count)
    xs.withUnsafeBufferPointer { x in
        out.withUnsafeMutableBufferPointer { y in VectorMath.map(x.baseAddress!, y.baseAddress!, xs.count, f) }
    }
    return out
}

@Suite("Vectorised float32 exp and log")
struct VectorMathTests {
    @Test("exp is within 2 ulp of the exact value everywhere, subnormals and overflow included")
    func expAccuracy() {
        let got = apply(VectorMath.exp, sweep)
        for (x, y) in zip(sweep, got) {
            let exact = Foundation.exp(Double(x))
            let want = exact > Double(Float.greatestFiniteMagnitude) ? Double.infinity : exact
            #expect(ulps(y, want) <= 2, "exp(\(x)) = \(y), exact \(want)")
        }
        let specials = apply(VectorMath.exp, [.infinity, -.infinity, .nan, 89, -150])
        #expect(specials[0] == .infinity && specials[1] == 0 && specials[2].isNaN)
        #expect(specials[3] == .infinity && specials[4] == 0)
    }

    @Test("log is within 2 ulp for positive inputs, subnormals included, with the C library's special values")
    func logAccuracy() {
        let positives =
            sweep.map { Swift.abs($0) }.filter { $0 > 0 } + [
                Float.leastNormalMagnitude / 1024, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.7071, 1.0001,
            ]
        let got = apply(VectorMath.log, positives)
        for (x, y) in zip(positives, got) {
            #expect(ulps(y, Foundation.log(Double(x))) <= 2, "log(\(x)) = \(y)")
        }
        let specials = apply(VectorMath.log, [0, -0.0, -1, .infinity, .nan])
        #expect(specials[0] == -.infinity && specials[1] == -.infinity)
        #expect(specials[2].isNaN && specials[3] == .infinity && specials[4].isNaN)
    }

    @Test("float32 exp, log and sigmoid of tensors use the vector path and agree with float64")
    func tensorPaths() {
        let values = (0..<37).map { Double($0) * 0.7 - 13 }
        let x32 = Tensor(values, shape: [37])
        let x64 = x32.to(.float64)  // the same (float32-rounded) inputs
        for (a, b) in [(exp(x32), exp(x64)), (x32.sigmoid(), x64.sigmoid()), (log(abs(x32)), log(abs(x64)))] {
            expectClose(a, b.asArray(Double.self), rtol: 3e-7, atol: 1e-30)
        }
    }
}
