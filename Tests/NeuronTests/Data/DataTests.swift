import Foundation
import Neuron
import Testing

@Suite("Data: bundled sets, CSV, scaling, splitting")
struct DataTests {
    @Test("breast cancer loads with its published split")
    func breastCancer() throws {
        let data = try Dataset.breastCancer()
        #expect(data.features.shape == [569, 30])
        #expect(data.labels.filter { $0 == 0 }.count == 212)
        #expect(data.featureNames.first == "mean_radius" && data.featureNames.last == "worst_fractal_dimension")
        #expect(data.classNames == ["malignant", "benign"])
        #expect(data.trainIndices.count == 455 && data.testIndices.count == 114)
        #expect(data.subset(data.testIndices).labels.filter { $0 == 0 }.count == 42)
        // First row of the file: 17.99, 10.38, …; float64 keeps scikit-learn's exact values.
        let exact = try Dataset.breastCancer(dtype: .float64)
        #expect(exact.features[flat: 0] == 17.99 && exact.features[flat: 1] == 10.38)
    }

    @Test("iris and digits load with their shapes and class counts")
    func irisAndDigits() throws {
        let iris = try Dataset.iris()
        #expect(iris.features.shape == [150, 4])
        #expect(iris.trainIndices.count == 120 && iris.testIndices.count == 30)
        let digits = try Dataset.digits()
        #expect(digits.features.shape == [1797, 64])
        #expect(digits.split == nil)
        #expect(digits.labels.filter { $0 == 0 }.count == 178)
        #expect(digits.features.asArray(Double.self).max() == 16)
    }

    @Test("CSV errors name the file, line and column")
    func csvErrors() {
        #expect(throws: DataError.notANumber(source: "t.csv", line: 3, column: 2, columnName: "b", text: "x1")) {
            try Dataset(parsingCSV: "a,b,target\n1,2,0\n3,x1,1\n", source: "t.csv")
        }
        #expect(throws: DataError.wrongFieldCount(source: "t.csv", line: 2, expected: 3, found: 2)) {
            try CSVTable(parsing: "a,b,target\n1,2\n", source: "t.csv")
        }
        #expect(throws: DataError.missingColumn(source: "t.csv", name: "target")) {
            try Dataset(parsingCSV: "a,b\n1,2\n", source: "t.csv")
        }
        #expect(throws: DataError.empty(source: "t.csv")) { try CSVTable(parsing: "\n\n", source: "t.csv") }
        let message = DataError.notANumber(source: "t.csv", line: 3, column: 2, columnName: "b", text: "x1").description
        #expect(message == "t.csv:3:2: \"x1\" in column \"b\" is not a number")
    }

    @Test("a missing file is a thrown error, not a crash")
    func missingFile() {
        #expect(throws: DataError.self) {
            try Dataset.load(csv: URL(fileURLWithPath: "/nonexistent/data.csv"), labelColumn: "target")
        }
    }

    @Test("quoted fields may hold separators and doubled quotes; CRLF line ends are accepted")
    func csvQuotes() throws {
        let table = try CSVTable(parsing: "name,note\r\n\"a, b\",\"say \"\"hi\"\"\"\r\nc,d\r\n")
        #expect(table.rows == [["a, b", "say \"hi\""], ["c", "d"]])
        #expect(table.lines == [2, 3])
    }

    @Test("the standard scaler gives zero mean and unit population variance on the fitted data")
    func scaler() throws {
        let x = Tensor([1, 10, 2, 10, 3, 10, 6, 10] as [Double], shape: [4, 2], dtype: .float64)
        let z = StandardScaler(fitting: x).transform(x)
        // Column 0: mean 3, population std √3.5; column 1 is constant, so σ = 1.
        let s = 3.5.squareRoot()
        expectClose(z, [-2 / s, 0, -1 / s, 0, 0, 0, 3 / s, 0], rtol: 1e-14)
    }

    @Test("a stratified split keeps class shares and covers every row once")
    func stratifiedSplit() throws {
        let data = try Dataset.digits()
        let (train, test) = data.stratifiedSplit(testFraction: 0.2, seed: 42)
        #expect(train.count + test.count == data.count)
        for c in 0..<10 {
            let total = data.labels.filter { $0 == c }.count
            #expect(test.labels.filter { $0 == c }.count == Int((Double(total) * 0.2).rounded()))
        }
        let again = data.stratifiedSplit(testFraction: 0.2, seed: 42).test
        #expect(again.labels == test.labels)
    }

    @Test("shuffled batches cover every row once, in batches of the given size")
    func batches() {
        var rng = RandomGenerator(seed: 1)
        let batches = shuffledBatches(count: 10, batchSize: 4, generator: &rng)
        #expect(batches.map(\.count) == [4, 4, 2])
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<10))
    }
}

extension Dataset {
    /// Parses CSV text with a `target` label column, for tests.
    init(parsingCSV text: String, source: String) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("neuron-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            self = try Dataset.load(csv: url, labelColumn: "target")
        } catch let error as DataError {
            throw error.renamingSource(url.path, to: source)
        }
    }
}

extension DataError {
    /// The same error with the file name replaced, so tests can compare against a fixed name.
    func renamingSource(_ old: String, to new: String) -> DataError {
        switch self {
        case .notANumber(_, let l, let c, let n, let t):
            .notANumber(source: new, line: l, column: c, columnName: n, text: t)
        case .missingColumn(_, let n): .missingColumn(source: new, name: n)
        case .wrongFieldCount(_, let l, let e, let f): .wrongFieldCount(source: new, line: l, expected: e, found: f)
        default: self
        }
    }
}
