// Packing for float32 GEMM where the packed layout runs across the rows of the source: a panel
// of a transposed B wants, for each step of the depth, the next element of 32 (16, 8) rows of
// B, and a strip of a row-major A the next element of 12 rows of A. Element by element, that
// is a scatter of single floats (the compiler makes it one); here 8 rows are read 8 elements at
// a time and each 8 × 8 block is transposed in registers, so every load and store is a vector.

extension Kernels {
    /// out[p·width + j] = src[j·rowStride + p] for p < depth and j < rows, and 0 for
    /// rows ≤ j < width: `rows` rows of the source, interleaved (a packed panel of op(B) = Bᵀ,
    /// or a packed strip of a row-major A).
    static func interleaveRows(
        _ src: UnsafePointer<Float>, rowStride: Int, rows: Int, depth: Int, width: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        let groups = rows / 8 * 8
        var p = 0
        while p + 8 <= depth {
            var jb = 0
            while jb < groups {
                @inline(__always) func row(_ j: Int) -> Float8 {
                    UnsafeRawPointer(src + (jb + j) &* rowStride + p).loadUnaligned(as: Float8.self)
                }
                let t = transposed8x8((row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7)))
                @inline(__always) func put(_ q: Int, _ v: Float8) {
                    UnsafeMutableRawPointer(out + (p + q) &* width + jb).storeBytes(of: v, as: Float8.self)
                }
                put(0, t.0)
                put(1, t.1)
                put(2, t.2)
                put(3, t.3)
                put(4, t.4)
                put(5, t.5)
                put(6, t.6)
                put(7, t.7)
                jb += 8
            }
            p += 8
        }
        // What the blocks leave: the depth's last p % 8 steps of the grouped columns, and every
        // step of the columns beyond the last whole group of 8.
        for j in 0..<rows {
            let row = src + j &* rowStride
            for q in (j < groups ? p : 0)..<depth { out[q &* width &+ j] = row[q] }
        }
        if rows < width {
            for q in 0..<depth { (out + q &* width + rows).update(repeating: 0, count: width - rows) }
        }
    }

    /// The transpose of the 8 × 8 matrix whose rows are r.0 … r.7: three rounds of taking the
    /// even and the odd elements of each pair of rows, each a rotation of the element's 6-bit
    /// address (row, column) by one bit, so that after three the row and column bits have
    /// swapped. The compiler turns each round into vector shuffles.
    @inline(__always)
    static func transposed8x8(
        _ r: (Float8, Float8, Float8, Float8, Float8, Float8, Float8, Float8)
    ) -> (Float8, Float8, Float8, Float8, Float8, Float8, Float8, Float8) {
        @inline(__always) func unzip(_ a: Float8, _ b: Float8) -> (even: Float8, odd: Float8) {
            let both = SIMD16<Float>(lowHalf: a, highHalf: b)
            return (both.evenHalf, both.oddHalf)
        }
        var m = r
        for _ in 0..<3 {
            let (a, b, c, d) = (unzip(m.0, m.1), unzip(m.2, m.3), unzip(m.4, m.5), unzip(m.6, m.7))
            m = (a.even, b.even, c.even, d.even, a.odd, b.odd, c.odd, d.odd)
        }
        return m
    }
}
