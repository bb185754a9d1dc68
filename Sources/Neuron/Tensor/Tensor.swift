/// An n-dimensional array of `Float` or `Double` values that can record the operations applied
/// to it, so that `backward()` computes gradients by reverse-mode automatic differentiation.
///
/// A tensor is a reference type: parameters are updated in place and gradients accumulate on
/// them, as in PyTorch. Storage is contiguous and row-major.
///
/// ```swift
/// let w = Tensor([0.5, -0.25] as [Double], shape: [2], requiresGrad: true)
/// let loss = (w * w).sum()
/// loss.backward()
/// w.grad!.asArray(Double.self)   // [1.0, -0.5]
/// ```
public final class Tensor {
    /// The values; shared with reshaped views of this tensor. Replaced only by `convert(to:)`;
    /// read on every op, so without the dynamic exclusivity check.
    @exclusivity(unchecked) var storage: Storage
    /// The size of each dimension; `[]` for a scalar.
    public let shape: [Int]
    // The properties below are read and written on every op and every step of the backward
    // pass, never through overlapping `inout` accesses, so they go without the dynamic
    // exclusivity check too (it cost about 4 % of the instructions of a small op).

    /// The step that produced this tensor, not `isRecorded` for a leaf (or a result computed
    /// without grad): stored in the tensor, so recording an op allocates no node.
    @exclusivity(unchecked) var node = Node()
    /// Whether this leaf collects gradients.
    @exclusivity(unchecked) private var leafRequiresGrad: Bool

    /// The accumulated gradient of a leaf that requires one, filled in by `backward()`.
    @exclusivity(unchecked) public var grad: Tensor?

    /// Scratch space of the backward pass: the gradient gathered so far for this tensor.
    @exclusivity(unchecked) var pendingGradient: Tensor?
    /// Scratch space of the backward pass: the pass that last visited this tensor.
    @exclusivity(unchecked) var visitMark: Int = 0
    /// Scratch space of the backward pass: the next input to visit in the depth-first search.
    @exclusivity(unchecked) var visitNext: Int = 0

    /// Frees the graph behind this tensor's node, iteratively, and hands a small storage that
    /// nothing else holds back to `StoragePool`.
    deinit {
        if storage.pooledBlocks != 0 && isKnownUniquelyReferenced(&storage) { StoragePool.give(storage) }
        guard node.isRecorded else { return }
        node.dismantle()
        Node.didFree()
    }

    /// A tensor over an existing storage. Internal: the public initialisers copy their input.
    init(storage: Storage, shape: [Int], requiresGrad: Bool = false) {
        self.storage = storage
        self.shape = shape
        self.leafRequiresGrad = requiresGrad
    }

    /// A tensor of `shape` with uninitialised values, for ops that fill in every element.
    ///
    /// - Precondition: The shape has no negative size and fits in memory; `op` names the caller
    ///   in the message.
    convenience init(uninitialized shape: [Int], dtype: DType, op: @autoclosure () -> String = "Tensor") {
        let count = Shape.checkedCount(shape, op: op())
        self.init(storage: Storage.make(count: count, dtype: dtype, op: op()), shape: shape)
    }

    /// Creates a tensor from values in row-major order.
    ///
    /// - Parameters:
    ///   - scalars: The values, row-major; their count must equal the product of `shape`.
    ///   - shape: The size of each dimension (`[]` for a scalar).
    ///   - dtype: The element type; values are rounded to `Float` for `.float32`.
    ///   - requiresGrad: Whether `backward()` should compute a gradient for this tensor.
    /// - Precondition: `scalars.count` equals the product of `shape`, and no size is negative.
    public convenience init(
        _ scalars: [Double], shape: [Int], dtype: DType = .float32, requiresGrad: Bool = false
    ) {
        Tensor.checkShape(shape, count: scalars.count)
        self.init(uninitialized: shape, dtype: dtype, op: "Tensor")
        scalars.withUnsafeBufferPointer { src in
            switch dtype {
            case .float64: storage.pointer(Double.self).update(from: src.baseAddress!, count: src.count)
            case .float32: Kernels.narrow(src.baseAddress!, storage.pointer(Float.self), src.count)
            }
        }
        leafRequiresGrad = requiresGrad
    }

    /// Creates a `float32` tensor from values in row-major order.
    ///
    /// - Parameters:
    ///   - scalars: The values, row-major; their count must equal the product of `shape`.
    ///   - shape: The size of each dimension (`[]` for a scalar).
    ///   - requiresGrad: Whether `backward()` should compute a gradient for this tensor.
    /// - Precondition: `scalars.count` equals the product of `shape`, and no size is negative.
    public convenience init(_ scalars: [Float], shape: [Int], requiresGrad: Bool = false) {
        Tensor.checkShape(shape, count: scalars.count)
        self.init(uninitialized: shape, dtype: .float32)
        scalars.withUnsafeBufferPointer { src in
            storage.pointer(Float.self).update(from: src.baseAddress!, count: src.count)
        }
        leafRequiresGrad = requiresGrad
    }

    /// Creates a scalar (zero-dimensional) tensor.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - dtype: The element type.
    ///   - requiresGrad: Whether `backward()` should compute a gradient for this tensor.
    public convenience init(scalar value: Double, dtype: DType = .float32, requiresGrad: Bool = false) {
        self.init([value], shape: [], dtype: dtype, requiresGrad: requiresGrad)
    }

    private static func checkShape(_ shape: [Int], count: Int) {
        let holds = Shape.checkedCount(shape, op: "Tensor")
        require(holds == count, "Tensor: \(count) values cannot fill shape \(shape), which holds \(holds)")
    }

    // MARK: - Properties

    /// The element type.
    public var dtype: DType { storage.dtype }

    /// The number of elements: the product of `shape`.
    public var count: Int { Shape.count(shape) }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// Whether gradients flow to this tensor: true for a leaf created with `requiresGrad: true`
    /// and for every result computed from one while gradient recording is on.
    ///
    /// - Precondition: Only a leaf's flag can be set.
    public var requiresGrad: Bool {
        get { leafRequiresGrad || node.isRecorded }
        set {
            require(
                !node.isRecorded,
                "requiresGrad: can only be set on a leaf tensor; use detached() to start a new leaf")
            leafRequiresGrad = newValue
        }
    }

    /// Whether this tensor was created by the user rather than computed by a recorded op.
    public var isLeaf: Bool { !node.isRecorded }

    /// How many in-place writes this tensor's values have seen (PyTorch's `_version`). Shared by
    /// every tensor over the same values (a `detached()` alias, a reshaped view); a recorded op
    /// that saved the tensor checks it before computing gradients.
    public var version: Int { storage.version }

    /// The name of the op that produced this tensor (e.g. `"mul"`), or nil for a leaf.
    public var gradFunctionName: String? { node.isRecorded ? "\(node.name)" : nil }

    // MARK: - Reading values

    /// The values in row-major order, as `Double`.
    ///
    /// - Parameter type: `Double.self`.
    /// - Returns: An array of `count` values.
    public func asArray(_ type: Double.Type) -> [Double] {
        switch dtype {
        case .float64: Array(UnsafeBufferPointer(start: storage.pointer(Double.self), count: count))
        case .float32: UnsafeBufferPointer(start: storage.pointer(Float.self), count: count).map(Double.init)
        }
    }

    /// The values in row-major order, as `Float` (rounded when the tensor is `float64`).
    ///
    /// - Parameter type: `Float.self`.
    /// - Returns: An array of `count` values.
    public func asArray(_ type: Float.Type) -> [Float] {
        switch dtype {
        case .float32: Array(UnsafeBufferPointer(start: storage.pointer(Float.self), count: count))
        case .float64: UnsafeBufferPointer(start: storage.pointer(Double.self), count: count).map(Float.init)
        }
    }

    /// The value of a one-element tensor, as `Double`.
    ///
    /// - Parameter type: `Double.self`.
    /// - Precondition: The tensor has exactly one element.
    public func item(_ type: Double.Type = Double.self) -> Double {
        require(count == 1, "item: needs a one-element tensor, got shape \(shape)")
        return storage.element(0)
    }

    /// The value of a one-element tensor, as `Float`.
    ///
    /// - Parameter type: `Float.self`.
    /// - Precondition: The tensor has exactly one element.
    public func item(_ type: Float.Type) -> Float { Float(item(Double.self)) }

    /// Element at a row-major flat index, as `Double`.
    ///
    /// - Parameter flatIndex: The position in row-major order, `0 ..< count`.
    /// - Precondition: The index is in range.
    public subscript(flat flatIndex: Int) -> Double {
        require(
            flatIndex >= 0 && flatIndex < count, "subscript: flat index \(flatIndex) out of range for shape \(shape)")
        return storage.element(flatIndex)
    }

    // MARK: - History

    /// The same values with no history: a new leaf that does not require grad.
    ///
    /// The values are shared, not copied (as PyTorch's `detach`).
    public func detached() -> Tensor { Tensor(storage: storage, shape: shape) }

    /// An independent copy of the values, without history.
    public func copied() -> Tensor { Tensor(storage: storage.copy(), shape: shape) }

    /// Clears the accumulated gradient (sets `grad` to nil, as PyTorch's `set_to_none`).
    public func zeroGrad() { grad = nil }

    // MARK: - Diagnostics

    /// The number of graph nodes alive in the process: a leak detector for tests and tools.
    public static var liveGraphNodeCount: Int { Node.liveCount }
}
