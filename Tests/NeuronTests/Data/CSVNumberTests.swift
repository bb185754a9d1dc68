import Foundation
import Neuron
import Testing

@Suite("CSV numbers: plain decimals only, correctly rounded")
struct CSVNumberTests {
    /// The value of a one-field row under the header `x`.
    private func number(_ field: String) throws -> Double {
        try CSVTable(parsing: "x,y\n\(field),0\n", source: "t.csv").numbers(columns: [0])[0][0]
    }

    @Test(
        "anything but a finite plain decimal is refused with file, line and column",
        arguments: [
            "nan", "NaN", "-nan", "inf", "-inf", "+Inf", "Infinity", "infinity", "0x1p3", "0x10", "0X1A", "1e400",
            "-1e400", "1.8e308", "1e", "1e+", "e5", ".", "+", "-", "--1", "+-1", "1.2.3", "1 2", "1_000", "1,5",
            "١", "½", "1d3", "1e5.5", "0b101", "1.0f", "",
        ])
    func refused(text: String) throws {
        let field = text.contains(",") ? "\"\(text)\"" : text
        #expect(throws: DataError.notANumber(source: "t.csv", line: 2, column: 1, columnName: "x", text: text)) {
            try number(field)
        }
        try expectLoadError("x,target\n\(field),0\n") {
            .notANumber(source: $0, line: 2, column: 1, columnName: "x", text: text)
        }
    }

    @Test("the message says why: not a number, out of range, or empty")
    func messages() {
        func message(_ text: String) -> String {
            DataError.notANumber(source: "t.csv", line: 4, column: 2, columnName: "x", text: text).description
        }
        #expect(message("nan") == "t.csv:4:2: \"nan\" in column \"x\" is not a number")
        #expect(message("1e400") == "t.csv:4:2: \"1e400\" in column \"x\" is out of the range of Double (±1.8e308)")
        #expect(message(" ") == "t.csv:4:2: empty field in column \"x\" (missing values are not supported)")
    }

    @Test(
        "plain decimals in every form are read as Double(String) reads them",
        arguments: [
            "0", "-0", "+3", "42", "007", "3.", ".5", "-.5", "1.25", "1e3", "1E-3", "2.5e+10", " 4 ", "\t5\t",
            "0e999", "0.0e-999", "1e-400", "4.9e-324", "2.4e-324", "1.7976931348623157e308", "123456789012345678901234",
            "0.000000000000000000000000000012345", "9007199254740993", "1e22", "1e23", "8.589973e9",
        ])
    func accepted(text: String) throws {
        let expected = Double(text.trimmingCharacters(in: .whitespaces))!
        let value = try number(text)
        #expect(value == expected && value.sign == expected.sign, "\(text): \(value) vs \(expected)")
    }

    @Test("random decimals of 1 to 25 digits and exponents over Double's range round exactly as Double(String)")
    func randomRounding() throws {
        var rng = RandomGenerator(seed: 2026)
        var texts: [String] = []
        for _ in 0..<30_000 {
            let digitCount = 1 + Int(rng.next() % 25)
            var digits = String((0..<digitCount).map { _ in Character(String(rng.next() % 10)) })
            let point = Int(rng.next() % UInt64(digitCount + 1))
            digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point))
            let sign = ["", "-", "+"][Int(rng.next() % 3)]
            let exponent = rng.next() % 2 == 0 ? "" : "e\(Int(rng.next() % 661) - 330)"
            texts.append(sign + digits + exponent)
        }
        for _ in 0..<30_000 {
            // Shortest round-trip forms and fixed precisions of random Doubles of any magnitude.
            let v = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) * (rng.next() % 2 == 0 ? 1 : -1)
            let u = (rng.nextUniform() - 0.5) * pow(10, Double(Int(rng.next() % 13) - 6))
            texts += [v.description, u.description, String(format: "%.6g", u), String(format: "%.17g", u)]
        }
        texts = texts.filter { Double($0)?.isFinite == true }
        let table = try CSVTable(parsing: "x\n" + texts.joined(separator: "\n") + "\n")
        let values = try table.numbers(columns: [0]).map { $0[0] }
        let mismatches = zip(texts, values).filter { Double($0)! != $1 }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
        #expect(values.count == texts.count)
    }

    @Test("Dataset.load keeps the exact float64 value of each field")
    func loadExactValues() throws {
        let data = try loadCSV("a,b,target\n0.1,-2.5e-3,0\n123456.789,1e22,1\n", dtype: .float64)
        #expect(data.features.asArray(Double.self) == [0.1, -2.5e-3, 123456.789, 1e22])
    }
}
