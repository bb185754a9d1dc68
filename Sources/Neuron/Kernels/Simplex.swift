extension Kernels {
    /// The maximum of cᵀx subject to A·x ≤ b and x ≥ 0, with b ≥ 0 (so the origin is feasible
    /// and no first phase is needed), by the dense tableau simplex method with Bland's rule
    /// (no cycling on the degenerate vertices this problem is full of). A is row-major
    /// [rows, columns].
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
        while true {
            // Entering column: the first with a negative reduced cost (Bland).
            guard let entering = (0..<(width - 1)).first(where: { t[rows * width + $0] < -tolerance * scale })
            else { break }
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
        }
        var x = [Double](repeating: 0, count: columns)
        for (i, column) in basis.enumerated() where column < columns { x[column] = t[i * width + width - 1] }
        return (t[rows * width + width - 1], x)
    }

    /// One Gauss–Jordan pivot of the tableau on (row, column).
    private static func pivot(_ t: inout [Double], width: Int, rows: Int, row: Int, column: Int) {
        let p = t[row * width + column]
        for j in 0..<width { t[row * width + j] /= p }
        for i in 0...rows where i != row {
            let factor = t[i * width + column]
            if factor == 0 { continue }
            for j in 0..<width { t[i * width + j] -= factor * t[row * width + j] }
        }
    }
}
