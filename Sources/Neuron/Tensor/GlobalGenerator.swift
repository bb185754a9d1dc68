import Synchronization

/// The process-wide generator behind initialisers that are not handed one (`Linear(30, 1)`).
/// It starts from a fixed seed, so a program is reproducible unless it reseeds.
private let globalGenerator = Mutex(RandomGenerator(seed: 0x5EED_0F_4E55))

/// Reseeds the process-wide generator that layers use for their default initialisation (as
/// `torch.manual_seed`).
///
/// - Parameter seed: Any 64-bit value; the same seed gives the same models on every machine.
public func manualSeed(_ seed: UInt64) {
    globalGenerator.withLock { $0 = RandomGenerator(seed: seed) }
}

extension RandomGenerator {
    /// Runs `body` with exclusive use of the process-wide generator.
    ///
    /// - Parameter body: Work that draws from the generator.
    /// - Returns: What `body` returns.
    public static func withGlobal<R>(_ body: (inout RandomGenerator) -> R) -> R {
        globalGenerator.withLock { body(&$0) }
    }
}
