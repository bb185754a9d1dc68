import Foundation

/// Small freed storages kept for reuse, so that the tensors of a small model (a few hundred
/// bytes each, several per op) are not each a `malloc` and a `free`.
///
/// A storage goes back to the pool when the last tensor over it is freed (`Tensor`'s
/// deinitialiser) and nothing else holds it; `Storage.make` takes one of the right size class
/// before allocating. Each thread has its own pool (no lock, no atomic operation on the hot
/// path): five size classes of 16 to 256 bytes, at most 64 buffers each, so at most 80 KiB per
/// thread, freed when the thread ends. A buffer freed on another thread than the one that made
/// it simply joins that thread's pool. A reused buffer's elements are stale; like a fresh one,
/// it is handed only to callers that write every element.
enum StoragePool {
    /// The largest request served from the pool, in bytes.
    static let largestBytes = 256
    /// How many buffers each size class keeps.
    static let capacityPerClass = 64
    private static let classCount = 5

    /// One thread's pooled buffers: `capacityPerClass` slots per size class, each buffer
    /// retained once by the pool, and how many slots of each class are filled.
    private struct Cache {
        var buffers: UnsafeMutablePointer<Unmanaged<Storage>>
        var filled: (Int, Int, Int, Int, Int)
    }

    /// The thread-specific slot holding each thread's `Cache`; its destructor releases the
    /// buffers when the thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { raw in
            guard let cache = raw?.assumingMemoryBound(to: Cache.self) else { return }
            StoragePool.empty(cache)
        }
        precondition(created == 0, "StoragePool: no thread-specific key (pthread_key_create: \(created))")
        return key
    }()

    /// This thread's cache, created on first use.
    @inline(__always)
    private static var cache: UnsafeMutablePointer<Cache> {
        if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: Cache.self) }
        return makeCache()
    }

    private static func makeCache() -> UnsafeMutablePointer<Cache> {
        let cache = UnsafeMutablePointer<Cache>.allocate(capacity: 1)
        cache.initialize(
            to: Cache(
                buffers: .allocate(capacity: classCount * capacityPerClass), filled: (0, 0, 0, 0, 0)))
        pthread_setspecific(key, cache)
        return cache
    }

    private static func empty(_ cache: UnsafeMutablePointer<Cache>) {
        for sizeClass in 0..<classCount {
            for slot in 0..<count(cache, sizeClass) {
                cache.pointee.buffers[sizeClass * capacityPerClass + slot].release()
            }
        }
        cache.pointee.buffers.deallocate()
        cache.deallocate()
    }

    @inline(__always)
    private static func count(_ cache: UnsafeMutablePointer<Cache>, _ sizeClass: Int) -> Int {
        withUnsafeBytes(of: &cache.pointee.filled) { $0.load(fromByteOffset: sizeClass * 8, as: Int.self) }
    }

    @inline(__always)
    private static func setCount(_ cache: UnsafeMutablePointer<Cache>, _ sizeClass: Int, _ n: Int) {
        withUnsafeMutableBytes(of: &cache.pointee.filled) { $0.storeBytes(of: n, toByteOffset: sizeClass * 8, as: Int.self) }
    }

    /// The size class of a request of `bytes` (at most `largestBytes`): 16 bytes · 2ᶜˡᵃˢˢ.
    @inline(__always)
    static func sizeClass(bytes: Int) -> Int {
        bytes <= 16 ? 0 : Int.bitWidth - (bytes - 1).leadingZeroBitCount - 4
    }

    /// The 16-byte blocks of a buffer of `sizeClass`.
    @inline(__always)
    static func blocks(_ sizeClass: Int) -> Int { 1 << sizeClass }

    /// A pooled buffer of `sizeClass` from this thread's pool, or nil when there is none.
    @inline(__always)
    static func take(_ sizeClass: Int) -> Storage? {
        let cache = self.cache
        let n = count(cache, sizeClass)
        guard n > 0 else { return nil }
        setCount(cache, sizeClass, n - 1)
        return cache.pointee.buffers[sizeClass * capacityPerClass + n - 1].takeRetainedValue()
    }

    /// Keeps `storage`, which nothing else holds, in this thread's pool for reuse (or lets it
    /// go when its class is full).
    static func give(_ storage: Storage) {
        let sizeClass = storage.pooledBlocks.trailingZeroBitCount
        let cache = self.cache
        let n = count(cache, sizeClass)
        guard n < capacityPerClass else { return }
        cache.pointee.buffers[sizeClass * capacityPerClass + n] = Unmanaged.passRetained(storage)
        setCount(cache, sizeClass, n + 1)
    }
}
