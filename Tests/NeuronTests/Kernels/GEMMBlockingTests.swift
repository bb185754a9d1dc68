import Dispatch
import Synchronization
import Testing

@testable import Neuron

/// op(A)·op(B) by the definition, in float64, from operands stored as the kernel reads them.
private func definition(
    _ a: [Double], _ b: [Double], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool
) -> [Double] {
    var c = [Double](repeating: 0, count: m * n)
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                for i in 0..<m {
                    for p in 0..<k {
                        let aip = transposeA ? a[p * m + i] : a[i * k + p]
                        for j in 0..<n { c[i * n + j] += aip * (transposeB ? b[j * k + p] : b[p * n + j]) }
                    }
                }
            }
        }
    }
    return c
}

/// Deterministic values in [-1, 1) that are exact in float32, so both precisions see one input.
private func values(_ count: Int, seed: Int) -> [Double] {
    (0..<count).map { Double(($0 &* 7919 &+ seed &* 104_729) % 2001 - 1000) / 1024 }
}

/// Kernels.gemm on stored operands of type T, on the given number of threads (nil: by size).
private func kernelProduct<T: KernelScalar>(
    _: T.Type, _ a: [Double], _ b: [Double], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool,
    threads: Int?
) -> [Double] {
    let a = a.map { T($0) }
    let b = b.map { T($0) }
    var c = [T](repeating: .nan, count: m * n)
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                Kernels.gemm(
                    m: m, n: n, k: k, a.baseAddress!, transposeA: transposeA, b.baseAddress!, transposeB: transposeB,
                    c.baseAddress!, threads: threads)
            }
        }
    }
    return c.map { Double($0) }
}

/// Every m from 1 to 130, with n and k stepping through 1…70 at other rates, so that the
/// sizes cross every tile edge (6 and 12 rows; 8, 16 and 32 columns, and two panels).
private let oddSizes: [(Int, Int, Int)] = (1...130).map { m in (m, (m * 37) % 70 + 1, (m * 53) % 70 + 1) }

/// Products that take the blocked path on two threads, split by rows or by columns, with
/// A read in place or packed (rows 2 KiB apart), and depths cut into several blocks.
private let largeSizes: [(Int, Int, Int)] = [
    (48, 40, 400), (24, 20, 512), (37, 50, 785), (13, 300, 129), (60, 45, 256), (48, 90, 64), (130, 130, 130),
]

@Suite("GEMM blocking, tiles and threads")
struct GEMMBlockingTests {
    @Test("odd sizes 1…130, both transposes, float32 and float64, against the definition", arguments: oddSizes)
    func oddSizesMatchDefinition(_ size: (Int, Int, Int)) {
        let (m, n, k) = size
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = values(m * k, seed: 1)
            let b = values(k * n, seed: 2)
            let want = definition(a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb)
            let got32 = kernelProduct(Float.self, a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb, threads: nil)
            let got64 = kernelProduct(Double.self, a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb, threads: nil)
            // Each term is exact; float32 rounds the partial sums, |terms| ≤ 1.
            let worst32 = zip(got32, want).map { Swift.abs($0 - $1) }.max() ?? 0
            let worst64 = zip(got64, want).map { Swift.abs($0 - $1) }.max() ?? 0
            #expect(worst32 <= 1e-6 * Double(k), "\(m)×\(k)·\(k)×\(n) float32 tA \(ta) tB \(tb): error \(worst32)")
            #expect(worst64 <= 1e-13 * Double(k), "\(m)×\(k)·\(k)×\(n) float64 tA \(ta) tB \(tb): error \(worst64)")
        }
    }

    @Test("two threads give the serial result bit for bit, and both match the definition", arguments: largeSizes)
    func threadedEqualsSerial(_ size: (Int, Int, Int)) {
        let (m, n, k) = size
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = values(m * k, seed: 3)
            let b = values(k * n, seed: 4)
            let want = definition(a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb)
            for dtype in [DType.float32, .float64] {
                func run(_ threads: Int) -> [Double] {
                    dtype == .float32
                        ? kernelProduct(
                            Float.self, a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb, threads: threads)
                        : kernelProduct(
                            Double.self, a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb, threads: threads)
                }
                let serial = run(1)
                let threaded = run(2)
                #expect(serial == threaded, "\(m)×\(k)·\(k)×\(n) \(dtype) tA \(ta) tB \(tb): threads disagree")
                let worst = zip(serial, want).map { Swift.abs($0 - $1) }.max() ?? 0
                let tolerance = dtype == .float32 ? 1e-6 * Double(k) : 1e-13 * Double(k)
                #expect(worst <= tolerance, "\(m)×\(k)·\(k)×\(n) \(dtype) tA \(ta) tB \(tb): error \(worst)")
            }
        }
    }

    @Test("products asked for from several threads at once share the helper and stay correct")
    func concurrentCallers() {
        let (m, n, k) = (90, 70, 300)
        let a = values(m * k, seed: 5)
        let b = values(k * n, seed: 6)
        let want = kernelProduct(Double.self, a, b, m: m, n: n, k: k, transposeA: false, transposeB: true, threads: 1)
        let results = Mutex<[[Double]]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            for _ in 0..<5 {
                let got = kernelProduct(
                    Double.self, a, b, m: m, n: n, k: k, transposeA: false, transposeB: true, threads: 2)
                results.withLock { $0.append(got) }
            }
        }
        let all = results.withLock { $0 }
        #expect(all.count == 30)
        for got in all { #expect(got == want) }
    }
}
