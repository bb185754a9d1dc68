// Reductions over all elements or along one axis. Axes may be negative (counted from the end).

extension Tensor {
    /// The sum of all elements, as a scalar tensor: ∑ᵢ xᵢ.
    ///
    /// Derivative: 1 for every element (the gradient broadcast back).
    public func sum() -> Tensor {
        let out = Tensor(uninitialized: [], dtype: dtype)
        switch dtype {
        case .float32: out.storage.pointer(Float.self)[0] = Kernels.sum(storage.pointer(Float.self), count)
        case .float64: out.storage.pointer(Double.self)[0] = Kernels.sum(storage.pointer(Double.self), count)
        }
        return out.recorded("sum", self) { g, _, x in g.expanded(to: x.shape) }
    }

    /// The sum along one axis: yⱼ = ∑ᵢ x[…, i, …].
    ///
    /// Derivative: 1 (the gradient broadcast back along the axis).
    /// - Parameters:
    ///   - axis: The dimension to sum over; negative values count from the end.
    ///   - keepDims: Keep the summed dimension with size 1 (so the result broadcasts against
    ///     the input).
    /// - Precondition: The axis is in range.
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "sum", shape: shape)
        let (outer, n, inner) = Shape.split(shape, axis: a)
        let out = Tensor(uninitialized: Tensor.reducedShape(shape, axis: a, keepDims: keepDims), dtype: dtype)
        switch dtype {
        case .float32:
            Kernels.sumAxis(
                storage.pointer(Float.self), outer: outer, n: n, inner: inner, out.storage.pointer(Float.self))
        case .float64:
            Kernels.sumAxis(
                storage.pointer(Double.self), outer: outer, n: n, inner: inner, out.storage.pointer(Double.self))
        }
        return out.recorded("sum_axis", self) { g, _, x in
            g.reshaped(Tensor.reducedShape(x.shape, axis: a, keepDims: true)).expanded(to: x.shape)
        }
    }

    /// The mean of all elements, as a scalar tensor: (1/n) ∑ᵢ xᵢ.
    ///
    /// Derivative: 1/n for every element.
    public func mean() -> Tensor { sum() * (1 / Double(count)) }

    /// The mean along one axis.
    ///
    /// Derivative: 1/n along the axis, n its size.
    /// - Parameters:
    ///   - axis: The dimension to average over; negative values count from the end.
    ///   - keepDims: Keep the averaged dimension with size 1.
    /// - Precondition: The axis is in range.
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "mean", shape: shape)
        return sum(axis: a, keepDims: keepDims) * (1 / Double(shape[a]))
    }

    /// The largest value along one axis.
    ///
    /// Derivative: the gradient goes to the position of the maximum (the first one on ties,
    /// as the index PyTorch returns), zero elsewhere.
    /// - Parameters:
    ///   - axis: The dimension to reduce; negative values count from the end.
    ///   - keepDims: Keep the reduced dimension with size 1.
    /// - Precondition: The axis is in range and not empty.
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "max", shape: shape)
        let (values, indices) = maxIndices(axis: a, op: "max")
        let mask = argmaxMask(indices, axis: a)
        let kept = values.shape
        let out =
            keepDims
            ? values : Tensor(storage: values.storage, shape: Tensor.reducedShape(shape, axis: a, keepDims: false))
        return out.recorded("max_axis", self) { g, _, x in g.reshaped(kept).expanded(to: x.shape) * mask }
    }

    /// The index of the largest value along `axis` for every other position, flattened in
    /// row-major order (the first index on ties). Not differentiable.
    ///
    /// - Parameter axis: The dimension to search; negative values count from the end.
    /// - Returns: `count / shape[axis]` indices.
    public func argmax(axis: Int) -> [Int] {
        let a = Shape.normalize(axis: axis, rank: rank, op: "argmax", shape: shape)
        return maxIndices(axis: a, op: "argmax").indices
    }

    /// log ∑ᵢ exp(xᵢ) along one axis, computed stably as m + log ∑ᵢ exp(xᵢ − m) with m the
    /// (detached) maximum, so large inputs do not overflow.
    ///
    /// Derivative: softmax(x) along the axis.
    /// - Parameters:
    ///   - axis: The dimension to reduce; negative values count from the end.
    ///   - keepDims: Keep the reduced dimension with size 1.
    /// - Precondition: The axis is in range.
    public func logSumExp(axis: Int, keepDims: Bool = false) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "logSumExp", shape: shape)
        let shift = maxShift(axis: a)
        let kept = log(exp(self - shift).sum(axis: a, keepDims: true)) + shift
        return keepDims ? kept : kept.reshaped(Tensor.reducedShape(shape, axis: a, keepDims: false))
    }

    // MARK: - Helpers

    /// The maximum along a normalised axis (kept, without history), with infinities replaced by
    /// zero: the shift that makes exp safe in log-sum-exp and softmax.
    /// Over an empty axis there is nothing to shift: zeros, so that log-sum-exp gives −∞ and
    /// softmax an empty result, as in PyTorch.
    func maxShift(axis a: Int) -> Tensor {
        if shape[a] == 0 { return Tensor.zeros(Tensor.reducedShape(shape, axis: a, keepDims: true), dtype: dtype) }
        return maxIndices(axis: a, op: "max").values.mapped(.finiteOrZero)
    }

    /// `shape` with `axis` removed, or set to 1 when `keepDims`.
    static func reducedShape(_ shape: [Int], axis: Int, keepDims: Bool) -> [Int] {
        var s = shape
        if keepDims { s[axis] = 1 } else { s.remove(at: axis) }
        return s
    }

    /// A tensor of this shape with 1 at each maximum's position along `axis`, 0 elsewhere.
    private func argmaxMask(_ indices: [Int], axis a: Int) -> Tensor {
        let (outer, n, inner) = Shape.split(shape, axis: a)
        let mask = Tensor.zeros(shape, dtype: dtype)
        switch dtype {
        case .float32: Kernels.scatterOnes(indices, outer: outer, n: n, inner: inner, mask.storage.pointer(Float.self))
        case .float64: Kernels.scatterOnes(indices, outer: outer, n: n, inner: inner, mask.storage.pointer(Double.self))
        }
        return mask
    }

    /// Maxima (keepDims shape) and their indices along a normalised axis.
    private func maxIndices(axis a: Int, op: String) -> (values: Tensor, indices: [Int]) {
        let (outer, n, inner) = Shape.split(shape, axis: a)
        require(n > 0, "\(op): axis \(a) of shape \(shape) is empty, so it has no maximum")
        let values = Tensor(uninitialized: Tensor.reducedShape(shape, axis: a, keepDims: true), dtype: dtype)
        var indices = [Int](repeating: 0, count: outer * inner)
        indices.withUnsafeMutableBufferPointer { arg in
            switch dtype {
            case .float32:
                Kernels.maxAxis(
                    storage.pointer(Float.self), outer: outer, n: n, inner: inner, values.storage.pointer(Float.self),
                    arg.baseAddress!)
            case .float64:
                Kernels.maxAxis(
                    storage.pointer(Double.self), outer: outer, n: n, inner: inner, values.storage.pointer(Double.self),
                    arg.baseAddress!)
            }
        }
        return (values, indices)
    }
}
