import Dispatch

// The machine's multiply-add ceiling as this build sees it: a loop of fused multiply-adds (or,
// in the portable build, multiplies and adds) on vectors of the build's width that never
// touches memory, so it runs at the arithmetic units' rate. GEMM figures are read against it.

/// Twelve independent accumulator chains: enough to cover the latency of a fused multiply-add
/// (4 cycles) on two pipes with room to spare, and few enough to stay in registers.
private let chains = 12

extension Kernels {
    /// Floating-point operations (two per multiply-add and lane) done by `iterations` passes
    /// of the register-only loop; the sum of the accumulators is returned so that the loop
    /// cannot be removed.
    @inline(never)
    static func fusedMultiplyAddLoop(iterations: Int, seed: Float) -> Float {
        typealias V = FloatVector
        let a = V(repeating: 1 - 1e-7 * seed)
        let b = V(repeating: 1e-7 * seed)
        var c0 = V(repeating: 0), c1 = V(repeating: 1), c2 = V(repeating: 2), c3 = V(repeating: 3)
        var c4 = V(repeating: 4), c5 = V(repeating: 5), c6 = V(repeating: 6), c7 = V(repeating: 7)
        var c8 = V(repeating: 8), c9 = V(repeating: 9), c10 = V(repeating: 10), c11 = V(repeating: 11)
        for _ in 0..<iterations {
            c0 = b.multiplyAdd(c0, a)
            c1 = b.multiplyAdd(c1, a)
            c2 = b.multiplyAdd(c2, a)
            c3 = b.multiplyAdd(c3, a)
            c4 = b.multiplyAdd(c4, a)
            c5 = b.multiplyAdd(c5, a)
            c6 = b.multiplyAdd(c6, a)
            c7 = b.multiplyAdd(c7, a)
            c8 = b.multiplyAdd(c8, a)
            c9 = b.multiplyAdd(c9, a)
            c10 = b.multiplyAdd(c10, a)
            c11 = b.multiplyAdd(c11, a)
        }
        let total = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11))
        return total.sum()
    }
}

/// The float32 multiply-add peak of this build on `threads` threads, in GFLOP/s: the best of
/// `reps` timings of a register-only loop of twelve independent chains of multiply-adds on
/// the build's vectors (512-bit fused multiply-adds in the native build on an AVX-512 host,
/// 128-bit multiplies and adds in the portable build), two flops per lane and multiply-add.
///
/// A GEMM's GFLOP/s divided by this figure is the fraction of the machine's arithmetic it
/// uses; nothing that reads memory can exceed it.
///
/// - Parameters:
///   - threads: Threads that run the loop at once (one per core for the machine's peak).
///   - reps: Timings taken; the fastest is reported, since interference only slows a loop.
/// - Returns: Billions of floating-point operations per second, all threads together.
public func measuredMultiplyAddPeak(threads: Int = 1, reps: Int = 5) -> Double {
    precondition(threads >= 1 && reps >= 1, "measuredMultiplyAddPeak: threads \(threads) and reps \(reps) must be ≥ 1")
    let iterations = 20_000_000
    let flopsPerThread = Double(iterations * chains * FloatVector.scalarCount * 2)
    var best = 0.0
    for rep in 0..<reps {
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: threads) { part in
            let sink = Kernels.fusedMultiplyAddLoop(iterations: iterations, seed: Float(rep + part + 1))
            if sink.isNaN { print(sink) }  // keeps the loop; never true
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = max(best, flopsPerThread * Double(threads) / seconds / 1e9)
    }
    return best
}
