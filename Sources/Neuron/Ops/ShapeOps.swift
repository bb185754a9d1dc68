// Ops that change how values are laid out: reshape, transpose, broadcast and its adjoint.

extension Tensor {
    /// The same values viewed with a new shape (no copy); one size may be −1 to be inferred.
    ///
    /// Derivative: the gradient reshaped back.
    /// - Parameter newShape: The new sizes; their product must equal `count`.
    /// - Precondition: The element counts agree.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            require(
                newShape.filter { $0 == -1 }.count == 1,
                "reshaped: cannot reshape \(shape) to \(newShape): at most one size may be -1")
            let known = Shape.checkedCount(newShape.filter { $0 != -1 }, op: "reshaped")
            require(
                known > 0 && count % known == 0,
                "reshaped: cannot reshape \(shape) (\(count) elements) to \(newShape)")
            target[inferred] = count / known
        }
        let targetCount = Shape.checkedCount(target, op: "reshaped")
        require(
            targetCount == count,
            "reshaped: cannot reshape \(shape) (\(count) elements) to \(newShape) (\(targetCount) elements)")
        if target == shape { return self }
        return Tensor(storage: storage, shape: target).recorded("reshape", self) { g, _, x in g.reshaped(x.shape) }
    }

    /// The matrix transpose: result[j, i] = self[i, j]. A vector or scalar is returned as is.
    ///
    /// Derivative: the gradient transposed.
    /// - Precondition: The tensor has at most two dimensions.
    public func transposed() -> Tensor {
        require(rank <= 2, "transposed: needs a tensor of rank ≤ 2, got shape \(shape)")
        guard rank == 2 else { return self }
        let (rows, cols) = (shape[0], shape[1])
        let out = Tensor(uninitialized: [cols, rows], dtype: dtype)
        switch dtype {
        case .float32:
            Kernels.transpose(storage.pointer(Float.self), rows: rows, cols: cols, out.storage.pointer(Float.self))
        case .float64:
            Kernels.transpose(storage.pointer(Double.self), rows: rows, cols: cols, out.storage.pointer(Double.self))
        }
        return out.recorded("transpose", self) { g, _, _ in g.transposed() }
    }

    /// The values broadcast (repeated) to a larger shape, as NumPy's `broadcast_to`, copied.
    ///
    /// Derivative: the gradient summed over the broadcast dimensions.
    /// - Parameter target: A shape this tensor's shape broadcasts to.
    /// - Precondition: The shape broadcasts to `target`.
    public func expanded(to target: [Int]) -> Tensor {
        // One element (every size 1) broadcasts to any shape of at least its rank.
        require(
            target.count >= rank && (count == 1 || Shape.broadcast(shape, target) == target),
            "expanded: shape \(shape) cannot be broadcast to \(target)")
        if target == shape { return self }
        let out = Tensor(uninitialized: target, dtype: dtype, op: "expanded")
        if count == 1 {  // the common sum() backward
            switch dtype {
            case .float32: out.storage.pointer(Float.self).update(repeating: storage.pointer(Float.self)[0], count: out.count)
            case .float64: out.storage.pointer(Double.self).update(repeating: storage.pointer(Double.self)[0], count: out.count)
            }
        } else {
            let strides = Shape.broadcastStrides(shape, to: target)
            switch dtype {
            case .float32:
                Kernels.stridedCopy(
                    storage.pointer(Float.self), strides, out.storage.pointer(Float.self), shape: target)
            case .float64:
                Kernels.stridedCopy(
                    storage.pointer(Double.self), strides, out.storage.pointer(Double.self), shape: target)
            }
        }
        return out.recorded("expand", self) { g, _, x in g.summed(toShape: x.shape) }
    }

    /// This tensor summed down to `target`, a shape that broadcasts to this one: the adjoint of
    /// broadcasting, which every broadcasting op's backward uses.
    ///
    /// Derivative: the gradient expanded back to this shape.
    /// - Parameter target: A shape that broadcasts to `shape`.
    /// - Precondition: `target` broadcasts to this tensor's shape.
    public func summed(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        require(
            target.count <= rank && Shape.broadcast(target, shape) == shape,
            "summed(toShape:): shape \(target) does not broadcast to \(shape)")
        let lead = rank - target.count
        if lead > 0 && shape[lead...].elementsEqual(target) {
            // Only leading dimensions were broadcast (a bias): one sum over a [outer, inner] view.
            let collapsed = lead == 1 ? self : reshaped([Shape.count(Array(shape[..<lead])), Shape.count(target)])
            return collapsed.sum(axis: 0).reshaped(target)
        }
        var result = self
        for axis in 0..<rank where axis < lead || (target[axis - lead] == 1 && shape[axis] != 1) {
            result = result.sum(axis: axis, keepDims: true)
        }
        return result.reshaped(target)
    }

    /// A new dimension of size 1 inserted at `axis` (negative counts from the end).
    ///
    /// Derivative: the gradient with that dimension removed.
    /// - Precondition: −(rank + 1) ≤ axis ≤ rank.
    public func unsqueezed(axis: Int) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank + 1, op: "unsqueezed", shape: shape)
        var s = shape
        s.insert(1, at: a)
        return reshaped(s)
    }

    /// The values as a one-dimensional tensor.
    ///
    /// Derivative: the gradient reshaped back.
    public func flattened() -> Tensor { reshaped([count]) }
}
