// Eigenvalues and eigenvectors of a small real symmetric matrix by the cyclic Jacobi method,
// in float64 and without LAPACK. Jacobi is slower than tridiagonal QR (about 10 sweeps of
// n²/2 rotations of O(n) each: 20 ms at n = 100, under a second at n = 300, optimised build)
// but simple and robust, and it finds small eigenvalues of a positive-definite matrix to high
// relative accuracy.

extension Kernels {
    /// The eigenvalues of a real symmetric matrix, in ascending order (see `symmetricEigen`).
    /// - Parameters:
    ///   - a: the n × n matrix, row-major; its symmetric part (A + Aᵀ)/2 is used.
    ///   - n: its order.
    /// - Returns: the n eigenvalues, ascending; all NaN when A holds a NaN or an infinity.
    /// - Precondition: `a.count == n * n`.
    static func symmetricEigenvalues(_ a: [Double], n: Int) -> [Double] {
        jacobiEigen(a, n: n, vectors: false).values
    }

    /// The eigendecomposition A = V·diag(λ)·Vᵀ of a real symmetric matrix by cyclic Jacobi
    /// rotations: sweep over the pairs p < q, rotating each off-diagonal Aₚq to zero with
    /// t = tan θ = sign(ϑ)/(|ϑ| + √(ϑ² + 1)), ϑ = (A_qq − Aₚₚ)/(2Aₚq), until a whole sweep finds
    /// every |Aₚq| ≤ ε·√|Aₚₚ·A_qq| (Rutishauser's formulas; Demmel and Veselić's stopping test).
    /// - Parameters:
    ///   - a: the n × n matrix, row-major; its symmetric part (A + Aᵀ)/2 is used.
    ///   - n: its order.
    /// - Returns: the eigenvalues λ in ascending order, and V, n × n row-major, whose column j is
    ///   the unit eigenvector of λⱼ (V is orthogonal). All NaN when A holds a NaN or an infinity.
    /// - Precondition: `a.count == n * n`.
    static func symmetricEigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
        jacobiEigen(a, n: n, vectors: true)
    }

    /// Cyclic Jacobi on the upper triangle of m (the lower is never read), accumulating the
    /// rotations in V when asked.
    private static func jacobiEigen(_ a: [Double], n: Int, vectors: Bool) -> (values: [Double], vectors: [Double]) {
        precondition(
            n >= 0 && a.count == n * n, "symmetricEigen: expected \(n)×\(n) = \(n * n) entries, got \(a.count)")
        let vectorCount = vectors ? n * n : 0
        guard a.allSatisfy({ $0.isFinite }) else {
            return ([Double](repeating: .nan, count: n), [Double](repeating: .nan, count: vectorCount))
        }
        // mᵢⱼ = (Aᵢⱼ + Aⱼᵢ)/2 for i ≤ j, and V = I.
        var m = a
        for i in 0..<n {
            for j in (i + 1)..<n { m[i * n + j] = 0.5 * a[i * n + j] + 0.5 * a[j * n + i] }
        }
        var v = [Double](repeating: 0, count: vectorCount)
        if vectors { for i in 0..<n { v[i * n + i] = 1 } }
        if n > 1 {
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    for _ in 0..<100 {  // converges quadratically, in about 10 sweeps
                        // (An empty array's buffer may still have a base address: pass nil explicitly.)
                        if !jacobiSweep(m.baseAddress!, n: n, vectors: vectors ? v.baseAddress : nil) { break }
                    }
                }
            }
        }
        // Sort ascending, moving the columns of V with their eigenvalues.
        let order = (0..<n).sorted { m[$0 * n + $0] < m[$1 * n + $1] }
        let values = order.map { m[$0 * n + $0] }
        guard vectors else { return (values, []) }
        var sorted = [Double](repeating: 0, count: n * n)
        for (column, source) in order.enumerated() {
            for r in 0..<n { sorted[r * n + column] = v[r * n + source] }
        }
        return (values, sorted)
    }

    /// One sweep of rotations over the pairs p < q of the upper triangle of m (n × n, row-major),
    /// skipping each |mₚq| ≤ ε·√|mₚₚ·m_qq|; returns whether it rotated at all.
    private static func jacobiSweep(_ m: UnsafeMutablePointer<Double>, n: Int, vectors v: UnsafeMutablePointer<Double>?)
        -> Bool
    {
        var rotated = false
        for p in 0..<(n - 1) {
            for q in (p + 1)..<n {
                let apq = m[p * n + q]
                let app = m[p * n + p]
                let aqq = m[q * n + q]
                if Swift.abs(apq) <= Double.ulpOfOne * Swift.abs(app).squareRoot() * Swift.abs(aqq).squareRoot() {
                    continue
                }
                rotated = true
                let theta = (aqq - app) / (2 * apq)
                var t = 1 / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
                if Swift.abs(theta) > 1e150 { t = 0.5 / Swift.abs(theta) }  // ϑ² would overflow
                if theta < 0 { t = -t }
                let c = 1 / (t * t + 1).squareRoot()
                let s = t * c
                let tau = s / (1 + c)
                m[p * n + p] = app - t * apq
                m[q * n + q] = aqq + t * apq
                m[p * n + q] = 0
                // (x, y) ← (x − s·(y + x·τ), y + s·(x − y·τ)) for x = m_rp, y = m_rq, r ≠ p, q, each
                // read from the upper triangle: column entries above p, then between p and q, then rows.
                for r in 0..<p { rotate(m + r * n + p, m + r * n + q, s, tau) }
                for r in (p + 1)..<q { rotate(m + p * n + r, m + r * n + q, s, tau) }
                for r in (q + 1)..<n { rotate(m + p * n + r, m + q * n + r, s, tau) }
                // Columns p and q of V, the accumulated rotation.
                if let v { for r in 0..<n { rotate(v + r * n + p, v + r * n + q, s, tau) } }
            }
        }
        return rotated
    }

    /// One plane rotation of the pair (x, y) in place, in Rutishauser's form with τ = s/(1 + c).
    @inline(__always)
    private static func rotate(
        _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ s: Double, _ tau: Double
    ) {
        let g = x.pointee
        let h = y.pointee
        x.pointee = g - s * (h + g * tau)
        y.pointee = h + s * (g - h * tau)
    }
}
