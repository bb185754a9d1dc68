// Selecting rows, slicing and concatenating. Each pair is the other's adjoint: the backward of
// selecting rows scatters them back; the backward of concatenating slices.

extension Tensor {
    /// The rows (entries along the first axis) at `indices`, in that order; repeats allowed.
    /// This is how mini-batches are drawn: `x.rows(at: batch)`.
    ///
    /// Derivative: the gradient rows added back at their indices (repeats accumulate).
    /// - Parameter indices: Row numbers in `0 ..< shape[0]`.
    /// - Precondition: The tensor has at least one dimension and every index is in range.
    public func rows(at indices: [Int]) -> Tensor {
        require(rank >= 1, "rows(at:): needs a tensor with at least one dimension, got a scalar")
        let n = shape[0]
        if let bad = indices.first(where: { $0 < 0 || $0 >= n }) {
            fatalError("rows(at:): index \(bad) is out of range for shape \(shape)")
        }
        var outShape = shape
        outShape[0] = indices.count
        let out = Tensor(uninitialized: outShape, dtype: dtype)
        let rowLength = n == 0 ? 0 : count / n
        switch dtype {
        case .float32:
            Kernels.gatherRows(
                storage.pointer(Float.self), rowLength: rowLength, indices, out.storage.pointer(Float.self))
        case .float64:
            Kernels.gatherRows(
                storage.pointer(Double.self), rowLength: rowLength, indices, out.storage.pointer(Double.self))
        }
        return out.recorded("rows", self) { g, _, _ in g.scatteredRows(at: indices, rowCount: n) }
    }

    /// A tensor of `rowCount` rows, zero except that row `indices[r]` accumulates row r of this
    /// tensor (PyTorch's `index_add` into zeros): the adjoint of `rows(at:)`.
    ///
    /// Derivative: the gradient's rows at `indices`.
    /// - Parameters:
    ///   - indices: One target row per row of this tensor, in `0 ..< rowCount`.
    ///   - rowCount: The number of rows of the result.
    /// - Precondition: `indices.count == shape[0]` and every index is in range.
    public func scatteredRows(at indices: [Int], rowCount: Int) -> Tensor {
        require(
            rank >= 1 && indices.count == shape[0],
            "scatteredRows: \(indices.count) indices for a tensor of shape \(shape)")
        if let bad = indices.first(where: { $0 < 0 || $0 >= rowCount }) {
            fatalError("scatteredRows: index \(bad) is out of range for \(rowCount) rows")
        }
        var outShape = shape
        outShape[0] = rowCount
        let out = Tensor.zeros(outShape, dtype: dtype)
        let rowLength = Shape.count(Array(shape.dropFirst()))
        switch dtype {
        case .float32:
            Kernels.scatterAddRows(
                storage.pointer(Float.self), rowLength: rowLength, indices, out.storage.pointer(Float.self))
        case .float64:
            Kernels.scatterAddRows(
                storage.pointer(Double.self), rowLength: rowLength, indices, out.storage.pointer(Double.self))
        }
        return out.recorded("scatter_rows", self) { g, _, _ in g.rows(at: indices) }
    }

    /// The part of the tensor whose index along `axis` lies in `range`.
    ///
    /// Derivative: the gradient placed back in that range, zero elsewhere.
    /// - Parameters:
    ///   - axis: The dimension to slice; negative values count from the end.
    ///   - range: The indices to keep, within `0 ..< shape[axis]`.
    /// - Precondition: The axis and the range are in bounds.
    public func sliced(axis: Int, _ range: Range<Int>) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "sliced", shape: shape)
        require(
            range.lowerBound >= 0 && range.upperBound <= shape[a],
            "sliced: range \(range) is out of bounds for axis \(a) of shape \(shape)")
        if range.count == shape[a] { return self }
        let (outer, size, inner) = Shape.split(shape, axis: a)
        var outShape = shape
        outShape[a] = range.count
        let out = Tensor(uninitialized: outShape, dtype: dtype)
        copyBlocks(
            from: self, offset: range.lowerBound * inner, srcStride: size * inner,
            to: out, dstOffset: 0, dstStride: range.count * inner, outer: outer, length: range.count * inner)
        let source = shape
        return out.recorded("slice", self) { g, _, _ in
            var before = source
            before[a] = range.lowerBound
            var after = source
            after[a] = source[a] - range.upperBound
            let zerosBefore = Tensor.zeros(before, dtype: g.dtype)
            let zerosAfter = Tensor.zeros(after, dtype: g.dtype)
            return Tensor.concatenated([zerosBefore, g, zerosAfter], axis: a)
        }
    }

    /// The tensors joined along `axis`; all other sizes must agree.
    ///
    /// Derivative: each input receives its slice of the gradient.
    /// - Parameters:
    ///   - tensors: One or more tensors of the same rank and dtype.
    ///   - axis: The dimension to join along; negative values count from the end.
    /// - Precondition: At least one tensor; shapes agree except along `axis`; dtypes match.
    public static func concatenated(_ tensors: [Tensor], axis: Int) -> Tensor {
        require(!tensors.isEmpty, "concatenated: needs at least one tensor")
        let first = tensors[0]
        let a = Shape.normalize(axis: axis, rank: first.rank, op: "concatenated", shape: first.shape)
        for t in tensors {
            first.requireSameDType(t, "concatenated")
            var (x, y) = (t.shape, first.shape)
            if x.count == y.count {
                x[a] = 0
                y[a] = 0
            }
            require(
                x == y,
                "concatenated: shapes \(first.shape) and \(t.shape) differ outside axis \(a)")
        }
        var outShape = first.shape
        outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        let out = Tensor(uninitialized: outShape, dtype: first.dtype)
        let (outer, total, inner) = Shape.split(outShape, axis: a)
        var offset = 0
        var ranges: [Range<Int>] = []
        for t in tensors {
            let length = t.shape[a] * inner
            out.copyBlocks(
                from: t, offset: 0, srcStride: length, to: out, dstOffset: offset * inner,
                dstStride: total * inner, outer: outer, length: length)
            ranges.append(offset..<(offset + t.shape[a]))
            offset += t.shape[a]
        }
        return out.recorded("concat", tensors) { g, _, needs in
            ranges.indices.map { needs[$0] ? g.sliced(axis: a, ranges[$0]) : nil }
        }
    }

    /// Copies `outer` blocks of `length` elements between two tensors' storages.
    private func copyBlocks(
        from src: Tensor, offset: Int, srcStride: Int, to dst: Tensor, dstOffset: Int, dstStride: Int,
        outer: Int, length: Int
    ) {
        switch dtype {
        case .float32:
            Kernels.copyBlocks(
                src.storage.pointer(Float.self) + offset, srcStride: srcStride,
                dst.storage.pointer(Float.self) + dstOffset, dstStride: dstStride, outer: outer, length: length)
        case .float64:
            Kernels.copyBlocks(
                src.storage.pointer(Double.self) + offset, srcStride: srcStride,
                dst.storage.pointer(Double.self) + dstOffset, dstStride: dstStride, outer: outer, length: length)
        }
    }
}
