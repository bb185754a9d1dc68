/// A problem reading or interpreting a data file, saying where it is: the file, and the line
/// and 1-based column (the field's position in the header), or the column's name.
public enum DataError: Error, CustomStringConvertible, Equatable {
    /// The file could not be read; `reason` is the system's (for example "Is a directory").
    case unreadable(source: String, reason: String)
    /// The file has no header row.
    case empty(source: String)
    /// The file has a header row and no rows after it.
    case noRows(source: String)
    /// Two columns of the header have the same name (1-based positions).
    case duplicateColumn(source: String, name: String, first: Int, second: Int)
    /// A row has a different number of fields than the header.
    case wrongFieldCount(source: String, line: Int, expected: Int, found: Int)
    /// A field that should be a number is not a finite decimal number.
    case notANumber(source: String, line: Int, column: Int, columnName: String, text: String)
    /// A label field is not an integer in 0 ..< `classCount` (nil when no class names were
    /// given: then any integer ≥ 0 is a label).
    case invalidLabel(source: String, line: Int, column: Int, columnName: String, text: String, classCount: Int?)
    /// Without class names, a label is not below the number of rows (the most classes such a
    /// file may have, so that no label's value decides how much memory is allocated).
    case tooManyClasses(source: String, line: Int, column: Int, columnName: String, text: String, rows: Int)
    /// A split field is neither `train` nor `test`.
    case invalidSplit(source: String, line: Int, column: Int, columnName: String, text: String)
    /// A quoted field is not closed on its line.
    case unterminatedQuote(source: String, line: Int)
    /// A quoted field's closing quote is followed by something other than a separator or
    /// the end of the line.
    case textAfterQuote(source: String, line: Int, column: Int)
    /// A field of text is not valid UTF-8.
    case invalidUTF8(source: String, line: Int, column: Int)
    /// A column the caller asked for is not in the header.
    case missingColumn(source: String, name: String)
    /// A bundled data file is missing from the library's resources.
    case missingResource(name: String)

    /// A sentence naming the file, the line and column, or the field, that is wrong.
    public var description: String {
        switch self {
        case .unreadable(let source, let reason): "\(source): cannot be read: \(reason)"
        case .empty(let source): "\(source): the file is empty (a header row is required)"
        case .noRows(let source): "\(source): the header is not followed by any rows"
        case .duplicateColumn(let source, let name, let first, let second):
            "\(source):1: the column name \"\(name)\" appears twice, in columns \(first) and \(second)"
        case .wrongFieldCount(let source, let line, let expected, let found):
            "\(source):\(line): expected \(expected) fields, as in the header, found \(found)"
        case .notANumber(let source, let line, let column, let name, let text):
            "\(source):\(line):\(column): " + Self.numberProblem(text, column: name)
        case .invalidLabel(let source, let line, let column, let name, let text, let classCount):
            "\(source):\(line):\(column): \"\(text)\" in column \"\(name)\" is not a class label ("
                + (classCount.map { "an integer in 0 ..< \($0), one per class name" } ?? "an integer ≥ 0") + ")"
        case .tooManyClasses(let source, let line, let column, let name, let text, let rows):
            "\(source):\(line):\(column): label \"\(text)\" in column \"\(name)\" is not below \(rows), the number of "
                + "rows and the most classes a file may have without class names; give the class names"
        case .invalidSplit(let source, let line, let column, let name, let text):
            "\(source):\(line):\(column): \"\(text)\" in column \"\(name)\" is neither \"train\" nor \"test\""
        case .unterminatedQuote(let source, let line):
            "\(source):\(line): a quoted field is not closed on its line"
        case .textAfterQuote(let source, let line, let column):
            "\(source):\(line):\(column): text after the closing quote of a field (write a quote inside one as \"\")"
        case .invalidUTF8(let source, let line, let column): "\(source):\(line):\(column): the field is not valid UTF-8"
        case .missingColumn(let source, let name): "\(source): no column named \"\(name)\" in the header"
        case .missingResource(let name): "the bundled data file \(name) is missing from Neuron's resources"
        }
    }

    /// What is wrong with a field that is not a number, in a sentence.
    private static func numberProblem(_ text: String, column name: String) -> String {
        if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
            return "empty field in column \"\(name)\" (missing values are not supported)"
        }
        var copy = text
        if case .outOfRange = copy.withUTF8(DecimalNumber.parse) {
            return "\"\(text)\" in column \"\(name)\" is out of the range of Double (±1.8e308)"
        }
        return "\"\(text)\" in column \"\(name)\" is not a number"
    }
}
