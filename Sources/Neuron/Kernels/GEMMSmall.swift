// The small end of C = op(A)·op(B): products too small or too thin for the packed, blocked
// path of GEMM.swift (matrix–vector products, a handful of rows), computed with straight
// vector loops over the operands as stored.

extension Kernels {
    /// Straight loops for products too small or too thin to repay packing (matrix–vector
    /// products, a handful of rows).
    static func smallGEMM<T: KernelScalar>(
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
