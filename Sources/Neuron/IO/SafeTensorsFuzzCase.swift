import Foundation

/// One case of the safetensors fuzzer, fixed by a 64-bit seed: the unit of
/// `neuron-fuzz --safetensors N` and of the fixed-seed sweep in the tests.
///
/// The input is a valid file (0–5 tensors of any readable dtype, with names that need escaping,
/// shapes with zeros, metadata, the header's members in any order and padded or not) damaged by
/// 1–4 edits: of its meaning (a size or an offset replaced by a negative, fractional or
/// overflowing number, swapped offsets, another dtype, a duplicated entry, a dropped field, a
/// field nested up to 1000 deep, a non-object entry, a bad `__metadata__`), of the header's
/// bytes (with the length field kept right), or of the file's bytes (the length field
/// included), or of the data's bytes. One case in eight is random bytes instead. ``run(scratchFile:)`` decodes it;
/// the reader must return tensors or throw a ``SafeTensorsError``, never crash.
///
/// ```swift
/// let result = SafeTensorsFuzzCase(seed: 7).run(scratchFile: nil)
/// result.problems   // [] unless the reader misbehaved
/// ```
public struct SafeTensorsFuzzCase: Sendable, CustomStringConvertible {
    /// The seed that fixes the case.
    public let seed: UInt64
    /// The file's bytes.
    public let bytes: [UInt8]
    /// What was done to the valid file, in order (empty for an unedited file).
    public let edits: [String]
    /// For an unedited file, the values each tensor holds.
    let expected: [String: [Double]]?

    /// Draws the case fixed by `seed`.
    ///
    /// - Parameters:
    ///   - seed: Any 64-bit value.
    ///   - edited: False for the valid file itself, a control case that must be read back with
    ///     the values it was made from.
    public init(seed: UInt64, edited: Bool = true) {
        var generator = SafeTensorsFuzzGenerator(rng: RandomGenerator(seed: seed))
        self.seed = seed
        if edited && generator.chance(1.0 / 8) {
            (bytes, edits, expected) = (generator.randomBytes(), ["random bytes"], nil)
            return
        }
        var (entries, data, metadata, values) = generator.validFile()
        var metadataValue: String?
        var done: [String] = []
        let count = edited ? generator.pick([1, 1, 2, 2, 3, 4]) : 0
        // Entries, then the header's bytes, then the file's, then the data's only (often harmless).
        let kinds = (0..<count).map { _ in generator.int(0...3) }.sorted()
        for kind in kinds where kind == 0 {
            done.append(generator.editEntries(&entries, metadataValue: &metadataValue))
        }
        var header = generator.header(entries, metadata: metadata, metadataValue: metadataValue)
        for kind in kinds where kind == 1 { done.append("header: " + generator.editBytes(&header)) }
        var file = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + data
        for kind in kinds where kind == 2 {
            done.append(generator.chance(0.25) ? generator.editLength(&file) : "file: " + generator.editBytes(&file))
        }
        for kind in kinds where kind == 3 && file.count > 8 + header.count {
            let (i, bit) = (generator.int((8 + header.count)...(file.count - 1)), generator.int(0...7))
            file[i] ^= 1 << bit
            done.append("flip bit \(bit) of data byte \(i - 8 - header.count)")
        }
        (bytes, edits, expected) = (file, done, edited ? nil : values)
    }

    /// The case: its seed and edits, then the header as a Swift string literal and the size of the rest.
    public var description: String {
        let length = bytes.count >= 8 ? bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } : 0
        let shown = bytes.dropFirst(8).prefix(Int(min(length, 4096)))
        return "safetensors seed \(seed): \(bytes.count) bytes, length field \(length), edits: "
            + (edits.isEmpty ? "none" : edits.joined(separator: "; ")) + "\n"
            + String(decoding: shown, as: UTF8.self).debugDescription
    }

    /// Decodes the bytes in memory and, when `scratchFile` is given, from that file, and checks
    /// what an accepted file promises: one tensor per name, no more elements than its bytes
    /// hold, the values an unedited file was made from, a re-encoding that reads back bit for
    /// bit; and that the file reader agrees with the in-memory one.
    ///
    /// - Parameter scratchFile: A file the case may overwrite, or nil to stay in memory.
    /// - Returns: Whether the file was accepted, the error if not, and any problem found.
    public func run(scratchFile: URL?) -> SafeTensorsFuzzResult {
        var result = SafeTensorsFuzzResult()
        let memory = Result { () throws(SafeTensorsError) in try SafeTensors.decode(Data(bytes), source: "fuzz") }
        switch memory {
        case .success(let file):
            result.accepted = true
            result.problems += check(file)
        case .failure(let error):
            result.rejection = error
            if error.source != "fuzz" { result.problems.append("the error names \(error.source), not the source") }
            if expected != nil { result.problems.append("the unedited file was rejected: \(error)") }
        }
        guard let url = scratchFile else { return result }
        do {
            try Data(bytes).write(to: url)
        } catch {
            result.problems.append("cannot write the scratch file \(url.path): \(error)")
            return result
        }
        let loaded = Result { () throws(SafeTensorsError) in try SafeTensors.load(from: url) }
        switch (memory, loaded) {
        case (.success(let a), .success(let b)) where Self.sameContents(a, b): break
        case (.failure(let a), .failure(let b)) where a.problem == b.problem && b.source == url.path: break
        default: result.problems.append("decode and load disagree: \(memory) vs \(loaded)")
        }
        return result
    }

    /// The promises of an accepted file, as a list of what is broken.
    private func check(_ file: SafeTensorsFile) -> [String] {
        var problems: [String] = []
        if file.tensors.count != file.names.count || Set(file.names).count != file.names.count {
            problems.append("\(file.names.count) names for \(file.tensors.count) tensors")
        }
        let stored = file.tensors.reduce(0) { $0 + $1.value.count * (file.storedDTypes[$1.key]?.byteSize ?? 0) }
        if stored > bytes.count { problems.append("\(stored) bytes of tensors from a \(bytes.count)-byte file") }
        if let expected {
            for (name, values) in expected {
                let got = file.tensors[name]?.asArray(Double.self) ?? []
                if got.count != values.count
                    || zip(got, values).contains(where: { $0 != $1 && !($0.isNaN && $1.isNaN) })
                {
                    problems.append("tensor \(name.debugDescription) reads \(got), was made from \(values)")
                }
            }
        }
        do {
            let again = try SafeTensors.decode(SafeTensors.encode(file.tensors, metadata: file.metadata))
            if !Self.sameContents(file, again) { problems.append("a re-encoded file reads back differently") }
        } catch {
            problems.append("a re-encoded file is rejected: \(error)")
        }
        return problems
    }

    /// Whether two files hold the same metadata and tensors, bit for bit.
    private static func sameContents(_ a: SafeTensorsFile, _ b: SafeTensorsFile) -> Bool {
        a.metadata == b.metadata && a.tensors.count == b.tensors.count
            && a.tensors.allSatisfy { name, t in
                guard let u = b.tensors[name] else { return false }
                return t.shape == u.shape && t.dtype == u.dtype
                    && t.asArray(Double.self).map(\.bitPattern) == u.asArray(Double.self).map(\.bitPattern)
            }
    }
}

/// What a ``SafeTensorsFuzzCase`` did.
public struct SafeTensorsFuzzResult: Sendable {
    /// Whether the reader accepted the bytes.
    public var accepted = false
    /// The error the reader threw, if it did.
    public var rejection: SafeTensorsError?
    /// What went wrong beyond an ordinary rejection (empty when the reader behaved).
    public var problems: [String] = []
}
