import Neuron

/// Matrices with known inverses and eigenvalues, and the small helpers that check them, for the
/// linear-algebra kernel tests.
enum KnownMatrices {
    /// The n × n Hilbert matrix, Hᵢⱼ = 1/(i + j + 1) for i, j from 0, row-major.
    static func hilbert(_ n: Int) -> [Double] {
        (0..<n).flatMap { i in (0..<n).map { j in 1 / Double(i + j + 1) } }
    }

    /// The exact inverse of the n × n Hilbert matrix, all integers (Choi, "Tricks or treats with
    /// the Hilbert matrix", 1983): with i, j from 1,
    /// (H⁻¹)ᵢⱼ = (−1)^(i+j)·(i+j−1)·C(n+i−1, n−j)·C(n+j−1, n−i)·C(i+j−2, i−1)².
    static func hilbertInverse(_ n: Int) -> [Double] {
        func choose(_ n: Int, _ k: Int) -> Int { k == 0 ? 1 : (n - k + 1) * choose(n, k - 1) / k }
        return (1...n).flatMap { i in
            (1...n).map { j in
                let sign = (i + j) % 2 == 0 ? 1 : -1
                let c = choose(i + j - 2, i - 1)
                return Double(sign * (i + j - 1) * choose(n + i - 1, n - j) * choose(n + j - 1, n - i) * c * c)
            }
        }
    }

    /// Q·diag(λ)·Qᵀ and Q·diag(1/λ)·Qᵀ for an orthogonal Q, the product of n Householder
    /// reflections I − 2vvᵀ/vᵀv with seeded normal v: in exact arithmetic the eigenvalues are λ and
    /// the inverse is the second matrix.
    static func spdMatrix(eigenvalues lambda: [Double], seed: UInt64) -> (a: [Double], inverse: [Double]) {
        let n = lambda.count
        var rng = RandomGenerator(seed: seed)
        var q = (0..<n * n).map { $0 % (n + 1) == 0 ? 1.0 : 0.0 }
        for _ in 0..<n {
            let v = (0..<n).map { _ in rng.nextNormal() }
            let vv = v.reduce(0) { $0 + $1 * $1 }
            for r in 0..<n {  // row r of Q times the reflection
                let dot = (0..<n).reduce(0) { $0 + q[r * n + $1] * v[$1] }
                for c in 0..<n { q[r * n + c] -= 2 * dot / vv * v[c] }
            }
        }
        func conjugated(_ d: [Double]) -> [Double] {
            (0..<n).flatMap { i in (0..<n).map { j in (0..<n).reduce(0) { $0 + q[i * n + $1] * d[$1] * q[j * n + $1] } }
            }
        }
        return (conjugated(lambda), conjugated(lambda.map { 1 / $0 }))
    }

    /// The row-major product of an n × k and a k × m matrix.
    static func matmul(_ a: [Double], _ b: [Double], n: Int, k: Int, m: Int) -> [Double] {
        (0..<n).flatMap { i in (0..<m).map { j in (0..<k).reduce(0) { $0 + a[i * k + $1] * b[$1 * m + j] } } }
    }

    /// The n × n identity, row-major.
    static func identity(_ n: Int) -> [Double] { (0..<n * n).map { $0 % (n + 1) == 0 ? 1 : 0 } }

    /// The largest |aᵢ − bᵢ|.
    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
    }

    /// The error thrown by `body`, if it is a LinearAlgebraError.
    static func thrownError(_ body: () throws(LinearAlgebraError) -> [Double]) -> LinearAlgebraError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }
}
