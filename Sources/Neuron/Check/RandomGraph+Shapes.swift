// The shape-changing ops of the random graph generator, and the random shapes they need.

extension GraphBuilder {
    /// reshape, transpose, expand, sum to shape, unsqueeze, flatten, rows, scattered rows,
    /// slice or concatenate, whichever can produce `shape` (nil when the one drawn cannot).
    mutating func shapeOp(_ shape: [Int], _ depth: Int) -> Int? {
        let rank = shape.count
        let count = shape.reduce(1, *)
        switch int(0...9) {
        case 0:
            let inner = factorization(count)
            var spelled = shape
            if rank > 0 && chance(0.3) { spelled[int(0...(rank - 1))] = -1 }
            return emit(.reshaped(spelled), [node(inner, depth: depth - 1)])
        case 1 where rank == 2:
            return emit(.transposed, [node([shape[1], shape[0]], depth: depth - 1)])
        case 2 where rank > 0:
            let inner = broadcastPair(shape).1
            return inner == shape ? nil : emit(.expanded(shape), [node(inner, depth: depth - 1)])
        case 3:
            let inner = enlarged(shape)
            guard inner != shape, inner.reduce(1, *) <= Self.maxCount else { return nil }
            return emit(.summed(shape), [node(inner, depth: depth - 1)])
        case 4 where shape.contains(1):
            let axis = pick(shape.indices.filter { shape[$0] == 1 })
            var inner = shape
            inner.remove(at: axis)
            return emit(.unsqueezed(spelled(axis: axis, rank: rank)), [node(inner, depth: depth - 1)])
        case 5 where rank == 1:
            return emit(.flattened, [node(factorization(count), depth: depth - 1)])
        case 6 where rank >= 1:
            var inner = shape
            inner[0] = size()
            guard inner.reduce(1, *) <= Self.maxCount else { return nil }
            let indices = (0..<shape[0]).map { _ in int(0...(inner[0] - 1)) }
            return emit(.rows(indices), [node(inner, depth: depth - 1)])
        case 7 where rank >= 1:
            var inner = shape
            inner[0] = size()
            guard inner.reduce(1, *) <= Self.maxCount else { return nil }
            let indices = (0..<inner[0]).map { _ in int(0...(shape[0] - 1)) }
            return emit(.scatteredRows(indices, rowCount: shape[0]), [node(inner, depth: depth - 1)])
        case 8 where rank >= 1:
            let axis = int(0...(rank - 1))
            let (before, after) = (int(0...2), int(0...2))
            var inner = shape
            inner[axis] += before + after
            guard before + after > 0, inner.reduce(1, *) <= Self.maxCount else { return nil }
            let range = before..<(before + shape[axis])
            return emit(.sliced(axis: spelled(axis: axis, rank: rank), range), [node(inner, depth: depth - 1)])
        case 9 where rank >= 1:
            let axis = int(0...(rank - 1))
            var sizes: [Int] = []
            var left = shape[axis]
            while left > 0 {
                let s = int(1...left)
                sizes.append(s)
                left -= s
            }
            let parts = sizes.enumerated().map { k, s in
                var part = shape
                part[axis] = s
                return k == 0 ? node(part, depth: depth - 1) : operand(part, depth: depth)
            }
            return emit(.concatenated(axis: spelled(axis: axis, rank: rank)), parts)
        default:
            return nil
        }
    }

    // MARK: - Shapes

    /// Two shapes that broadcast to `shape`: each dimension is full on one side or both, the
    /// other side may have 1 there, and one side may drop leading dimensions of size 1 (down
    /// to a scalar).
    mutating func broadcastPair(_ shape: [Int]) -> ([Int], [Int]) {
        var (l, r) = (shape, shape)
        for i in shape.indices where shape[i] != 1 {
            switch int(0...4) {
            case 0: l[i] = 1
            case 1: r[i] = 1
            default: break
            }
        }
        let dropLeft = chance(0.5)
        var side = dropLeft ? l : r
        let droppable = side.prefix { $0 == 1 }.count
        if droppable > 0 && chance(0.6) { side.removeFirst(int(1...droppable)) }
        if dropLeft { l = side } else { r = side }
        return chance(0.5) ? (l, r) : (r, l)
    }

    /// A random shape holding `count` elements: its prime factors grouped at random, with
    /// sizes of 1 inserted at random (rank ≤ 4).
    mutating func factorization(_ count: Int) -> [Int] {
        var factors: [Int] = []
        var n = count
        var p = 2
        while n > 1 {
            while n % p == 0 {
                factors.append(p)
                n /= p
            }
            p += 1
        }
        var dims: [Int] = []
        for f in factors {
            if !dims.isEmpty && (dims.count >= 3 || chance(0.4)) {
                dims[int(0...(dims.count - 1))] *= f
            } else {
                dims.append(f)
            }
        }
        while dims.count < 4 && chance(0.25) { dims.insert(1, at: int(0...dims.count)) }
        return dims
    }

    /// A shape that `shape` broadcasts to: some sizes of 1 enlarged, and maybe a leading
    /// dimension added.
    mutating func enlarged(_ shape: [Int]) -> [Int] {
        var s = shape.map { $0 == 1 && chance(0.6) ? int(2...3) : $0 }
        if s.count < 4 && (s == shape || chance(0.4)) { s.insert(int(1...3), at: 0) }
        return s
    }
}
