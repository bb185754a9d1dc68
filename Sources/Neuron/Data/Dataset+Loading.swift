import Foundation

extension Dataset {
    /// Loads a CSV file whose columns are numeric features, one integer label column and
    /// optionally a `train`/`test` split column (the format is described at ``CSVTable``).
    ///
    /// Features are plain decimal numbers (see ``CSVTable/numbers(columns:)``); an empty field,
    /// `nan`, `inf`, hexadecimal or a value beyond Double's range is an error. A label is an
    /// integer written in the same syntax (`2`, `2.0`), at least 0 and below
    /// `classNames.count`; without class names the classes are "0" … the largest label, which
    /// must be below the number of rows. The file is read once, its numbers parsed in place.
    ///
    /// - Parameters:
    ///   - url: The file, UTF-8.
    ///   - labelColumn: The name of the label column.
    ///   - splitColumn: The name of the split column, or nil.
    ///   - classNames: Names of the classes, or nil for "0", "1", ….
    ///   - dtype: The features' element type.
    /// - Throws: `DataError` naming the file, line and column of malformed input, or the path
    ///   and the system's reason when the file cannot be read.
    public static func load(
        csv url: URL, labelColumn: String, splitColumn: String? = nil, classNames: [String]? = nil,
        dtype: DType = .float32
    ) throws -> Dataset {
        let bytes = try CSVReader.contents(of: url)
        return try bytes.withUnsafeBufferPointer { buffer in
            var reader = try CSVReader(bytes: buffer, source: url.path, separator: ",")
            return try Dataset(
                reading: &reader, labelColumn: labelColumn, splitColumn: splitColumn, classNames: classNames,
                dtype: dtype)
        }
    }

    /// Loads a CSV file for regression: numeric features and one numeric target column
    /// (optionally a `train`/`test` split column), in the syntax of
    /// ``load(csv:labelColumn:splitColumn:classNames:dtype:)``; the target is any finite number.
    ///
    /// ```swift
    /// let data = try Dataset.load(csv: URL(fileURLWithPath: "prices.csv"), target: "price")
    /// let y = data.targetColumn()   // [rows, 1]
    /// ```
    ///
    /// - Parameters:
    ///   - url: The file, UTF-8.
    ///   - target: The name of the target column.
    ///   - splitColumn: The name of the split column, or nil.
    ///   - dtype: The features' element type.
    /// - Throws: `DataError` naming the file, line and column of malformed input, or the path
    ///   and the system's reason when the file cannot be read.
    public static func load(csv url: URL, target: String, splitColumn: String? = nil, dtype: DType = .float32)
        throws -> Dataset
    {
        let bytes = try CSVReader.contents(of: url)
        return try bytes.withUnsafeBufferPointer { buffer in
            var reader = try CSVReader(bytes: buffer, source: url.path, separator: ",")
            let table = try TargetTable(reading: &reader, targetColumn: target, splitColumn: splitColumn, label: nil)
            return Dataset(
                features: Tensor(table.values, shape: [table.targets.count, table.featureNames.count], dtype: dtype),
                targets: table.targets, featureNames: table.featureNames, targetName: target, split: table.split)
        }
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

    /// Reads every row of `reader`: features into one flat buffer, labels checked as they come.
    private init(
        reading reader: inout CSVReader, labelColumn: String, splitColumn: String?, classNames: [String]?,
        dtype: DType
    ) throws {
        var largest: (label: Double, line: Int, text: String) = (-1, 0, "")
        let table = try TargetTable(reading: &reader, targetColumn: labelColumn, splitColumn: splitColumn) {
            reader, column in
            let label = try Self.label(in: reader, at: column, classCount: classNames?.count)
            if label > largest.label { largest = (label, reader.line, reader.text(at: column)) }
            return label
        }
        let labels = table.targets
        // Now every label is an integer below `classNames.count` or the number of rows.
        if classNames == nil && largest.label >= Double(labels.count) {
            throw DataError.tooManyClasses(
                source: reader.source, line: largest.line, column: table.targetIndex + 1, columnName: labelColumn,
                text: largest.text, rows: labels.count)
        }
        self.init(
            features: Tensor(table.values, shape: [labels.count, table.featureNames.count], dtype: dtype),
            labels: labels.map { Int($0) }, featureNames: table.featureNames,
            classNames: classNames ?? (0...Int(largest.label)).map(String.init), split: table.split)
    }

    /// The current row's label: an integer ≥ 0, below `classCount` when it is given.
    private static func label(in reader: CSVReader, at column: Int, classCount: Int?) throws -> Double {
        let limit = classCount.map(Double.init) ?? .infinity
        if case .value(let v) = reader.parsedNumber(at: column), v >= 0, v < limit, v.rounded(.towardZero) == v {
            return v
        }
        throw DataError.invalidLabel(
            source: reader.source, line: reader.line, column: column + 1, columnName: reader.header[column],
            text: reader.text(at: column), classCount: classCount)
    }
}

/// The columns of a CSV file read for a data set: features, one target, an optional split.
private struct TargetTable {
    var values: [Double] = []
    var targets: [Double] = []
    var split: [String]?
    var featureNames: [String]
    var targetIndex: Int

    /// Reads every row; `label` parses the target (a class label), or nil for any number.
    init(
        reading reader: inout CSVReader, targetColumn: String, splitColumn: String?,
        label: ((CSVReader, Int) throws -> Double)?
    ) throws {
        let header = reader.header
        func index(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else {
                throw DataError.missingColumn(source: reader.source, name: name)
            }
            return i
        }
        let targetIndex = try index(targetColumn)
        self.targetIndex = targetIndex
        let splitIndex = try splitColumn.map(index)
        let featureIndices = header.indices.filter { $0 != targetIndex && $0 != splitIndex }
        featureNames = featureIndices.map { header[$0] }
        let rowsEstimate = reader.remainingRowsEstimate
        values.reserveCapacity(rowsEstimate * featureIndices.count)
        targets.reserveCapacity(rowsEstimate)
        var parts: [String] = []
        while try reader.nextRow() {
            for c in featureIndices { values.append(try reader.number(at: c)) }
            targets.append(try label.map { try $0(reader, targetIndex) } ?? reader.number(at: targetIndex))
            if let splitIndex {
                let part = try reader.string(at: splitIndex)
                guard part == "train" || part == "test" else {
                    throw DataError.invalidSplit(
                        source: reader.source, line: reader.line, column: splitIndex + 1,
                        columnName: header[splitIndex], text: part)
                }
                parts.append(part)
            }
        }
        split = splitIndex == nil ? nil : parts
    }
}
