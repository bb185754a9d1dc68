import Foundation
import Neuron
import Testing

@Suite("Dataset.load: labels, splits and paths")
struct DatasetLoadingTests {
    @Test(
        "a label that is negative, not an integer, or not below the number of class names is refused",
        arguments: ["-1", "0.5", "2", "1e12", "1e400", "x", "", "nan", "-0.0001"])
    func badLabelWithClassNames(text: String) throws {
        let message = try expectLoadError("a,target\n1,0\n2,\(text)\n", classNames: ["no", "yes"]) {
            .invalidLabel(source: $0, line: 3, column: 2, columnName: "target", text: text, classCount: 2)
        }
        #expect(message.hasSuffix("is not a class label (an integer in 0 ..< 2, one per class name)"))
    }

    @Test("without class names a label is an integer ≥ 0", arguments: ["-1", "0.5", "x", "1e400"])
    func badLabelWithoutClassNames(text: String) throws {
        try expectLoadError("a,target\n1,0\n2,\(text)\n") {
            .invalidLabel(source: $0, line: 3, column: 2, columnName: "target", text: text, classCount: nil)
        }
    }

    @Test("without class names a huge label is an error, not an allocation of that many names")
    func hugeLabel() throws {
        for text in ["1e12", "9223372036854775807", "1e300"] {
            let message = try expectLoadError("a,target\n1,0\n2,\(text)\n3,1\n") {
                .tooManyClasses(source: $0, line: 3, column: 2, columnName: "target", text: text, rows: 3)
            }
            #expect(message.contains("give the class names"))
        }
        let data = try loadCSV("a,target\n1,0\n2,2\n3,1.0\n")
        #expect(data.labels == [0, 2, 1] && data.classNames == ["0", "1", "2"])
    }

    @Test("a split value other than train or test is refused")
    func badSplit() throws {
        try expectLoadError("a,target,split\n1,0,train\n2,1,Test\n", splitColumn: "split") {
            .invalidSplit(source: $0, line: 3, column: 3, columnName: "split", text: "Test")
        }
        let data = try loadCSV("a,target,split\n1,0,train\n2,1,test\n", splitColumn: "split")
        #expect(data.trainIndices == [0] && data.testIndices == [1] && data.featureNames == ["a"])
    }

    @Test("a missing file, a directory and a path through a file name the path and the reason")
    func unreadablePaths() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neuron-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("file.csv")
        try Data("a,target\n1,0\n".utf8).write(to: file)
        let cases: [(URL, String)] = [
            (directory.appendingPathComponent("missing.csv"), "No such file or directory"),
            (directory, "Is a directory"),
            (file.appendingPathComponent("x.csv"), "Not a directory"),
        ]
        for (url, reason) in cases {
            let error = #expect(throws: DataError.self) { try Dataset.load(csv: url, labelColumn: "target") }
            #expect(error == .unreadable(source: url.path, reason: reason))
            #expect(error?.description == "\(url.path): cannot be read: \(reason)")
            #expect(throws: DataError.unreadable(source: url.path, reason: reason)) { try CSVTable(contentsOf: url) }
        }
    }

    @Test("a file without read permission names the path and the reason", .enabled(if: getuid() != 0))
    func permissionDenied() throws {
        try withTemporaryFile(Array("a,target\n1,0\n".utf8)) { url in
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: url.path)
            #expect(throws: DataError.unreadable(source: url.path, reason: "Permission denied")) {
                try Dataset.load(csv: url, labelColumn: "target")
            }
        }
    }

    @Test("a dataset's labels must be in 0 ..< classNames.count")
    func labelBeyondClassNames() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Dataset(
                    features: Tensor.zeros([2, 1]), labels: [0, 2], featureNames: ["a"], classNames: ["x", "y"])
            }, mentions: ["Dataset", "label 2 of row 1", "0 ..< 2"])
    }
}
