import Foundation
import Neuron
import Testing

@Suite("CSV format: header, rows, quotes, line ends, encodings")
struct CSVFormatTests {
    @Test("errors name the file, line and column")
    func errorsNamePositions() throws {
        #expect(throws: DataError.wrongFieldCount(source: "t.csv", line: 2, expected: 3, found: 2)) {
            try CSVTable(parsing: "a,b,target\n1,2\n", source: "t.csv")
        }
        #expect(throws: DataError.empty(source: "t.csv")) { try CSVTable(parsing: "\n\n", source: "t.csv") }
        try expectLoadError("a,b\n1,2\n") { .missingColumn(source: $0, name: "target") }
        let message = try expectLoadError("a,b,target\n1,2,0\n3,x1,1\n") {
            .notANumber(source: $0, line: 3, column: 2, columnName: "b", text: "x1")
        }
        #expect(message == "t.csv:3:2: \"x1\" in column \"b\" is not a number")
    }

    @Test("an empty file, or one of only a byte-order mark or blank lines, has no header")
    func emptyFile() throws {
        for text in ["", "\u{FEFF}", "\n", " \t\r\n\r\n"] {
            #expect(throws: DataError.empty(source: "t.csv")) { try CSVTable(parsing: text, source: "t.csv") }
        }
        try expectLoadError([]) { .empty(source: $0) }
    }

    @Test(
        "a header with no rows is an error naming the file",
        arguments: ["a,target", "a,target\n", "a,target\r\n\n  \n"])
    func headerOnly(text: String) throws {
        #expect(throws: DataError.noRows(source: "t.csv")) { try CSVTable(parsing: text, source: "t.csv") }
        let message = try expectLoadError(text) { .noRows(source: $0) }
        #expect(message == "t.csv: the header is not followed by any rows")
    }

    @Test("a duplicated column name is an error naming the name and both columns")
    func duplicateColumn() throws {
        let message = try expectLoadError("a,b,a,target\n1,2,3,0\n") {
            .duplicateColumn(source: $0, name: "a", first: 1, second: 3)
        }
        #expect(message == "t.csv:1: the column name \"a\" appears twice, in columns 1 and 3")
        #expect(throws: DataError.duplicateColumn(source: "t.csv", name: "", first: 1, second: 2)) {
            try CSVTable(parsing: ",\n1,2\n", source: "t.csv")
        }
    }

    @Test("LF, CRLF and CR line ends, with or without a final one, give the same table")
    func lineEnds() throws {
        for text in [
            "a,b\n1,2\n3,4\n", "a,b\n1,2\n3,4", "a,b\r\n1,2\r\n3,4\r\n", "a,b\r\n1,2\r\n3,4", "a,b\r1,2\r3,4\r",
        ] {
            let table = try CSVTable(parsing: text)
            #expect(table.header == ["a", "b"] && table.rows == [["1", "2"], ["3", "4"]] && table.lines == [2, 3])
        }
    }

    @Test("blank lines are skipped but counted, so errors keep their line numbers")
    func blankLines() throws {
        let table = try CSVTable(parsing: "a,b\n\n1,2\n \t\n3,4\n\n")
        #expect(table.rows == [["1", "2"], ["3", "4"]] && table.lines == [3, 5])
        #expect(throws: DataError.wrongFieldCount(source: "t.csv", line: 4, expected: 2, found: 1)) {
            try CSVTable(parsing: "a,b\r\n\r\n1,2\r\n3\r\n", source: "t.csv")
        }
    }

    @Test("a UTF-8 byte-order mark does not become part of the first column's name")
    func byteOrderMark() throws {
        #expect(try CSVTable(parsing: "\u{FEFF}target,a\n0,1\n").header == ["target", "a"])
        let data = try loadCSV("\u{FEFF}target,a\n0,1.5\n1,2.5\n")
        #expect(data.featureNames == ["a"] && data.labels == [0, 1])
    }

    @Test("quoted fields may hold separators and doubled quotes")
    func quotedFields() throws {
        let table = try CSVTable(parsing: "name,note,x\r\n\"a, b\",\"say \"\"hi\"\"\",\"\"\r\nc,d\"e,\"1.5\"\r\n")
        #expect(table.rows == [["a, b", "say \"hi\"", ""], ["c", "d\"e", "1.5"]])
        #expect(table.lines == [2, 3])
        #expect(try CSVTable(parsing: "x\n\"1.5\"\n").numbers(columns: [0]) == [[1.5]])
        let data = try loadCSV("\"a,1\",target\n\"2.5\",\"1\"\n3,0\n")
        #expect(data.featureNames == ["a,1"] && data.labels == [1, 0])
        #expect(data.features.asArray(Double.self) == [2.5, 3])
    }

    @Test("a quote not closed on its line, or text after a closing quote, is an error")
    func badQuotes() throws {
        #expect(throws: DataError.unterminatedQuote(source: "t.csv", line: 2)) {
            try CSVTable(parsing: "a,b\n\"1,2\n3\"\n", source: "t.csv")
        }
        #expect(throws: DataError.unterminatedQuote(source: "t.csv", line: 2)) {
            try CSVTable(parsing: "a,b\n1,\"2\"\"", source: "t.csv")
        }
        #expect(throws: DataError.textAfterQuote(source: "t.csv", line: 3, column: 2)) {
            try CSVTable(parsing: "a,b\n1,2\n3,\"4\"5\n", source: "t.csv")
        }
        let message = try expectLoadError("a,target\n\"1\" ,0\n") { .textAfterQuote(source: $0, line: 2, column: 1) }
        #expect(message.hasPrefix("t.csv:2:1: text after the closing quote"))
    }

    @Test("another separator may be given; a quote or line end as separator stops with a message")
    func separators() async throws {
        let table = try CSVTable(parsing: "a;b\n1,5;2\n", separator: ";")
        #expect(table.rows == [["1,5", "2"]])
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = try? CSVTable(parsing: "a\n1\n", separator: "\"")
            }, mentions: ["CSV", "separator", "\""])
    }

    @Test("invalid UTF-8 is a thrown error naming the line and column, not a crash")
    func invalidUTF8() throws {
        let bad: [UInt8] = [0xFF, 0xFE]
        try expectLoadError(Array("a,".utf8) + bad + Array(",target\n1,2,0\n".utf8)) {
            .invalidUTF8(source: $0, line: 1, column: 2)
        }
        try expectLoadError(Array("a,target,split\n1,0,train\n2,1,".utf8) + bad + [0x0A], splitColumn: "split") {
            .invalidUTF8(source: $0, line: 3, column: 3)
        }
        try expectLoadError(Array("a,target\n".utf8) + bad + Array(",1\n".utf8)) {
            .notANumber(source: $0, line: 2, column: 1, columnName: "a", text: "\u{FFFD}\u{FFFD}")
        }
        try withTemporaryFile(Array("a\n".utf8) + bad + [0x0A]) { url in
            #expect(throws: DataError.invalidUTF8(source: url.path, line: 2, column: 1)) {
                try CSVTable(contentsOf: url)
            }
        }
    }

    @Test("very long lines and fields are read, and a long bad field is reported, not a crash")
    func longLines() throws {
        let width = 20_000
        let header = (0..<width).map { "c\($0)" }.joined(separator: ",") + ",target\n"
        let row = (0..<width).map { "\($0 % 97).25" }.joined(separator: ",") + ",1\n"
        let data = try loadCSV(header + row + row, dtype: .float64)
        #expect(data.features.shape == [2, width] && data.features[flat: width + 96] == 96.25)
        let long = String(repeating: "7", count: 1_000_000)
        #expect(try CSVTable(parsing: "a\n\(long)\n").rows[0][0].count == 1_000_000)
        try expectLoadError("a,target\n\(long)x,0\n") {
            .notANumber(source: $0, line: 2, column: 1, columnName: "a", text: long + "x")
        }
    }
}
