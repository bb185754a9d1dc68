import Foundation

/// The size and type of a storage, kept in front of its elements.
struct StorageHeader {
    /// Set again when a pooled buffer is reused (`StoragePool`).
    var count: Int
    var dtype: DType
    /// The 16-byte blocks the buffer was created with, or 0 when it is too large to pool.
    let pooledBlocks: Int
    /// How many in-place writes the buffer has seen (PyTorch's version counter): a backward rule
    /// that saved a tensor compares it with the version it recorded.
    var version: Int
}

/// A contiguous buffer of `count` elements of one `DType`, allocated together with its header
/// in one block (16-byte aligned) so that a small tensor costs one allocation less.
///
/// Tensors share a storage when one is a reshaped view of another; everything else allocates.
final class Storage: ManagedBuffer<StorageHeader, SIMD2<Double>> {
    /// The most bytes one storage may take: the machine's memory. A larger request could only
    /// end in an allocation failure or in swapping, so it stops with a message instead.
    static let byteLimit = Int(clamping: ProcessInfo.processInfo.physicalMemory)

    /// A buffer of `count` elements, uninitialised (every caller writes all of it).
    ///
    /// - Precondition: `count` elements fit in memory; `op` names the caller in the message.
    static func make(count: Int, dtype: DType, version: Int = 0, op: @autoclosure () -> String = "Tensor")
        -> Storage
    {
        let bytes = requireFits(count: count, dtype: dtype, op: op())
        if bytes <= StoragePool.largestBytes {
            let sizeClass = StoragePool.sizeClass(bytes: bytes)
            if let reused = StoragePool.take(sizeClass) {
                reused.headerPointer.pointee = StorageHeader(
                    count: count, dtype: dtype, pooledBlocks: reused.pooledBlocks, version: version)
                return reused
            }
            return create(blocks: StoragePool.blocks(sizeClass), pooled: true, count: count, dtype: dtype, version: version)
        }
        return create(blocks: (bytes + 15) / 16, pooled: false, count: count, dtype: dtype, version: version)
    }

    private static func create(blocks: Int, pooled: Bool, count: Int, dtype: DType, version: Int) -> Storage {
        let buffer = create(minimumCapacity: blocks) { _ in
            StorageHeader(count: count, dtype: dtype, pooledBlocks: pooled ? blocks : 0, version: version)
        }
        return unsafeDowncast(buffer, to: Storage.self)
    }

    /// The bytes `count` elements of `dtype` take, stopping with a message naming `op` when
    /// they exceed the machine's memory.
    @discardableResult
    @inline(__always)
    static func requireFits(count: Int, dtype: DType, op: @autoclosure () -> String) -> Int {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.byteSize)
        if _fastPath(!overflow && bytes <= 1 << 30) { return bytes }
        require(
            !overflow && bytes <= byteLimit,
            "\(op()): \(count) elements of \(dtype) need \(Storage.describe(bytes: overflow ? nil : bytes)), more than "
                + "this machine's memory (\(Storage.describe(bytes: byteLimit)))")
        return bytes
    }

    /// A byte count in GiB for messages.
    private static func describe(bytes: Int?) -> String {
        guard let bytes else { return "more bytes than an Int can count" }
        return "\((Double(bytes) / 1_073_741_824 * 10).rounded() / 10) GiB"
    }

    /// The number of elements.
    var count: Int { headerPointer.pointee.count }
    /// The element type.
    var dtype: DType { headerPointer.pointee.dtype }
    /// The number of in-place writes so far.
    var version: Int { headerPointer.pointee.version }
    /// The buffer's size in 16-byte blocks when it may go back to `StoragePool`, else 0.
    var pooledBlocks: Int { headerPointer.pointee.pooledBlocks }

    /// Records an in-place write: every tensor sharing this buffer sees its version change.
    @inline(__always)
    func bumpVersion() { headerPointer.pointee.version &+= 1 }

    /// The header, read through a pointer: `ManagedBuffer.header` is a class property whose
    /// every access pays a dynamic exclusivity check, and the ops read it constantly.
    @inline(__always)
    fileprivate var headerPointer: UnsafeMutablePointer<StorageHeader> {
        withUnsafeMutablePointerToHeader { $0 }
    }
    /// The first byte of the elements.
    var raw: UnsafeMutableRawPointer {
        withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0) }
    }

    /// The buffer seen as elements of `T`, which must match `dtype`.
    @inline(__always)
    func pointer<T: KernelScalar>(_: T.Type) -> UnsafeMutablePointer<T> {
        raw.assumingMemoryBound(to: T.self)
    }

    /// Element `i` widened to `Double`.
    func element(_ i: Int) -> Double {
        switch dtype {
        case .float32: Double(pointer(Float.self)[i])
        case .float64: pointer(Double.self)[i]
        }
    }

    /// Sets element `i` from a `Double` (rounded to the storage's type).
    func setElement(_ i: Int, _ value: Double) {
        switch dtype {
        case .float32: pointer(Float.self)[i] = Float(value)
        case .float64: pointer(Double.self)[i] = value
        }
    }

    /// A new storage holding the same values.
    func copy() -> Storage {
        let s = Storage.make(count: count, dtype: dtype)
        s.raw.copyMemory(from: raw, byteCount: count * dtype.byteSize)
        return s
    }

    /// A new storage holding these values converted to `target`.
    func converted(to target: DType) -> Storage {
        if target == dtype { return copy() }
        let s = Storage.make(count: count, dtype: target, version: version)
        switch (dtype, target) {
        case (.float32, .float64): Kernels.widen(pointer(Float.self), s.pointer(Double.self), count)
        default: Kernels.narrow(pointer(Double.self), s.pointer(Float.self), count)
        }
        return s
    }
}
