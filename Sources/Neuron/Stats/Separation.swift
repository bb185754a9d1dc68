/// The test for the existence of the maximum-likelihood estimate of a logistic regression
/// (Albert & Anderson 1984; the linear program of Konis 2007): the MLE fails to exist exactly
/// when some direction β ≠ 0 has sᵢ·x̃ᵢᵀβ ≥ 0 for every row (sᵢ = ±1 for y = 1/0, x̃ᵢ = [1, xᵢ]),
/// i.e. moving along β never lowers any row's likelihood. The linear program
/// max ∑ᵢ sᵢx̃ᵢᵀβ subject to sᵢx̃ᵢᵀβ ≥ 0 and −1 ≤ βⱼ ≤ 1 has optimum 0 when no such direction
/// exists, and a positive one (with the rows it separates strictly) when it does.
enum Separation {
    /// The separated rows and whether all are strictly separated, or nil when the MLE exists
    /// (up to collinear columns, which the information matrix reports).
    static func find(rows x: [Double], n: Int, d: Int, labels y: [Double]) -> (strict: Int, complete: Bool)? {
        let p = d + 1
        // Variables β⁺, β⁻ ≥ 0 (β = β⁺ − β⁻); rows: −aᵢ·β ≤ 0, then β⁺ⱼ ≤ 1, β⁻ⱼ ≤ 1.
        let columns = 2 * p
        let rows = n + columns
        var a = [Double](repeating: 0, count: rows * columns)
        var objective = [Double](repeating: 0, count: columns)
        var scale = 0.0
        for i in 0..<n {
            let s = y[i] == 1 ? 1.0 : -1.0
            for j in 0..<p {
                let v = s * (j == 0 ? 1 : x[i * d + j - 1])
                a[i * columns + j] = -v
                a[i * columns + p + j] = v
                objective[j] += v
                objective[p + j] -= v
                scale = Swift.max(scale, Swift.abs(v))
            }
        }
        for j in 0..<columns { a[(n + j) * columns + j] = 1 }
        let bounds = [Double](repeating: 0, count: n) + [Double](repeating: 1, count: columns)
        guard let (value, solution) = Kernels.maximizeLinearProgram(c: objective, a: a, b: bounds, rows: rows, columns: columns)
        else { return nil }
        let tolerance = 1e-7 * Swift.max(scale, 1)
        guard value > tolerance * Double(n) else { return nil }
        var strict = 0
        for i in 0..<n {
            var margin = 0.0
            for j in 0..<p { margin -= a[i * columns + j] * (solution[j] - solution[p + j]) }
            if margin > tolerance { strict += 1 }
        }
        return (strict, strict == n)
    }
}
