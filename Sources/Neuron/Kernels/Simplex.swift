extension Kernels {
    /// The maximum of cᵀx subject to A·x ≤ b and x ≥ 0, with b ≥ 0 (so the origin is feasible
    /// and no first phase is needed), by the dense tableau simplex method: Dantzig's rule, and
    /// Bland's rule (which cannot cycle) while the objective stalls on one of the degenerate
    /// vertices this problem is full of. A is row-major [rows, columns].
    ///
    /// - Returns: The optimal value and an optimal x, or nil when the objective is unbounded.
    static func maximizeLinearProgram(
        c: [Double], a: [Double], b: [Double], rows: Int, columns: Int, tolerance: Double = 1e-10
    ) -> (value: Double, x: [Double])? {
        // Tableau: `rows` constraint rows with slack columns, then the objective row (−c).
        let width = columns + rows + 1
        var t = [Double](repeating: 0, count: (rows + 1) * width)
        for i in 0..<rows {
            for j in 0..<columns { t[i * width + j] = a[i * columns + j] }
            t[i * width + columns + i] = 1
            t[i * width + width - 1] = b[i]
        }
        for j in 0..<columns { t[rows * width + j] = -c[j] }
        var basis = (0..<rows).map { columns + $0 }
        let scale = Swift.max(1, c.reduce(0) { Swift.max($0, Swift.abs($1)) })
        var stalled = 0  // pivots without progress: after a few, Bland's rule (which cannot cycle)
        var value = 0.0
        while true {
            // Entering column: the most negative reduced cost (Dantzig), or the first negative
            // one (Bland) while the objective is stalled on a degenerate vertex.
            var entering: Int?
            var mostNegative = -tolerance * scale
            for j in 0..<(width - 1) where t[rows * width + j] < mostNegative {
                entering = j
                if stalled > 50 { break }
                mostNegative = t[rows * width + j]
            }
            guard let entering else { break }
            // Leaving row: the minimum ratio, ties to the smallest basic index (Bland).
            var leaving: Int?
            var best = Double.infinity
            for i in 0..<rows where t[i * width + entering] > tolerance {
                let ratio = t[i * width + width - 1] / t[i * width + entering]
                if ratio < best - tolerance || (ratio <= best + tolerance && basis[i] < basis[leaving ?? i]) {
                    best = Swift.min(best, ratio)
                    leaving = i
                }
            }
            guard let pivotRow = leaving else { return nil }
            pivot(&t, width: width, rows: rows, row: pivotRow, column: entering)
            basis[pivotRow] = entering
            let next = t[rows * width + width - 1]
            stalled = next > value + tolerance * scale ? 0 : stalled + 1
            value = Swift.max(value, next)
        }
        var x = [Double](repeating: 0, count: columns)
        for (i, column) in basis.enumerated() where column < columns { x[column] = t[i * width + width - 1] }
        return (t[rows * width + width - 1], x)
    }

    /// One Gauss–Jordan pivot of the tableau on (row, column).
    private static func pivot(_ tableau: inout [Double], width: Int, rows: Int, row: Int, column: Int) {
        tableau.withUnsafeMutableBufferPointer { t in
            let p = t[row * width + column]
            for j in 0..<width { t[row * width + j] /= p }
            let pivotRow = t.baseAddress! + row * width
            for i in 0...rows where i != row {
                let factor = t[i * width + column]
                if factor == 0 { continue }
                let target = t.baseAddress! + i * width
                for j in 0..<width where pivotRow[j] != 0 { target[j] -= factor * pivotRow[j] }
            }
        }
    }
}
