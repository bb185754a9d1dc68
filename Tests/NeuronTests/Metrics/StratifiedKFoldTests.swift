import Neuron
import Testing

/// How many samples of each label each fold tests: counts[fold][label].
private func classCounts(_ folds: [Int], labels: [Int], k: Int) -> [[Int: Int]] {
    var counts = Array(repeating: [Int: Int](), count: k)
    for (f, y) in zip(folds, labels) { counts[f][y, default: 0] += 1 }
    return counts
}

/// 60 labels of three classes, 30 / 20 / 10, in a scrambled order.
private let threeClasses: [Int] = {
    var rng = RandomGenerator(seed: 7)
    let sorted = Array(repeating: 0, count: 30) + Array(repeating: 1, count: 20) + Array(repeating: 2, count: 10)
    return rng.permutation(sorted.count).map { sorted[$0] }
}()

@Suite("StratifiedKFold")
struct StratifiedKFoldTests {
    @Test("the test folds are disjoint, cover every row, and each training set is the rest", arguments: [false, true])
    func partition(shuffle: Bool) {
        let splits = StratifiedKFold(folds: 4, shuffle: shuffle, seed: 3).splits(labels: threeClasses)
        #expect(splits.count == 4)
        #expect(splits.flatMap(\.test).sorted() == Array(threeClasses.indices))
        for split in splits {
            #expect(Set(split.train).isDisjoint(with: split.test))
            #expect((split.train + split.test).sorted() == Array(threeClasses.indices))
            #expect(split.train == split.train.sorted() && split.test == split.test.sorted())
        }
    }

    @Test("every fold holds each class's share, within one sample, shuffled or not", arguments: [false, true])
    func stratified(shuffle: Bool) {
        let folds = StratifiedKFold(folds: 4, shuffle: shuffle, seed: 11).testFolds(labels: threeClasses)
        let counts = classCounts(folds, labels: threeClasses, k: 4)
        for label in 0..<3 {
            let perFold = counts.map { $0[label, default: 0] }
            #expect(perFold.max()! - perFold.min()! <= 1, "label \(label): \(perFold)")
        }
    }

    @Test("shuffling keeps the per-class fold sizes and changes which samples a fold holds")
    func shuffleKeepsSizes() {
        let plain = StratifiedKFold(folds: 5).testFolds(labels: threeClasses)
        let shuffled = StratifiedKFold(folds: 5, shuffle: true, seed: 1).testFolds(labels: threeClasses)
        #expect(classCounts(plain, labels: threeClasses, k: 5) == classCounts(shuffled, labels: threeClasses, k: 5))
        #expect(plain != shuffled)
    }

    @Test("the same seed gives the same folds; another seed other folds; no shuffle ignores the seed")
    func seeds() {
        let a = StratifiedKFold(folds: 3, shuffle: true, seed: 42).testFolds(labels: threeClasses)
        #expect(a == StratifiedKFold(folds: 3, shuffle: true, seed: 42).testFolds(labels: threeClasses))
        #expect(a != StratifiedKFold(folds: 3, shuffle: true, seed: 43).testFolds(labels: threeClasses))
        #expect(
            StratifiedKFold(folds: 3, seed: 1).testFolds(labels: threeClasses)
                == StratifiedKFold(folds: 3, seed: 2).testFolds(labels: threeClasses))
    }

    @Test("without shuffle each class is dealt to the folds in blocks, in order of appearance")
    func blocks() {
        // Class 1 (six samples) over three folds: two per fold, in order; class 0 likewise.
        let labels = [1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0]
        #expect(StratifiedKFold(folds: 3).testFolds(labels: labels) == [0, 0, 0, 1, 0, 1, 1, 2, 1, 2, 2, 2])
    }
}
