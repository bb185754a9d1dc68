// Dense linear algebra for small symmetric matrices in float64, without BLAS or LAPACK:
// Cholesky factorisation, solves with the factor, and the inverse of a symmetric positive-
// definite matrix (the covariance of a fitted model is the inverse of its information matrix).
// Matrices are row-major [Double] with an explicit order n.

/// Why a dense factorisation could not go on.
///
/// The statistics layer surfaces it when a model's information matrix cannot be inverted.
public enum LinearAlgebraError: Error, CustomStringConvertible {
    /// Cholesky factorisation met a pivot that is not clearly positive: the matrix is not
    /// (numerically) positive definite. `pivot` counts rows and columns from 0; `value` is
    /// aⱼⱼ − ∑ₖ<ⱼ lⱼₖ², which must exceed max(10⁻¹⁴, n·ε)·aⱼⱼ. It is NaN or ±∞ when the first
    /// `pivot + 1` rows and columns hold a NaN or an infinity.
    case notPositiveDefinite(pivot: Int, value: Double)

    /// What went wrong, which pivot, and what usually causes it in a model fit.
    public var description: String {
        switch self {
        case .notPositiveDefinite(let pivot, let value) where !value.isFinite:
            return "matrix is not positive definite: pivot \(pivot) (row and column \(pivot), counting from 0) "
                + "is \(value), because a NaN or infinite entry reached it; check the data and the fit for "
                + "non-finite values"
        case .notPositiveDefinite(let pivot, let value):
            return "matrix is not positive definite: pivot \(pivot) (row and column \(pivot), counting from 0) "
                + "is \(value), not clearly positive. In a model fit the information matrix is singular: "
                + "a predictor is constant or a combination of others, there are more parameters than the "
                + "data can identify, or the classes are perfectly separated. Drop the redundant columns or "
                + "add a penalty (ridge / L2 regularisation)"
        }
    }
}

extension Kernels {
    /// The Cholesky factor of a symmetric positive-definite matrix: the lower-triangular L with
    /// A = L·Lᵀ, row by row (Cholesky–Banachiewicz),
    /// Lᵢⱼ = (Aᵢⱼ − ∑ₖ<ⱼ Lᵢₖ·Lⱼₖ)/Lⱼⱼ and Lⱼⱼ = √(Aⱼⱼ − ∑ₖ<ⱼ Lⱼₖ²).
    ///
    /// Reads the symmetric part (A + Aᵀ)/2, so rounding asymmetry does no harm and a NaN in
    /// either triangle is caught. A pivot Aⱼⱼ − ∑ₖ Lⱼₖ² must exceed max(10⁻¹⁴, n·ε)·Aⱼⱼ;
    /// below that the matrix is singular to working precision (rounding alone makes pivots of a
    /// few ε·Aⱼⱼ). For A = XᵀX this is R's rank test in lm and glm, |Rⱼⱼ| < 10⁻⁷·‖xⱼ‖ in the
    /// QR factorisation of X, since Rⱼⱼ² is the pivot and ‖xⱼ‖² is Aⱼⱼ.
    /// - Parameters:
    ///   - a: the n × n matrix, row-major.
    ///   - n: its order.
    /// - Returns: L, n × n row-major, zero above the diagonal.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` at the first pivot that fails.
    /// - Precondition: `a.count == n * n`.
    static func cholesky(_ a: [Double], n: Int) throws(LinearAlgebraError) -> [Double] {
        precondition(n >= 0 && a.count == n * n, "cholesky: expected \(n)×\(n) = \(n * n) entries, got \(a.count)")
        var l = [Double](repeating: 0, count: n * n)
        let floor = Swift.max(1e-14, Double(n) * Double.ulpOfOne)
        for i in 0..<n {
            for j in 0...i {
                // s = Aˢᵢⱼ − ∑ₖ<ⱼ Lᵢₖ·Lⱼₖ: rows i and j of L, both contiguous.
                var s = 0.5 * a[i * n + j] + 0.5 * a[j * n + i]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                if j < i {
                    l[i * n + j] = s / l[j * n + j]
                } else {
                    guard s > floor * a[i * n + i] else { throw .notPositiveDefinite(pivot: i, value: s) }
                    l[i * n + i] = s.squareRoot()
                }
            }
        }
        return l
    }

    /// Solves A·X = B given the Cholesky factor L of A: L·Y = B by forward substitution, then
    /// Lᵀ·X = Y by back substitution, all columns of B at once.
    /// - Parameters:
    ///   - l: the factor from `cholesky(_:n:)`, n × n row-major (only its lower triangle is read).
    ///   - n: the order of A.
    ///   - b: the right-hand sides, n × `columns` row-major (a plain vector when `columns` is 1).
    ///   - columns: the number of right-hand sides.
    /// - Returns: X, n × `columns` row-major.
    /// - Precondition: `l.count == n * n` and `b.count == n * columns`.
    static func choleskySolve(_ l: [Double], n: Int, _ b: [Double], columns: Int = 1) -> [Double] {
        precondition(n >= 0 && l.count == n * n, "choleskySolve: expected an \(n)×\(n) factor, got \(l.count) entries")
        precondition(
            columns >= 0 && b.count == n * columns,
            "choleskySolve: expected \(n)×\(columns) = \(n * columns) right-hand-side entries, got \(b.count)")
        let m = columns
        var x = b
        // Yᵢ = (Bᵢ − ∑ₖ<ᵢ Lᵢₖ·Yₖ)/Lᵢᵢ for rows i = 0..<n.
        for i in 0..<n {
            for k in 0..<i {
                let lik = l[i * n + k]
                for c in 0..<m { x[i * m + c] -= lik * x[k * m + c] }
            }
            let pivot = l[i * n + i]
            for c in 0..<m { x[i * m + c] /= pivot }
        }
        // Xᵢ = (Yᵢ − ∑ₖ>ᵢ Lₖᵢ·Xₖ)/Lᵢᵢ for rows i = n−1 down to 0.
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n {
                let lki = l[k * n + i]
                for c in 0..<m { x[i * m + c] -= lki * x[k * m + c] }
            }
            let pivot = l[i * n + i]
            for c in 0..<m { x[i * m + c] /= pivot }
        }
        return x
    }

    /// The inverse of a symmetric positive-definite matrix, A⁻¹ = L⁻ᵀ·L⁻¹ from its Cholesky
    /// factor (as LAPACK's potri): W = L⁻¹ by forward substitution, then the lower triangle of
    /// Wᵀ·W, mirrored, so the result is exactly symmetric.
    /// - Parameters:
    ///   - a: the n × n matrix, row-major.
    ///   - n: its order.
    /// - Returns: A⁻¹, n × n row-major.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when A is not positive definite.
    /// - Precondition: `a.count == n * n`.
    static func inverseSPD(_ a: [Double], n: Int) throws(LinearAlgebraError) -> [Double] {
        let l = try cholesky(a, n: n)
        // Wᵢⱼ = −(∑ⱼ≤ₖ<ᵢ Lᵢₖ·Wₖⱼ)/Lᵢᵢ for j < i, Wᵢᵢ = 1/Lᵢᵢ; the sum is gathered a row k of W at a time.
        var w = [Double](repeating: 0, count: n * n)
        var row = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<i { row[j] = 0 }
            for k in 0..<i {
                let lik = l[i * n + k]
                for j in 0...k { row[j] += lik * w[k * n + j] }
            }
            let pivot = l[i * n + i]
            for j in 0..<i { w[i * n + j] = -row[j] / pivot }
            w[i * n + i] = 1 / pivot
        }
        // (A⁻¹)ᵢⱼ = ∑ₖ≥ᵢ Wₖᵢ·Wₖⱼ for j ≤ i, as rank-one updates by the rows of W, then mirrored.
        var inverse = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            for i in 0...k {
                let wki = w[k * n + i]
                for j in 0...i { inverse[i * n + j] += wki * w[k * n + j] }
            }
        }
        for i in 0..<n {
            for j in 0..<i { inverse[j * n + i] = inverse[i * n + j] }
        }
        return inverse
    }
}
