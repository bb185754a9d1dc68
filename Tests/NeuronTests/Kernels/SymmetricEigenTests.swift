import Foundation
import Testing

@testable import Neuron

private typealias Known = KnownMatrices

@Suite("Symmetric eigenvalues by cyclic Jacobi")
struct SymmetricEigenTests {
    @Test("Q·diag(λ)·Qᵀ with known λ: eigenvalues to 1e-12 relative, eigenvectors orthonormal", arguments: [5, 30])
    func knownSpectrum(n: Int) {
        // λ from 0.1 to 10. Rounding A = Q·diag(λ)·Qᵀ moves each eigenvalue by about n·ε·‖A‖
        // ≈ 7e-14, so 1e-12 of the smallest (0.1) is a safe bound. Measured: 3e-15 at n = 30.
        let lambda = (0..<n).map { 0.1 * Foundation.pow(100, Double($0) / Double(n - 1)) }
        let (a, _) = Known.spdMatrix(eigenvalues: lambda, seed: UInt64(n))
        let values = Kernels.symmetricEigenvalues(a, n: n)
        expectClose(values, lambda, rtol: 1e-12, atol: 0)
        let (same, v) = Kernels.symmetricEigen(a, n: n)
        #expect(same == values)
        // A·V = V·diag(λ) and Vᵀ·V = I, to rounding.
        let av = Known.matmul(a, v, n: n, k: n, m: n)
        let vl = (0..<n * n).map { v[$0] * values[$0 % n] }
        #expect(Known.maxDifference(av, vl) <= 1e-13)
        let vt = (0..<n * n).map { v[($0 % n) * n + $0 / n] }
        #expect(Known.maxDifference(Known.matmul(vt, v, n: n, k: n, m: n), Known.identity(n)) <= 1e-14)
    }

    @Test("Hilbert 6×6: the eigenvalues of the exact matrix, the smallest to the 8e-11 its rounding allows")
    func hilbert() {
        // mpmath.eigsy of the exact Hilbert matrix at 50 digits. Rounding Hᵢⱼ to doubles alone
        // moves λ_min by 7.8e-11 relative (mpmath again, on the rounded matrix); we allow 1e-9.
        let exact = [
            1.0827994845655498e-07, 1.2570757122625194e-05, 0.0006157483541826576, 0.016321521319875822,
            0.24236087057520955, 1.618899858924339,
        ]
        let values = Kernels.symmetricEigenvalues(Known.hilbert(6), n: 6)
        expectClose(values, exact, rtol: 1e-9, atol: 0)
        expectClose(Array(values.suffix(3)), Array(exact.suffix(3)), rtol: 1e-14, atol: 0)
    }

    @Test("An indefinite 2×2 matrix: [[1, 2], [2, 1]] has eigenvalues −1 and 3, vectors (1, ∓1)/√2")
    func indefinite() {
        let (values, v) = Kernels.symmetricEigen([1, 2, 2, 1], n: 2)
        expectClose(values, [-1, 3], rtol: 0, atol: 4e-16)
        let r = 0.5.squareRoot()
        // Each column is fixed up to sign: compare |V|, and the signs within each column.
        expectClose(v.map(Swift.abs), [r, r, r, r], rtol: 1e-15, atol: 0)
        #expect(v[0] * v[2] < 0 && v[1] * v[3] > 0)
    }

    @Test("A diagonal matrix needs no rotation: its entries sorted, V a permutation")
    func diagonal() {
        let (values, v) = Kernels.symmetricEigen([3, 0, 0, 0, -1, 0, 0, 0, 2], n: 3)
        #expect(values == [-1, 2, 3])
        #expect(v == [0, 0, 1, 1, 0, 0, 0, 1, 0])
    }

    @Test("Only the symmetric part counts: A and (A + Aᵀ)/2 have the same eigenvalues")
    func symmetricPart() {
        #expect(Kernels.symmetricEigenvalues([2, 1, 3, 2], n: 2) == Kernels.symmetricEigenvalues([2, 2, 2, 2], n: 2))
    }

    @Test("Edges: empty and 1×1 matrices, and NaN or ∞ entries give NaN eigenvalues")
    func edges() {
        #expect(Kernels.symmetricEigenvalues([], n: 0).isEmpty)
        #expect(Kernels.symmetricEigen([-4], n: 1) == ([-4], [1]))
        #expect(Kernels.symmetricEigenvalues([1, .nan, .nan, 1], n: 2).allSatisfy { $0.isNaN })
        let (values, vectors) = Kernels.symmetricEigen([1, 0, 0, .infinity], n: 2)
        #expect(
            values.count == 2 && values.allSatisfy { $0.isNaN } && vectors.count == 4 && vectors.allSatisfy { $0.isNaN }
        )
    }

    @Test("A 100×100 matrix converges within the sweep limit to 1e-12 relative")
    func larger() {
        let n = 100
        let lambda = (0..<n).map { 1 + Double($0) }
        let (a, _) = Known.spdMatrix(eigenvalues: lambda, seed: 3)
        expectClose(Kernels.symmetricEigenvalues(a, n: n), lambda, rtol: 1e-12, atol: 0)
    }
}
