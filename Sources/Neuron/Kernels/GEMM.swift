import Dispatch

// C = op(A)·op(B) in the manner of GotoBLAS/BLIS: op(B) is packed into panels of NR columns,
// op(A) into strips of MR rows, and a register-blocked micro-kernel computes one MR × NR tile
// of C per call, entirely in vector registers. Transposed operands are read through strides
// during packing, so no transpose is ever materialised. Large products are split between
// threads.

/// Rows of C per micro-kernel tile.
private let mr = 6
/// Depth of one packed block (elements of k).
private let kc = 256
/// Rows of op(A) packed at a time.
private let mc = 72
/// Columns of op(B) packed at a time.
private let nc = 2048
/// Products of fewer multiply-adds than this run on one thread.
private let parallelThreshold = 1 << 21

/// Raw pointers handed to worker threads; each thread writes a disjoint part of C.
private struct SharedPointers<T>: @unchecked Sendable {
    let a: UnsafePointer<T>
    let b: UnsafePointer<T>
    let c: UnsafeMutablePointer<T>
}

extension Kernels {
    /// C = op(A) · op(B), C of m × n and the inner size k. A is stored m × k (or k × m when
    /// `transposeA`), B is stored k × n (or n × k when `transposeB`); all row-major and
    /// contiguous.
    static func gemm<T: KernelScalar>(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<T>, transposeA: Bool,
        _ b: UnsafePointer<T>, transposeB: Bool,
        _ c: UnsafeMutablePointer<T>
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            c.update(repeating: 0, count: m * n)
            return
        }
        let (rsA, csA) = transposeA ? (1, m) : (k, 1)
        let (rsB, csB) = transposeB ? (1, k) : (n, 1)
        let width = T.Vector.scalarCount * 2
        if m < mr || n < width / 2 || m * n * k < 16_384 {
            smallGEMM(m: m, n: n, k: k, a, rsA, csA, b, rsB, csB, c)
            return
        }
        let threads = m * n * k >= parallelThreshold ? 2 : 1
        if threads == 1 {
            blockedGEMM(T.Vector.self, m: m, n: n, k: k, a, rsA, csA, b, rsB, csB, c, ldc: n)
            return
        }
        let shared = SharedPointers(a: a, b: b, c: c)
        let splitRows = m >= n
        // Split on a tile boundary so neither thread gets a ragged extra tile.
        let unit = splitRows ? mr : width
        let total = splitRows ? m : n
        let first = ((total / 2 + unit - 1) / unit) * unit
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            let start = part == 0 ? 0 : first
            let end = part == 0 ? first : total
            guard end > start else { return }
            if splitRows {
                blockedGEMM(
                    T.Vector.self, m: end - start, n: n, k: k, shared.a + start * rsA, rsA, csA, shared.b, rsB, csB,
                    shared.c + start * n, ldc: n)
            } else {
                blockedGEMM(
                    T.Vector.self, m: m, n: end - start, k: k, shared.a, rsA, csA, shared.b + start * csB, rsB, csB,
                    shared.c + start, ldc: n)
            }
        }
    }

    /// Straight loops for products too small or too thin to repay packing (matrix–vector
    /// products, a handful of rows).
    private static func smallGEMM<T: KernelScalar>(
        m: Int, n: Int, k: Int, _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
        _ b: UnsafePointer<T>, _ rsB: Int, _ csB: Int, _ c: UnsafeMutablePointer<T>
    ) {
        if csB != 1 && csA == 1 {
            // Rows of A against rows of B (B used transposed): dot products, four rows of A
            // at a time so that each load of B serves four of them.
            var i = 0
            while i + 4 <= m {
                for j in 0..<n {
                    let d = dot4(a + i * rsA, rsA, b + j * csB, k)
                    for r in 0..<4 { c[(i + r) * n + j] = d[r] }
                }
                i += 4
            }
            while i < m {
                for j in 0..<n { c[i * n + j] = dot(a + i * rsA, b + j * csB, k) }
                i += 1
            }
            return
        }
        c.update(repeating: 0, count: m * n)
        for i in 0..<m {
            let ci = c + i * n
            var p = 0
            if csB == 1 {
                // Four rows of B per pass over C's row: a quarter of the loads and stores of C.
                while p + 4 <= k {
                    let coefficients = SIMD4<T>(
                        a[i * rsA + p * csA], a[i * rsA + (p + 1) * csA], a[i * rsA + (p + 2) * csA],
                        a[i * rsA + (p + 3) * csA])
                    axpy4(coefficients, b + p * rsB, rsB, ci, n)
                    p += 4
                }
            }
            while p < k {
                let aip = a[i * rsA + p * csA]
                let bp = b + p * rsB
                if csB == 1 {
                    axpy(aip, bp, ci, n)
                } else {
                    for j in 0..<n { ci[j] += aip * bp[j * csB] }
                }
                p += 1
            }
        }
    }

    /// The dot products of four rows of x (`stride` apart) with y.
    @inline(__always)
    static func dot4<T: KernelScalar>(_ x: UnsafePointer<T>, _ stride: Int, _ y: UnsafePointer<T>, _ n: Int)
        -> SIMD4<T>
    {
        var (s0, s1, s2, s3) = (SIMD8<T>(), SIMD8<T>(), SIMD8<T>(), SIMD8<T>())
        let (x0, x1, x2, x3) = (x, x + stride, x + 2 * stride, x + 3 * stride)
        var p = 0
        while p + 8 <= n {
            let v = UnsafeRawPointer(y + p).loadUnaligned(as: SIMD8<T>.self)
            s0 = s0.multiplyAdd(UnsafeRawPointer(x0 + p).loadUnaligned(as: SIMD8<T>.self), v)
            s1 = s1.multiplyAdd(UnsafeRawPointer(x1 + p).loadUnaligned(as: SIMD8<T>.self), v)
            s2 = s2.multiplyAdd(UnsafeRawPointer(x2 + p).loadUnaligned(as: SIMD8<T>.self), v)
            s3 = s3.multiplyAdd(UnsafeRawPointer(x3 + p).loadUnaligned(as: SIMD8<T>.self), v)
            p += 8
        }
        if p + 4 <= n {
            let v = UnsafeRawPointer(y + p).loadUnaligned(as: SIMD4<T>.self)
            s0.lowHalf = s0.lowHalf.multiplyAdd(UnsafeRawPointer(x0 + p).loadUnaligned(as: SIMD4<T>.self), v)
            s1.lowHalf = s1.lowHalf.multiplyAdd(UnsafeRawPointer(x1 + p).loadUnaligned(as: SIMD4<T>.self), v)
            s2.lowHalf = s2.lowHalf.multiplyAdd(UnsafeRawPointer(x2 + p).loadUnaligned(as: SIMD4<T>.self), v)
            s3.lowHalf = s3.lowHalf.multiplyAdd(UnsafeRawPointer(x3 + p).loadUnaligned(as: SIMD4<T>.self), v)
            p += 4
        }
        var result = SIMD4<T>(s0.sum(), s1.sum(), s2.sum(), s3.sum())
        while p < n {
            result = result.multiplyAdd(SIMD4<T>(x0[p], x1[p], x2[p], x3[p]), SIMD4<T>(repeating: y[p]))
            p += 1
        }
        return result
    }

    /// y[j] += ∑ₜ αₜ·x[t·stride + j] for four rows t of x, eight lanes at a time.
    @inline(__always)
    static func axpy4<T: KernelScalar>(
        _ alpha: SIMD4<T>, _ x: UnsafePointer<T>, _ stride: Int, _ y: UnsafeMutablePointer<T>, _ n: Int
    ) {
        let (a0, a1, a2, a3) = (
            SIMD8<T>(repeating: alpha[0]), SIMD8<T>(repeating: alpha[1]), SIMD8<T>(repeating: alpha[2]),
            SIMD8<T>(repeating: alpha[3])
        )
        let (x0, x1, x2, x3) = (x, x + stride, x + 2 * stride, x + 3 * stride)
        var j = 0
        while j + 8 <= n {
            var acc = UnsafeRawPointer(y + j).loadUnaligned(as: SIMD8<T>.self)
            acc = acc.multiplyAdd(a0, UnsafeRawPointer(x0 + j).loadUnaligned(as: SIMD8<T>.self))
            acc = acc.multiplyAdd(a1, UnsafeRawPointer(x1 + j).loadUnaligned(as: SIMD8<T>.self))
            acc = acc.multiplyAdd(a2, UnsafeRawPointer(x2 + j).loadUnaligned(as: SIMD8<T>.self))
            acc = acc.multiplyAdd(a3, UnsafeRawPointer(x3 + j).loadUnaligned(as: SIMD8<T>.self))
            UnsafeMutableRawPointer(y + j).storeBytes(of: acc, as: SIMD8<T>.self)
            j += 8
        }
        if j + 4 <= n {
            var acc = UnsafeRawPointer(y + j).loadUnaligned(as: SIMD4<T>.self)
            acc = acc.multiplyAdd(a0.lowHalf, UnsafeRawPointer(x0 + j).loadUnaligned(as: SIMD4<T>.self))
            acc = acc.multiplyAdd(a1.lowHalf, UnsafeRawPointer(x1 + j).loadUnaligned(as: SIMD4<T>.self))
            acc = acc.multiplyAdd(a2.lowHalf, UnsafeRawPointer(x2 + j).loadUnaligned(as: SIMD4<T>.self))
            acc = acc.multiplyAdd(a3.lowHalf, UnsafeRawPointer(x3 + j).loadUnaligned(as: SIMD4<T>.self))
            UnsafeMutableRawPointer(y + j).storeBytes(of: acc, as: SIMD4<T>.self)
            j += 4
        }
        while j < n {
            y[j] += alpha[0] * x0[j] + alpha[1] * x1[j] + alpha[2] * x2[j] + alpha[3] * x3[j]
            j += 1
        }
    }

    /// y[j] += α·x[j] for j in 0..<n, eight lanes at a time.
    @inline(__always)
    static func axpy<T: KernelScalar>(_ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int) {
        let a = SIMD8<T>(repeating: alpha)
        var j = 0
        while j + 8 <= n {
            let xv = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<T>.self)
            let yv = UnsafeRawPointer(y + j).loadUnaligned(as: SIMD8<T>.self)
            UnsafeMutableRawPointer(y + j).storeBytes(of: yv.multiplyAdd(a, xv), as: SIMD8<T>.self)
            j += 8
        }
        if j + 4 <= n {
            let xv = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<T>.self)
            let yv = UnsafeRawPointer(y + j).loadUnaligned(as: SIMD4<T>.self)
            UnsafeMutableRawPointer(y + j).storeBytes(of: yv.multiplyAdd(a.lowHalf, xv), as: SIMD4<T>.self)
            j += 4
        }
        while j < n {
            y[j] += alpha * x[j]
            j += 1
        }
    }

    /// One thread's share: the loops around the micro-kernel, with packing buffers of its own.
    private static func blockedGEMM<V: SIMD>(
        _: V.Type, m: Int, n: Int, k: Int, _ a: UnsafePointer<V.Scalar>, _ rsA: Int, _ csA: Int,
        _ b: UnsafePointer<V.Scalar>, _ rsB: Int, _ csB: Int, _ c: UnsafeMutablePointer<V.Scalar>, ldc: Int
    ) where V.Scalar: KernelScalar {
        let nr = V.scalarCount * 2
        let packedA = UnsafeMutablePointer<V.Scalar>.allocate(capacity: mc * kc)
        let packedB = UnsafeMutablePointer<V.Scalar>.allocate(capacity: kc * (nc + nr))
        defer {
            packedA.deallocate()
            packedB.deallocate()
        }
        var jc = 0
        while jc < n {
            let ncb = min(nc, n - jc)
            var pc = 0
            while pc < k {
                let kcb = min(kc, k - pc)
                packB(kcb, ncb, b + pc * rsB + jc * csB, rsB, csB, nr: nr, into: packedB)
                var ic = 0
                while ic < m {
                    let mcb = min(mc, m - ic)
                    packA(mcb, kcb, a + ic * rsA + pc * csA, rsA, csA, into: packedA)
                    var jr = 0
                    while jr < ncb {
                        var ir = 0
                        while ir < mcb {
                            microKernel(
                                V.self, kcb, packedA + ir * kcb, packedB + jr * kcb,
                                c + (ic + ir) * ldc + jc + jr, ldc: ldc, rows: min(mr, mcb - ir),
                                cols: min(nr, ncb - jr), accumulate: pc > 0)
                            ir += mr
                        }
                        jr += nr
                    }
                    ic += mc
                }
                pc += kc
            }
            jc += nc
        }
    }

    /// Packs an mcb × kcb block of op(A) into strips of `mr` rows, k-major within a strip,
    /// padding the last strip with zeros.
    @inline(__always)
    private static func packA<T: KernelScalar>(
        _ mcb: Int, _ kcb: Int, _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int, into dst: UnsafeMutablePointer<T>
    ) {
        var strip = 0
        while strip < mcb {
            let rows = min(mr, mcb - strip)
            let out = dst + strip * kcb
            for r in 0..<mr {
                if r < rows {
                    let row = a + (strip + r) * rsA
                    for p in 0..<kcb { out[p &* mr &+ r] = row[p &* csA] }
                } else {
                    for p in 0..<kcb { out[p &* mr &+ r] = 0 }
                }
            }
            strip += mr
        }
    }

    /// Packs a kcb × ncb block of op(B) into panels of `nr` columns, row by row within a
    /// panel, padding the last panel with zeros.
    @inline(__always)
    private static func packB<T: KernelScalar>(
        _ kcb: Int, _ ncb: Int, _ b: UnsafePointer<T>, _ rsB: Int, _ csB: Int, nr: Int,
        into dst: UnsafeMutablePointer<T>
    ) {
        var panel = 0
        while panel < ncb {
            let cols = min(nr, ncb - panel)
            let out = dst + panel * kcb
            for p in 0..<kcb {
                let src = b + p * rsB + panel * csB
                let row = out + p * nr
                if csB == 1 {
                    row.update(from: src, count: cols)
                } else {
                    for j in 0..<cols { row[j] = src[j &* csB] }
                }
                if cols < nr { (row + cols).update(repeating: 0, count: nr - cols) }
            }
            panel += nr
        }
    }

    /// One mr × (2·V.scalarCount) tile of C from a packed strip of A and panel of B: twelve
    /// vector accumulators that stay in registers for the whole depth kcb.
    @inline(__always)
    private static func microKernel<V: SIMD>(
        _: V.Type, _ kcb: Int, _ a: UnsafePointer<V.Scalar>, _ b: UnsafePointer<V.Scalar>,
        _ c: UnsafeMutablePointer<V.Scalar>, ldc: Int, rows: Int, cols: Int, accumulate: Bool
    ) where V.Scalar: KernelScalar {
        let w = V.scalarCount
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var pa = a
        var pb = UnsafeRawPointer(b)
        let step = 2 * w * MemoryLayout<V.Scalar>.stride
        for _ in 0..<kcb {
            let b0 = pb.loadUnaligned(as: V.self)
            let b1 = pb.loadUnaligned(fromByteOffset: w * MemoryLayout<V.Scalar>.stride, as: V.self)
            var x = V(repeating: pa[0])
            c00 = c00.multiplyAdd(x, b0)
            c01 = c01.multiplyAdd(x, b1)
            x = V(repeating: pa[1])
            c10 = c10.multiplyAdd(x, b0)
            c11 = c11.multiplyAdd(x, b1)
            x = V(repeating: pa[2])
            c20 = c20.multiplyAdd(x, b0)
            c21 = c21.multiplyAdd(x, b1)
            x = V(repeating: pa[3])
            c30 = c30.multiplyAdd(x, b0)
            c31 = c31.multiplyAdd(x, b1)
            x = V(repeating: pa[4])
            c40 = c40.multiplyAdd(x, b0)
            c41 = c41.multiplyAdd(x, b1)
            x = V(repeating: pa[5])
            c50 = c50.multiplyAdd(x, b0)
            c51 = c51.multiplyAdd(x, b1)
            pa += mr
            pb += step
        }
        let full = rows == mr && cols == 2 * w
        let offset = w * MemoryLayout<V.Scalar>.stride
        func put(_ r: Int, _ v0: V, _ v1: V) {
            guard r < rows else { return }
            let dst = c + r * ldc
            if full {
                let raw = UnsafeMutableRawPointer(dst)
                var (x0, x1) = (v0, v1)
                if accumulate {
                    x0 += raw.loadUnaligned(as: V.self)
                    x1 += raw.loadUnaligned(fromByteOffset: offset, as: V.self)
                }
                raw.storeBytes(of: x0, as: V.self)
                raw.storeBytes(of: x1, toByteOffset: offset, as: V.self)
            } else {
                for j in 0..<cols {
                    let value = j < w ? v0[j] : v1[j - w]
                    dst[j] = accumulate ? dst[j] + value : value
                }
            }
        }
        put(0, c00, c01)
        put(1, c10, c11)
        put(2, c20, c21)
        put(3, c30, c31)
        put(4, c40, c41)
        put(5, c50, c51)
    }

    /// Σ x[i]·y[i] with eight independent partial sums.
    static func dot<T: KernelScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int) -> T {
        var acc = SIMD8<T>()
        var i = 0
        while i + 8 <= n {
            let u = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<T>.self)
            let v = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<T>.self)
            acc = acc.multiplyAdd(u, v)
            i += 8
        }
        if i + 4 <= n {
            let u = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD4<T>.self)
            let v = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD4<T>.self)
            acc.lowHalf = acc.lowHalf.multiplyAdd(u, v)
            i += 4
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
/// multiply-add) or `"portable"` (baseline instructions only).
public var buildDescription: String {
    #if NEURON_AVX512
        "native (AVX-512)"
    #elseif NEURON_NATIVE
        "native (AVX2/FMA)"
    #else
        "portable"
    #endif
}
