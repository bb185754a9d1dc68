extension Kernels {
    /// C = op(A) · op(B), C of m × n and the inner size k. A is stored m × k (or k × m when
    /// `transposeA`), B is stored k × n (or n × k when `transposeB`); all row-major and
    /// contiguous. Transposed operands are read in place, never copied out.
    static func gemm<T: KernelScalar>(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<T>, transposeA: Bool,
        _ b: UnsafePointer<T>, transposeB: Bool,
        _ c: UnsafeMutablePointer<T>
    ) {
        c.update(repeating: 0, count: m * n)
        if transposeB && !transposeA {
            // Row i of A against row j of B: two contiguous dot products.
            for i in 0..<m {
                let ai = a + i * k
                for j in 0..<n { c[i * n + j] = dot(ai, b + j * k, k) }
            }
            return
        }
        // C row i accumulates a(i, p) · (row p of op(B)).
        for i in 0..<m {
            let ci = c + i * n
            for p in 0..<k {
                let aip = transposeA ? a[p * m + i] : a[i * k + p]
                if transposeB {
                    for j in 0..<n { ci[j] += aip * b[j * k + p] }
                } else {
                    let bp = b + p * n
                    for j in 0..<n { ci[j] += aip * bp[j] }
                }
            }
        }
    }

    /// Σ x[i]·y[i] with eight independent partial sums.
    static func dot<T: KernelScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int) -> T {
        var acc = SIMD8<T>()
        var i = 0
        while i + 8 <= n {
            let u = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<T>.self)
            let v = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<T>.self)
            acc = acc + u * v
            i += 8
        }
        var total = acc.sum()
        while i < n {
            total += x[i] * y[i]
            i += 1
        }
        return total
    }
}

/// How Neuron's kernels were compiled: `"native"` (the host's vector instructions and fused
/// multiply-add) or `"portable"` (baseline x86-64 or the platform default).
public var buildDescription: String {
    #if NEURON_NATIVE
        "native"
    #else
        "portable"
    #endif
}
