extension Kernels {
    /// Whether x[i] is finite for every i in 0..<n.
    static func allFinite<T: KernelScalar>(_ x: UnsafePointer<T>, _ n: Int) -> Bool {
        for i in 0..<n where !x[i].isFinite { return false }
        return true
    }

    /// Σ x[i] for i in 0..<n: eight independent partial sums over blocks of 1024 elements, the
    /// block totals added in double precision, so a million float32 terms keep their accuracy.
    static func sum<T: KernelScalar>(_ x: UnsafePointer<T>, _ n: Int) -> T {
        var total: Double = 0
        var start = 0
        while start < n {
            let end = Swift.min(start + 1024, n)
            var acc = SIMD8<T>()
            var i = start
            while i + 8 <= end {
                acc += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<T>.self)
                i += 8
            }
            var block = acc.sum()
            while i < end {
                block += x[i]
                i += 1
            }
            total += Double(block)
            start = end
        }
        return T(total)
    }

    /// y[o, j] = Σᵢ x[o, i, j] for x viewed as [outer, n, inner] and y as [outer, inner]; zero
    /// when n = 0 (x is then empty and is not read).
    static func sumAxis<T: KernelScalar>(
        _ x: UnsafePointer<T>, outer: Int, n: Int, inner: Int, _ y: UnsafeMutablePointer<T>
    ) {
        guard n > 0 else {
            y.update(repeating: 0, count: outer * inner)
            return
        }
        if inner == 1 {
            for o in 0..<outer { y[o] = sum(x + o * n, n) }
            return
        }
        for o in 0..<outer {
            let yo = y + o * inner
            let xo = x + o * n * inner
            yo.update(from: xo, count: inner)
            for i in 1..<n {
                let row = xo + i * inner
                for j in 0..<inner { yo[j] += row[j] }
            }
        }
    }

    /// y[o, j] = maxᵢ x[o, i, j] and arg[o, j] = the first i that attains it (NaN wins, as in
    /// PyTorch), for x viewed as [outer, n, inner] with n ≥ 1.
    static func maxAxis<T: KernelScalar>(
        _ x: UnsafePointer<T>, outer: Int, n: Int, inner: Int,
        _ y: UnsafeMutablePointer<T>, _ arg: UnsafeMutablePointer<Int>
    ) {
        for o in 0..<outer {
            let xo = x + o * n * inner
            for j in 0..<inner {
                var best = xo[j]
                var at = 0
                if !best.isNaN {
                    for i in 1..<n {
                        let v = xo[i * inner + j]
                        if v > best || v.isNaN {
                            best = v
                            at = i
                            if v.isNaN { break }
                        }
                    }
                }
                y[o * inner + j] = best
                arg[o * inner + j] = at
            }
        }
    }

    /// y[r] = x[indices[r]] for rows of `rowLength` elements.
    static func gatherRows<T: KernelScalar>(
        _ x: UnsafePointer<T>, rowLength: Int, _ indices: [Int], _ y: UnsafeMutablePointer<T>
    ) {
        for (r, source) in indices.enumerated() {
            (y + r * rowLength).update(from: x + source * rowLength, count: rowLength)
        }
    }

    /// y[indices[r]] += g[r] for rows of `rowLength` elements (`y` must be zeroed first).
    static func scatterAddRows<T: KernelScalar>(
        _ g: UnsafePointer<T>, rowLength: Int, _ indices: [Int], _ y: UnsafeMutablePointer<T>
    ) {
        for (r, target) in indices.enumerated() {
            let dst = y + target * rowLength
            let src = g + r * rowLength
            for j in 0..<rowLength { dst[j] += src[j] }
        }
    }

    /// Copies `outer` blocks of `length` elements from `src` (blocks `srcStride` apart) to
    /// `dst` (blocks `dstStride` apart): the loop behind concatenation and slicing.
    static func copyBlocks<T: KernelScalar>(
        _ src: UnsafePointer<T>, srcStride: Int, _ dst: UnsafeMutablePointer<T>, dstStride: Int,
        outer: Int, length: Int
    ) {
        for o in 0..<outer {
            (dst + o * dstStride).update(from: src + o * srcStride, count: length)
        }
    }

    /// y = xᵀ for x of `rows` × `cols`, in tiles of 32 × 32 to stay in cache.
    static func transpose<T: KernelScalar>(
        _ x: UnsafePointer<T>, rows: Int, cols: Int, _ y: UnsafeMutablePointer<T>
    ) {
        let tile = 32
        var i0 = 0
        while i0 < rows {
            let i1 = min(i0 + tile, rows)
            var j0 = 0
            while j0 < cols {
                let j1 = min(j0 + tile, cols)
                for i in i0..<i1 {
                    for j in j0..<j1 { y[j * rows + i] = x[i * cols + j] }
                }
                j0 = j1
            }
            i0 = i1
        }
    }
}
