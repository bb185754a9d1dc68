import Foundation
import Testing

@testable import Neuron

private typealias Known = KnownMatrices

@Suite("Cholesky, SPD solve and inverse")
struct LinearAlgebraTests {
    // The 2-norm condition number of H₆ is κ ≈ 1.495e7. Rounding Hᵢⱼ = 1/(i+j+1) to doubles
    // alone moves H⁻¹ by up to about κ·ε ≈ 1.7e-9 relative, and Cholesky adds about n·κ·ε; we
    // allow 10·n·κ·ε ≈ 2e-8 of the largest |(H⁻¹)ᵢⱼ| (4.41e6 for n = 6). Measured: 9e-11.
    static let hilbertTolerance = 10 * 6 * 1.495e7 * Double.ulpOfOne

    @Test("The Cholesky factor of Hilbert 6×6 is lower triangular with L·Lᵀ = H to rounding")
    func hilbertCholesky() throws {
        let h = Known.hilbert(6)
        let l = try Kernels.cholesky(h, n: 6)
        for i in 0..<6 {
            for j in (i + 1)..<6 { #expect(l[i * 6 + j] == 0) }
            #expect(l[i * 6 + i] > 0)
        }
        let lt = (0..<36).map { l[($0 % 6) * 6 + $0 / 6] }
        // Cholesky is backward stable: |L·Lᵀ − H| ≤ (n+1)·ε·|L|·|Lᵀ| ≤ 7ε here (entries ≤ 1).
        #expect(Known.maxDifference(Known.matmul(l, lt, n: 6, k: 6, m: 6), h) <= 7 * Double.ulpOfOne)
        // L₀₀ = 1 and L₁₀ = H₁₀ = 1/2, L₁₁ = √(1/3 − 1/4) = 1/√12, exactly in exact arithmetic.
        expectClose([l[0], l[6], l[7]], [1, 0.5, 1 / 12.0.squareRoot()], rtol: 1e-15, atol: 0)
    }

    @Test("Hilbert 6×6 inverse against its exact integer inverse, and symmetric to the last bit")
    func hilbertInverse6() throws {
        let inverse = try Kernels.inverseSPD(Known.hilbert(6), n: 6)
        let exact = Known.hilbertInverse(6)
        // Spot values of the formula, from the exact rational inverse (mpmath): the corners and the largest.
        #expect(exact[0] == 36 && exact[35] == 698_544 && exact[28] == 4_410_000 && exact[5] == -2772)
        let scale = exact.map(Swift.abs).max()!
        #expect(Known.maxDifference(inverse, exact) <= Self.hilbertTolerance * scale)
        for i in 0..<6 {
            for j in 0..<i { #expect(inverse[i * 6 + j] == inverse[j * 6 + i]) }
        }
    }

    @Test("Solving H₆·X = I column by column gives the exact inverse, and H₆·x = H₆·1 gives 1")
    func hilbertSolve() throws {
        let h = Known.hilbert(6)
        let l = try Kernels.cholesky(h, n: 6)
        let x = Kernels.choleskySolve(l, n: 6, Known.identity(6), columns: 6)
        let exact = Known.hilbertInverse(6)
        #expect(Known.maxDifference(x, exact) <= Self.hilbertTolerance * exact.map(Swift.abs).max()!)
        let ones = [Double](repeating: 1, count: 6)
        let solved = Kernels.choleskySolve(l, n: 6, Known.matmul(h, ones, n: 6, k: 6, m: 1))
        // ‖x̂ − x‖/‖x‖ ≲ n·κ·ε: the same allowance as for the inverse.
        #expect(Known.maxDifference(solved, ones) <= Self.hilbertTolerance)
    }

    @Test("Q·diag(λ)·Qᵀ with known λ: the inverse times A is I, and matches Q·diag(1/λ)·Qᵀ", arguments: [5, 30])
    func randomSPDInverse(n: Int) throws {
        // λ from 0.1 to 10, so κ = 100: the inverse is good to about n·κ·ε ≈ 7e-13 relative.
        let lambda = (0..<n).map { 0.1 * Foundation.pow(100, Double($0) / Double(n - 1)) }
        let (a, expected) = Known.spdMatrix(eigenvalues: lambda, seed: UInt64(n))
        let inverse = try Kernels.inverseSPD(a, n: n)
        #expect(Known.maxDifference(Known.matmul(inverse, a, n: n, k: n, m: n), Known.identity(n)) <= 1e-12)
        #expect(Known.maxDifference(inverse, expected) <= 1e-12 * 10)  // ‖A⁻¹‖ = 10
        let b = (0..<n).map { Double($0) - 2 }
        let x = Kernels.choleskySolve(try Kernels.cholesky(a, n: n), n: n, b)
        #expect(Known.maxDifference(Known.matmul(a, x, n: n, k: n, m: 1), b) <= 1e-12 * Double(n))
    }

    @Test("An empty matrix factors, solves and inverts to empty results")
    func emptyMatrix() throws {
        #expect(try Kernels.cholesky([], n: 0).isEmpty)
        #expect(Kernels.choleskySolve([], n: 0, []).isEmpty)
        #expect(try Kernels.inverseSPD([], n: 0).isEmpty)
    }

    // MARK: - Matrices that are not positive definite

    @Test("An indefinite matrix fails at the pivot that goes negative, and the message says so")
    func indefinite() {
        // [[1, 2], [2, 1]] has eigenvalues 3 and −1; the second pivot is 1 − 2² = −3 exactly.
        let error = Known.thrownError { () throws(LinearAlgebraError) in try Kernels.cholesky([1, 2, 2, 1], n: 2) }
        guard case .notPositiveDefinite(let pivot, let value) = error else {
            Issue.record("expected notPositiveDefinite, got \(String(describing: error))")
            return
        }
        #expect(pivot == 1 && value == -3)
        let message = error!.description
        #expect(message.contains("not positive definite"))
        #expect(message.contains("pivot 1"))
        #expect(message.contains("-3.0"))
        #expect(message.contains("penalty"))
        let inverseError = Known.thrownError { () throws(LinearAlgebraError) in
            try Kernels.inverseSPD([1, 2, 2, 1], n: 2)
        }
        #expect(inverseError?.description == message)
    }

    @Test("Singular matrices fail: an exact zero pivot, and a Gram matrix with a dependent column")
    func singular() {
        // L·Lᵀ for L = [[2, 0, 0], [1, 3, 0], [3, 3, 0]]: every step is exact, the last pivot is 0.
        let exactlySingular: [Double] = [4, 2, 6, 2, 10, 12, 6, 12, 18]
        let error = Known.thrownError { () throws(LinearAlgebraError) in try Kernels.cholesky(exactlySingular, n: 3) }
        guard case .notPositiveDefinite(2, 0) = error else {
            Issue.record("expected notPositiveDefinite(pivot: 2, value: 0), got \(String(describing: error))")
            return
        }
        // XᵀX where column 2 of X is column 0 plus column 1: its last pivot is rounding noise
        // (5e-15 here, under 1e-14·a₂₂ for all of 2000 seeds tried), so the factorisation
        // refuses it instead of inverting noise.
        var rng = RandomGenerator(seed: 7)
        let x = (0..<20).flatMap { _ -> [Double] in
            let u = rng.nextNormal()
            let v = rng.nextNormal()
            return [u, v, u + v]
        }
        let xt = (0..<60).map { x[($0 % 20) * 3 + $0 / 20] }
        let gram = Known.matmul(xt, x, n: 3, k: 20, m: 3)
        let gramError = Known.thrownError { () throws(LinearAlgebraError) in try Kernels.inverseSPD(gram, n: 3) }
        guard case .notPositiveDefinite(2, _) = gramError else {
            Issue.record("expected a failure at pivot 2, got \(String(describing: gramError))")
            return
        }
        #expect(gramError!.description.contains("information matrix is singular"))
    }

    @Test("A NaN in either triangle or on the diagonal fails at its pivot with a NaN value", arguments: [0, 1, 3, 8])
    func nanEntry(index: Int) {
        // A 3×3 SPD matrix with one NaN at row-major `index` (0 and 8: diagonal; 1: upper; 3: lower).
        var a: [Double] = [4, 1, 0, 1, 3, 1, 0, 1, 2]
        a[index] = .nan
        let error = Known.thrownError { () throws(LinearAlgebraError) in try Kernels.cholesky(a, n: 3) }
        guard case .notPositiveDefinite(let pivot, let value) = error else {
            Issue.record("expected notPositiveDefinite, got \(String(describing: error))")
            return
        }
        #expect(pivot == Swift.max(index / 3, index % 3) && value.isNaN)
        #expect(error!.description.contains("NaN or infinite entry"))
    }
}
