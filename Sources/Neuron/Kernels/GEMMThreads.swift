import Dispatch
import Foundation
import Synchronization

// The second thread of a threaded GEMM. Waking a sleeping thread costs 5–20 µs, as long as a
// whole product of n = 128 on one core, so the helper spins for a while after each product
// (yielding to any thread that shares its core) before it sleeps: back-to-back products (a training step, a benchmark loop) find it awake.
// The parts of a product are claimed one at a time by whichever thread is free, so a helper
// that is late (asleep, or held up by another process) leaves its parts to the caller.

/// How long the helper spins for the next product before it sleeps.
private let spinNanoseconds: UInt64 = 100_000
/// Parts per product at most; a claim packs the product's number and the part into one Int.
private let maxParts = 1024

/// One helper thread shared by every GEMM; a product asked for while another is using it runs
/// on the calling thread alone.
final class GEMMHelper: Sendable {
    /// The helper, started on first use.
    static let shared = GEMMHelper()

    /// The current product: its number, the work for each part, and the count of parts.
    private let current = Mutex<(job: Int, body: (@Sendable (Int) -> Void)?, parts: Int)>((0, nil, 0))
    /// job · maxParts + the next unclaimed part; a claim for another job fails.
    private let claim = Atomic<Int>(0)
    /// Parts of the current product completed.
    private let finished = Atomic<Int>(0)
    /// The number of the latest product posted, watched by the spinning helper.
    private let posted = Atomic<Int>(0)
    /// Whether the helper is (about to be) asleep on `wake`.
    private let sleeping = Atomic<Bool>(false)
    /// Held by the caller of a product for its duration.
    private let inUse = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)

    private init() {
        Thread.detachNewThread { [self] in self.serve() }
    }

    /// Runs `body(0) … body(parts − 1)` on the calling thread and the helper, and returns when
    /// all are done. Parts must write disjoint memory.
    func run(parts: Int, _ body: @escaping @Sendable (Int) -> Void) {
        precondition(parts < maxParts, "GEMMHelper.run: \(parts) parts")
        guard parts > 1, inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            for part in 0..<parts { body(part) }
            return
        }
        let job = current.withLock { state in
            state.job += 1
            state.body = body
            state.parts = parts
            return state.job
        }
        finished.store(0, ordering: .relaxed)
        claim.store(job * maxParts, ordering: .releasing)
        posted.store(job, ordering: .sequentiallyConsistent)
        if sleeping.load(ordering: .sequentiallyConsistent) { wake.signal() }
        work(job: job, parts: parts, body)
        // The helper may be in the middle of its last part; yield the core to it should the two
        // threads share one.
        var spins = 0
        while finished.load(ordering: .acquiring) < parts {
            spins &+= 1
            if spins & 255 == 0 { sched_yield() }
        }
        current.withLock { $0.body = nil }
        inUse.store(false, ordering: .releasing)
    }

    /// Claims and runs parts of product `job` until none is left.
    private func work(job: Int, parts: Int, _ body: (Int) -> Void) {
        var seen = claim.load(ordering: .relaxed)
        while true {
            guard seen / maxParts == job, seen % maxParts < parts else { return }
            let (exchanged, original) = claim.compareExchange(
                expected: seen, desired: seen + 1, ordering: .acquiringAndReleasing)
            if !exchanged {
                seen = original
                continue
            }
            body(seen % maxParts)
            finished.add(1, ordering: .releasing)
            seen += 1
        }
    }

    /// The helper's loop: wait for a product (spinning, then asleep), take its parts, repeat.
    private func serve() {
        var seen = 0
        while true {
            var start = DispatchTime.now().uptimeNanoseconds
            var spins = 0
            while posted.load(ordering: .acquiring) == seen {
                spins &+= 1
                guard spins & 255 == 0 else { continue }
                // Let a thread that shares this core (the caller, on a busy machine) run.
                sched_yield()
                guard DispatchTime.now().uptimeNanoseconds - start > spinNanoseconds else { continue }
                sleeping.store(true, ordering: .sequentiallyConsistent)
                if posted.load(ordering: .sequentiallyConsistent) == seen { wake.wait() }
                sleeping.store(false, ordering: .sequentiallyConsistent)
                start = DispatchTime.now().uptimeNanoseconds
            }
            seen = takePosted()
        }
    }

    /// Runs the helper's share of the posted product and returns its number. A function of
    /// its own, so that the helper lets go of the product's closure when its share is done
    /// (copied out of the loop's scope, it was kept: LeakSanitizer found one closure context
    /// leaked per product).
    private func takePosted() -> Int {
        var job = 0
        var parts = 0
        var body: (@Sendable (Int) -> Void)?
        current.withLock { state in
            job = state.job
            parts = state.parts
            body = state.body
        }
        if let body { work(job: job, parts: parts, body) }
        body = nil
        return job
    }
}
