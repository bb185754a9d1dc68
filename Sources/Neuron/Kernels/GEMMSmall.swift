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
        if csB == 1 && n <= 32 {
            // Narrow rows of B (a weight gradient Gᵀ·X of a small layer): each row of C stays
            // in registers for the whole sum over k.
            for i in 0..<m { narrowRowTimesMatrix(k: k, n: n, a + i * rsA, csA, b, rsB, c + i * n) }
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

    /// c[0..<n] = ∑ₚ a[p·csA]·b[p·rsB + 0..<n] for n ≤ 32: four vector accumulators held in
    /// registers over all k rows. A row's last, partial vector is read whole (into the next
    /// row, whose values only reach lanes that are never stored) except on the last row.
    @inline(__always)
    static func narrowRowTimesMatrix<T: KernelScalar>(
        k: Int, n: Int, _ a: UnsafePointer<T>, _ csA: Int, _ b: UnsafePointer<T>, _ rsB: Int,
        _ c: UnsafeMutablePointer<T>
    ) {
        typealias V = SIMD8<T>
        // Two sets of accumulators, for even and odd rows: two chains of multiply-adds in
        // flight instead of one waiting on the previous row's.
        var acc = (V(), V(), V(), V())
        var odd = (V(), V(), V(), V())
        let chunks = (n + 7) / 8
        func load(_ row: UnsafePointer<T>, _ chunk: Int, whole: Bool) -> V {
            let start = chunk * 8
            if whole || start + 8 <= n { return UnsafeRawPointer(row + start).loadUnaligned(as: V.self) }
            var v = V()
            for j in start..<n { v[j - start] = row[j] }
            return v
        }
        func add(_ acc: inout (V, V, V, V), row p: Int) {
            let s = V(repeating: a[p * csA])
            let row = b + p * rsB
            // Reading the last chunk whole overruns the row by 8·chunks − n elements, which
            // stays inside B while the rows after this one hold that many.
            let whole = (k - 1 - p) * rsB >= 8 * chunks - n
            acc.0 = acc.0.multiplyAdd(s, load(row, 0, whole: whole))
            if chunks > 1 { acc.1 = acc.1.multiplyAdd(s, load(row, 1, whole: whole)) }
            if chunks > 2 { acc.2 = acc.2.multiplyAdd(s, load(row, 2, whole: whole)) }
            if chunks > 3 { acc.3 = acc.3.multiplyAdd(s, load(row, 3, whole: whole)) }
        }
        var p = 0
        while p + 2 <= k {
            add(&acc, row: p)
            add(&odd, row: p + 1)
            p += 2
        }
        if p < k { add(&acc, row: p) }
        acc = (acc.0 + odd.0, acc.1 + odd.1, acc.2 + odd.2, acc.3 + odd.3)
        for j in 0..<n {
            let v = j < 8 ? acc.0 : j < 16 ? acc.1 : j < 24 ? acc.2 : acc.3
            c[j] = v[j % 8]
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
