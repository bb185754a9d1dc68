import Testing

@testable import Neuron

/// op(A)·op(B) by the definition, in float64.
private func naiveProduct(_ a: [Double], _ b: [Double], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool)
    -> [Double]
{
    var c = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for p in 0..<k {
                s += (transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j])
            }
            c[i * n + j] = s
        }
    }
    return c
}

/// Sizes around every blocking boundary: 1, odd, primes, tile edges, and a threaded size.
private let sizes: [(Int, Int, Int)] = [
    (1, 1, 1), (1, 7, 3), (5, 1, 9), (3, 5, 7), (6, 32, 1), (7, 33, 17), (13, 31, 29), (37, 41, 43), (64, 64, 64),
    (97, 101, 103), (72, 2049, 5), (6, 16, 257), (150, 149, 300), (257, 130, 61),
]

@Suite("GEMM against the definition")
struct GEMMTests {
    @Test("every size, both transposes, float32 and float64", arguments: sizes)
    func matchesNaive(_ size: (Int, Int, Int)) {
        let (m, n, k) = size
        for dtype in [DType.float32, .float64] {
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                let aStored = Tensor.randn(ta ? [k, m] : [m, k], seed: 1, dtype: dtype)
                let bStored = Tensor.randn(tb ? [n, k] : [k, n], seed: 2, dtype: dtype)
                // The internal primitive reads the stored operands through strides.
                let got = Tensor.product(aStored, bStored, transposeA: ta, transposeB: tb).asArray(Double.self)
                let want = naiveProduct(
                    aStored.asArray(Double.self), bStored.asArray(Double.self), m: m, n: n, k: k, transposeA: ta,
                    transposeB: tb)
                let tolerance = dtype == .float32 ? 1e-4 * Double(k).squareRoot() : 1e-12 * Double(k)
                let worst = zip(got, want).map { Swift.abs($0 - $1) }.max() ?? 0
                #expect(worst <= tolerance, "\(m)×\(k)·\(k)×\(n) \(dtype) tA \(ta) tB \(tb): error \(worst)")
            }
        }
    }

    @Test("the gradients of a large product use the transposed kernels correctly")
    func largeBackward() {
        let a = Tensor.randn([70, 90], seed: 3, dtype: .float64, requiresGrad: true)
        let b = Tensor.randn([90, 50], seed: 4, dtype: .float64, requiresGrad: true)
        let g = Tensor.randn([70, 50], seed: 5, dtype: .float64)
        a.matmul(b).backward(gradient: g)
        let gA = naiveProduct(
            g.asArray(Double.self), b.asArray(Double.self), m: 70, n: 90, k: 50, transposeA: false, transposeB: true)
        let gB = naiveProduct(
            a.asArray(Double.self), g.asArray(Double.self), m: 90, n: 50, k: 70, transposeA: true, transposeB: false)
        expectClose(a.grad!, gA, rtol: 1e-10, atol: 1e-10)
        expectClose(b.grad!, gB, rtol: 1e-10, atol: 1e-10)
    }
}
