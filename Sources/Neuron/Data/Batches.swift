/// Index batches for one epoch of mini-batch training: `0 ..< count` shuffled by `generator`,
/// cut into batches of `batchSize` (the last may be smaller).
///
/// - Parameters:
///   - count: The number of rows.
///   - batchSize: Rows per batch.
///   - generator: The source of the shuffle, advanced by it.
/// - Returns: The batches, to use with `rows(at:)`.
/// - Precondition: `count` ≥ 0 and `batchSize` > 0.
public func shuffledBatches(count: Int, batchSize: Int, generator: inout RandomGenerator) -> [[Int]] {
    require(count >= 0, "shuffledBatches: count must be ≥ 0, given \(count)")
    require(batchSize > 0, "shuffledBatches: batchSize must be positive, given \(batchSize)")
    let order = generator.permutation(count)
    return stride(from: 0, to: count, by: batchSize).map { Array(order[$0..<Swift.min($0 + batchSize, count)]) }
}
