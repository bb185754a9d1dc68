import Foundation

/// A classification data set: a feature matrix, an integer label per row, the names of the
/// features and classes, and (for the bundled sets that have one) the published train/test
/// split.
///
/// ```swift
/// let data = try Dataset.breastCancer()
/// let train = data.subset(data.trainIndices)
/// ```
public struct Dataset {
    /// The features, [rows, features].
    public let features: Tensor
    /// The class of each row, in 0 ..< classNames.count.
    public let labels: [Int]
    /// The name of each feature column.
    public let featureNames: [String]
    /// The name of each class.
    public let classNames: [String]
    /// The published split of each row (`"train"` or `"test"`), when the data has one.
    public let split: [String]?

    /// Creates a data set from parts.
    ///
    /// - Parameters:
    ///   - features: [rows, features].
    ///   - labels: One class index per row.
    ///   - featureNames: One name per column.
    ///   - classNames: One name per class.
    ///   - split: `"train"`/`"test"` per row, or nil.
    /// - Precondition: The counts agree.
    public init(features: Tensor, labels: [Int], featureNames: [String], classNames: [String], split: [String]? = nil) {
        require(
            features.rank == 2 && features.shape[0] == labels.count && features.shape[1] == featureNames.count,
            "Dataset: features \(features.shape) do not match \(labels.count) labels and \(featureNames.count) names")
        require(split == nil || split!.count == labels.count, "Dataset: the split has the wrong number of rows")
        self.features = features
        self.labels = labels
        self.featureNames = featureNames
        self.classNames = classNames
        self.split = split
    }

    /// The number of rows.
    public var count: Int { labels.count }

    /// The rows of the published training split.
    public var trainIndices: [Int] { rows(inSplit: "train") }

    /// The rows of the published test split.
    public var testIndices: [Int] { rows(inSplit: "test") }

    /// The labels as a [rows, 1] column of 0/1 values, the target of a binary classifier.
    ///
    /// - Parameter dtype: The element type.
    public func targetColumn(dtype: DType = .float32) -> Tensor {
        Tensor(labels.map(Double.init), shape: [count, 1], dtype: dtype)
    }

    /// The rows at `indices`, in that order.
    ///
    /// - Parameter indices: Row positions.
    public func subset(_ indices: [Int]) -> Dataset {
        Dataset(
            features: withNoGrad { features.rows(at: indices) }, labels: indices.map { labels[$0] },
            featureNames: featureNames, classNames: classNames, split: split.map { s in indices.map { s[$0] } })
    }

    /// A shuffled split that keeps each class's share in both parts (as scikit-learn's
    /// `train_test_split(..., stratify=y)`, though not with its random stream).
    ///
    /// - Parameters:
    ///   - testFraction: The share of each class that goes to the test part, in (0, 1).
    ///   - seed: Fixes the shuffle.
    /// - Returns: The two parts, each in shuffled order.
    public func stratifiedSplit(testFraction: Double, seed: UInt64) -> (train: Dataset, test: Dataset) {
        require(testFraction > 0 && testFraction < 1, "stratifiedSplit: testFraction must be in (0, 1)")
        var rng = RandomGenerator(seed: seed)
        var train: [Int] = []
        var test: [Int] = []
        for c in Set(labels).sorted() {
            let members = labels.indices.filter { labels[$0] == c }
            let order = rng.permutation(members.count).map { members[$0] }
            let nTest = Int((Double(members.count) * testFraction).rounded())
            test += order.prefix(nTest)
            train += order.dropFirst(nTest)
        }
        let trainOrder = rng.permutation(train.count).map { train[$0] }
        let testOrder = rng.permutation(test.count).map { test[$0] }
        return (subset(trainOrder), subset(testOrder))
    }

    private func rows(inSplit name: String) -> [Int] {
        guard let split else { fatalError("Dataset: this data set has no published split; use stratifiedSplit") }
        return split.indices.filter { split[$0] == name }
    }
}

// MARK: - Loading

extension Dataset {
    /// Loads a CSV file whose columns are numeric features, one integer label column and
    /// optionally a `train`/`test` split column.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - labelColumn: The name of the label column (integers from 0).
    ///   - splitColumn: The name of the split column, or nil.
    ///   - classNames: Names of the classes, or nil for "0", "1", ….
    ///   - dtype: The features' element type.
    /// - Throws: `DataError` naming the file, line and column of malformed input.
    public static func load(
        csv url: URL, labelColumn: String, splitColumn: String? = nil, classNames: [String]? = nil,
        dtype: DType = .float32
    ) throws -> Dataset {
        try Dataset(
            table: CSVTable(contentsOf: url), labelColumn: labelColumn, splitColumn: splitColumn,
            classNames: classNames, dtype: dtype)
    }

    /// Breast Cancer Wisconsin (Diagnostic): 569 rows, 30 features, classes malignant (0) and
    /// benign (1), with scikit-learn's stratified 80/20 split (455 train, 114 test).
    ///
    /// - Parameter dtype: The features' element type.
    /// - Throws: `DataError` if the bundled file is missing or damaged.
    public static func breastCancer(dtype: DType = .float32) throws -> Dataset {
        try bundled("breast_cancer", splitColumn: "split", classNames: ["malignant", "benign"], dtype: dtype)
    }

    /// Fisher's Iris: 150 rows, 4 features, classes setosa, versicolor and virginica, with
    /// scikit-learn's 80/20 split (120 train, 30 test).
    ///
    /// - Parameter dtype: The features' element type.
    /// - Throws: `DataError` if the bundled file is missing or damaged.
    public static func iris(dtype: DType = .float32) throws -> Dataset {
        try bundled("iris", splitColumn: "split", classNames: ["setosa", "versicolor", "virginica"], dtype: dtype)
    }

    /// Handwritten digits: 1797 images of 8 × 8 pixels with values 0–16, classes 0–9. No
    /// published split: the last 360 rows come from writers not among the first 1437.
    ///
    /// - Parameter dtype: The features' element type.
    /// - Throws: `DataError` if the bundled file is missing or damaged.
    public static func digits(dtype: DType = .float32) throws -> Dataset {
        try bundled("digits", splitColumn: nil, classNames: (0..<10).map(String.init), dtype: dtype)
    }

    private static func bundled(_ name: String, splitColumn: String?, classNames: [String], dtype: DType) throws
        -> Dataset
    {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources") else {
            throw DataError.missingResource(name: "\(name).csv")
        }
        return try load(csv: url, labelColumn: "target", splitColumn: splitColumn, classNames: classNames, dtype: dtype)
    }

    private init(table: CSVTable, labelColumn: String, splitColumn: String?, classNames: [String]?, dtype: DType) throws
    {
        let labelIndex = try table.columnIndex(labelColumn)
        let splitIndex = try splitColumn.map { try table.columnIndex($0) }
        let featureIndices = table.header.indices.filter { $0 != labelIndex && $0 != splitIndex }
        let values = try table.numbers(columns: featureIndices + [labelIndex])
        var labels: [Int] = []
        for (r, row) in values.enumerated() {
            guard let label = Int(exactly: row.last!), label >= 0 else {
                throw DataError.notANumber(
                    source: table.source, line: table.lines[r], column: labelIndex + 1, columnName: labelColumn,
                    text: table.rows[r][labelIndex] + " (a class label must be an integer ≥ 0)")
            }
            labels.append(label)
        }
        let classCount = (labels.max() ?? -1) + 1
        self.init(
            features: Tensor(
                values.flatMap { $0.dropLast() }, shape: [values.count, featureIndices.count], dtype: dtype),
            labels: labels, featureNames: featureIndices.map { table.header[$0] },
            classNames: classNames ?? (0..<classCount).map(String.init),
            split: splitIndex.map { i in table.rows.map { $0[i] } })
    }
}
