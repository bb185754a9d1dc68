import Synchronization

/// Small freed storages kept for reuse, so that the tensors of a small model (a few hundred
/// bytes each, several per op) are not each a `malloc` and a `free`.
///
/// A storage goes back to the pool when the last tensor over it is freed (`Tensor`'s
/// deinitialiser) and nothing else holds it; `Storage.make` takes one of the right size class
/// before allocating. Five size classes of 16 to 256 bytes, at most 64 buffers each: at most
/// 31 KiB stay with the pool. A reused buffer's elements are stale; like a fresh one, it is
/// handed only to callers that write every element.
enum StoragePool {
    /// The largest request served from the pool, in bytes.
    static let largestBytes = 256
    /// How many buffers each size class keeps.
    static let capacityPerClass = 64
    private static let classCount = 5


    /// The pooled buffers, `capacityPerClass` slots per size class, each buffer retained once
    /// by the pool, and how many slots of each class are filled. Raw memory allocated once and
    /// only touched under the lock, so it may be used from any thread.
    private struct Slots: @unchecked Sendable {
        let buffers = UnsafeMutablePointer<Unmanaged<Storage>>.allocate(capacity: classCount * capacityPerClass)
        let filled: UnsafeMutablePointer<Int> = {
            let p = UnsafeMutablePointer<Int>.allocate(capacity: classCount)
            p.initialize(repeating: 0, count: classCount)
            return p
        }()
    }

    private static let slots = Mutex(Slots())

    /// The size class of a request of `bytes` (at most `largestBytes`): 16 bytes · 2ᶜˡᵃˢˢ.
    @inline(__always)
    static func sizeClass(bytes: Int) -> Int {
        bytes <= 16 ? 0 : Int.bitWidth - (bytes - 1).leadingZeroBitCount - 4
    }

    /// The 16-byte blocks of a buffer of `sizeClass`.
    @inline(__always)
    static func blocks(_ sizeClass: Int) -> Int { 1 << sizeClass }

    /// A pooled buffer of `sizeClass`, or nil when there is none.
    @inline(__always)
    static func take(_ sizeClass: Int) -> Storage? {
        let kept: Unmanaged<Storage>? = slots.withLock { s in
            let n = s.filled[sizeClass]
            guard n > 0 else { return nil }
            s.filled[sizeClass] = n - 1
            return s.buffers[sizeClass * capacityPerClass + n - 1]
        }
        return kept?.takeRetainedValue()
    }

    /// Keeps `storage`, which nothing else holds, for reuse (or lets it go when its class is
    /// full).
    static func give(_ storage: Storage) {
        let sizeClass = storage.pooledBlocks.trailingZeroBitCount
        let kept = Unmanaged.passRetained(storage)
        let stored = slots.withLock { s in
            let n = s.filled[sizeClass]
            guard n < capacityPerClass else { return false }
            s.buffers[sizeClass * capacityPerClass + n] = kept
            s.filled[sizeClass] = n + 1
            return true
        }
        if !stored { kept.release() }
    }
}
