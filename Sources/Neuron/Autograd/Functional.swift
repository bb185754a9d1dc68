// Autograd in functional form (as torch.autograd.functional): derivatives of a function at a
// point, returned as tensors. Built on `Tensor.gradients(of:withRespectTo:)`; second
// derivatives come from `createGraph`, never from a hand-written formula.

/// The Jacobian of `f` at `x`: J[i, j] = ∂fᵢ/∂xⱼ with the output and the input flattened in
/// row-major order, so an input of n elements and an output of m give an [m, n] matrix.
///
/// One backward pass per output element (reverse mode): cheap when the output is small.
///
/// ```swift
/// let x = Tensor([1, 2] as [Double], shape: [2], dtype: .float64)
/// jacobian(of: { $0.squared() }, at: x)   // [[2, 0], [0, 4]]
/// ```
///
/// - Parameters:
///   - f: A function built from Tensor ops. Tensors it captures (a model's parameters) are
///     constants here: their `grad` is not touched.
///   - x: The point; its values are copied, so `x` itself is never changed or given history.
/// - Returns: An [m, n] tensor of `x`'s dtype.
public func jacobian(of f: (Tensor) -> Tensor, at x: Tensor) -> Tensor {
    let point = FunctionalPoint(x)
    let y = withGrad { f(point.variable) }
    return point.rows(of: y)
}

/// The Hessian of a scalar function `f` at `x`: H[i, j] = ∂²f/∂xᵢ∂xⱼ with `x` flattened, an
/// [n, n] matrix. The gradient is computed with `createGraph` and differentiated once more,
/// one backward pass per element of `x`.
///
/// ```swift
/// let w = Tensor([1, 2] as [Double], shape: [2], dtype: .float64)
/// hessian(of: { ($0.pow(3)).sum() }, at: w)   // diag(6w) = [[6, 0], [0, 12]]
/// ```
///
/// - Parameters:
///   - f: A function returning a one-element tensor.
///   - x: The point (copied; never changed).
/// - Returns: An [n, n] tensor of `x`'s dtype.
/// - Precondition: `f` returns one element.
public func hessian(of f: (Tensor) -> Tensor, at x: Tensor) -> Tensor {
    let point = FunctionalPoint(x)
    let gradient = withGrad { point.gradient(of: f, op: "hessian") }
    return point.rows(of: gradient)
}

/// The Hessian-vector product H·v of a scalar function `f` at `x`, without forming H: the
/// gradient of ⟨∇f(x), v⟩, by one backward pass through a recorded backward pass.
///
/// - Parameters:
///   - f: A function returning a one-element tensor.
///   - x: The point (copied; never changed).
///   - vector: v, of `x`'s shape and dtype.
/// - Returns: H·v, shaped as `x`.
/// - Precondition: `f` returns one element; `vector` matches `x`.
public func hessianVectorProduct(of f: (Tensor) -> Tensor, at x: Tensor, vector: Tensor) -> Tensor {
    require(
        vector.shape == x.shape && vector.dtype == x.dtype,
        "hessianVectorProduct: vector \(vector.shape) (\(vector.dtype)) does not match the point \(x.shape) (\(x.dtype))")
    let point = FunctionalPoint(x)
    return withGrad {
        let gradient = point.gradient(of: f, op: "hessianVectorProduct")
        let inner = (gradient * vector.detached()).sum()
        return point.derivative(of: inner, seed: nil)
    }
}

/// A fresh leaf holding a copy of the point, and the backward passes the functional forms
/// share.
private struct FunctionalPoint {
    let variable: Tensor

    init(_ x: Tensor) {
        variable = x.copied()
        variable.requiresGrad = true
    }

    /// ∇f at the point, recorded (`createGraph`) so that it can be differentiated again.
    func gradient(of f: (Tensor) -> Tensor, op: String) -> Tensor {
        let value = f(variable)
        require(value.count == 1, "\(op): the function must return one element, got shape \(value.shape)")
        require(
            value.requiresGrad,
            "\(op): the function's value does not depend on its argument (was it computed inside withNoGrad?)")
        return Tensor.gradients(of: value, withRespectTo: [variable], createGraph: true)[0]
    }

    /// ∂(seed · output)/∂x, shaped as the point; zeros where the output does not depend on it.
    func derivative(of output: Tensor, seed: Tensor?) -> Tensor {
        guard output.requiresGrad else { return Tensor.zeros(variable.shape, dtype: variable.dtype) }
        return Tensor.gradients(of: output, withRespectTo: [variable], gradient: seed, retainGraph: true)[0]
    }

    /// The matrix whose row i is the derivative of output element i: [output.count, n].
    func rows(of output: Tensor) -> Tensor {
        let (m, n) = (output.count, variable.count)
        var matrix = [Double]()
        matrix.reserveCapacity(m * n)
        for i in 0..<m {
            var seed = [Double](repeating: 0, count: m)
            seed[i] = 1
            matrix += derivative(of: output, seed: Tensor(seed, shape: output.shape, dtype: output.dtype))
                .asArray(Double.self)
        }
        return Tensor(matrix, shape: [m, n], dtype: variable.dtype)
    }
}
