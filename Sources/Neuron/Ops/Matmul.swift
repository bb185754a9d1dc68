// Matrix products. One primitive, C = op(A)·op(B) with optional transposes, carries the
// backward rule; its gradients are products of the same kind, so no transpose is ever copied.

/// The matrix product of `a` and `b`: [m, k]·[k, n] → [m, n], [k]·[k, n] → [n],
/// [m, k]·[k] → [m], [k]·[k] → [] (the dot product).
///
/// Derivative: ∂/∂A = G·Bᵀ, ∂/∂B = Aᵀ·G.
/// - Precondition: Both are vectors or matrices, their inner sizes agree, and dtypes match.
public func matmul(_ a: Tensor, _ b: Tensor) -> Tensor { a.matmul(b) }

extension Tensor {
    /// The matrix product self · other; see ``matmul(_:_:)`` for the shapes accepted.
    ///
    /// Derivative: ∂/∂A = G·Bᵀ, ∂/∂B = Aᵀ·G.
    /// - Parameter other: The right-hand factor.
    /// - Precondition: Both are vectors or matrices, their inner sizes agree, and dtypes match.
    public func matmul(_ other: Tensor) -> Tensor {
        require(
            (1...2).contains(rank) && (1...2).contains(other.rank),
            "matmul: needs vectors or matrices, got \(shape) · \(other.shape)")
        let left = rank == 1 ? reshaped([1, shape[0]]) : self
        let right = other.rank == 1 ? other.reshaped([other.shape[0], 1]) : other
        require(
            left.shape[1] == right.shape[0],
            "matmul: inner dimensions differ: \(shape) · \(other.shape)")
        let product = Tensor.product(left, right)
        switch (rank, other.rank) {
        case (1, 1): return product.reshaped([])
        case (1, _): return product.reshaped([other.shape[1]])
        case (_, 1): return product.reshaped([shape[0]])
        default: return product
        }
    }

    /// op(a)·op(b) for matrices, where op transposes when asked: the primitive behind `matmul`.
    ///
    /// With C = op(A)·op(B) and G = ∂L/∂C: ∂L/∂op(A) = G·op(B)ᵀ and ∂L/∂op(B) = op(A)ᵀ·G, each
    /// transposed back when the operand was used transposed.
    static func product(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        a.requireSameDType(b, "matmul")
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (k2, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        require(k == k2, "matmul: inner dimensions differ: \(a.shape) · \(b.shape)")
        let out = Tensor(uninitialized: [m, n], dtype: a.dtype, op: "matmul")
        switch a.dtype {
        case .float32:
            Kernels.gemm(
                m: m, n: n, k: k, a.storage.pointer(Float.self), transposeA: transposeA,
                b.storage.pointer(Float.self), transposeB: transposeB, out.storage.pointer(Float.self))
        case .float64:
            Kernels.gemm(
                m: m, n: n, k: k, a.storage.pointer(Double.self), transposeA: transposeA,
                b.storage.pointer(Double.self), transposeB: transposeB, out.storage.pointer(Double.self))
        }
        return out.recorded("matmul", a, b, saving: .inputs) { g, _, a, b, needs in
            let gradA: Tensor? =
                !needs[0]
                ? nil
                : transposeA
                    ? product(b, g, transposeA: transposeB, transposeB: true)
                    : product(g, b, transposeB: !transposeB)
            let gradB: Tensor? =
                !needs[1]
                ? nil
                : transposeB
                    ? product(g, a, transposeA: true, transposeB: transposeA)
                    : product(a, g, transposeA: !transposeA)
            return (gradA, gradB)
        }
    }
}
