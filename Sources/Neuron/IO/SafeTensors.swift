import Foundation

/// Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON
/// header naming each tensor's dtype, shape and byte range, then the tensors' bytes.
///
/// Files move both ways with PyTorch (`safetensors.torch.save_file`/`load_file`). Neuron writes
/// `F32` and `F64`; it reads the types in ``SafeTensorsDType``'s table. The reader checks the
/// rules listed at `SafeTensorsHeader` before it allocates anything from a size the file
/// states, and throws a ``SafeTensorsError`` naming the file and the problem.
///
/// ```swift
/// let w = Tensor([1, 2, 3, 4] as [Double], shape: [2, 2])
/// let bytes = SafeTensors.encode(["w": w], metadata: ["note": "x"])
/// let file = try SafeTensors.decode(bytes)
/// file.tensors["w"]!.shape   // [2, 2]
/// file.metadata["note"]      // "x"
/// ```
public enum SafeTensors {
    /// The bytes of a safetensors file holding `tensors` and `metadata`, laid out as the
    /// reference writer lays them out: tensors in order of decreasing dtype (`F64` before
    /// `F32`), then of name (by UTF-8 bytes); a compact JSON header with `__metadata__` first
    /// (its keys sorted; omitted when empty), padded with spaces to a multiple of 8 bytes.
    ///
    /// - Parameters:
    ///   - tensors: The tensors by name; each is written in its own dtype.
    ///   - metadata: Free-form strings stored in `__metadata__`.
    /// - Returns: The file's bytes.
    /// - Precondition: No tensor is named `__metadata__`.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> Data {
        require(
            tensors["__metadata__"] == nil,
            "SafeTensors.encode: \"__metadata__\" is reserved for the metadata and cannot name a tensor")
        let order = tensors.sorted { a, b in
            a.value.dtype != b.value.dtype
                ? a.value.dtype == .float64 : a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
        }
        var json = "{"
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            json +=
                "\"__metadata__\":{"
                + pairs.map { "\(jsonString($0.key)):\(jsonString($0.value))" }.joined(separator: ",") + "}"
        }
        var offset = 0
        for (i, (name, tensor)) in order.enumerated() {
            let size = tensor.count * tensor.dtype.byteSize
            json +=
                (i > 0 || !metadata.isEmpty ? "," : "") + jsonString(name) + ":{\"dtype\":\""
                + SafeTensorsDType(tensor.dtype).rawValue + "\",\"shape\":["
                + tensor.shape.map(String.init).joined(separator: ",")
                + "],\"data_offsets\":[\(offset),\(offset + size)]}"
            offset += size
        }
        json += "}"
        var header = Array(json.utf8)
        header += repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        var out = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: header)
        for (_, tensor) in order { out.append(contentsOf: littleEndianBytes(tensor)) }
        return out
    }

    /// Reads a safetensors file from memory.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - source: A name for the bytes in error messages.
    /// - Returns: The tensors, each in the dtype of ``SafeTensorsDType/neuronDType``, and the metadata.
    /// - Throws: ``SafeTensorsError`` naming `source` and the first problem found.
    public static func decode(_ data: Data, source: String = "safetensors buffer") throws(SafeTensorsError)
        -> SafeTensorsFile
    {
        let result = data.withUnsafeBytes { raw -> Result<SafeTensorsFile, SafeTensorsError.Problem> in
            do throws(SafeTensorsError.Problem) {
                let header = try SafeTensorsHeader(of: raw)
                var tensors: [String: Tensor] = [:]
                var dtypes: [String: SafeTensorsDType] = [:]
                for entry in header.entries {
                    let bytes = UnsafeRawBufferPointer(
                        rebasing: raw[
                            (header.dataStart + entry.range.lowerBound)..<(header.dataStart + entry.range.upperBound)])
                    tensors[entry.name] = try entry.dtype.tensor(from: bytes, shape: entry.shape, name: entry.name)
                    dtypes[entry.name] = entry.dtype
                }
                return .success(
                    SafeTensorsFile(
                        tensors: tensors, metadata: header.metadata, storedDTypes: dtypes,
                        names: header.entries.map(\.name)))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let file): return file
        case .failure(let problem): throw SafeTensorsError(source: source, problem: problem)
        }
    }

    /// Writes `tensors` and `metadata` to a file (see ``encode(_:metadata:)``), atomically: the
    /// file is replaced only once the new one is complete.
    ///
    /// - Parameters:
    ///   - tensors: The tensors by name.
    ///   - metadata: Free-form strings stored in `__metadata__`.
    ///   - url: The file to write.
    /// - Throws: ``SafeTensorsError`` with ``SafeTensorsError/Problem/unwritable(reason:)``.
    public static func save(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL)
        throws(SafeTensorsError)
    {
        do {
            try encode(tensors, metadata: metadata).write(to: url, options: .atomic)
        } catch {
            throw SafeTensorsError(source: url.path, problem: .unwritable(reason: Self.reason(error)))
        }
    }

    /// Reads a safetensors file (see ``decode(_:source:)``).
    ///
    /// - Parameter url: A regular file.
    /// - Returns: The tensors and the metadata.
    /// - Throws: ``SafeTensorsError`` naming the file: it cannot be read (missing, a directory,
    ///   not a regular file), or it breaks one of the format's rules.
    public static func load(from url: URL) throws(SafeTensorsError) -> SafeTensorsFile {
        try decode(readRegularFile(url), source: url.path)
    }

    /// The bytes of a regular file; a directory, a device or a pipe is refused before reading.
    static func readRegularFile(_ url: URL) throws(SafeTensorsError) -> Data {
        func fail(_ reason: String) -> SafeTensorsError {
            SafeTensorsError(source: url.path, problem: .unreadable(reason: reason))
        }
        let path = url.resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw fail(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        switch attributes[.type] as? FileAttributeType {
        case .typeRegular?: break
        case .typeDirectory?: throw fail("it is a directory")
        default: throw fail("not a regular file")
        }
        do {
            return Data(try readFileBytes(atPath: path))
        } catch {
            throw fail(error.reason)
        }
    }

    /// A system error's message, without Foundation's class name.
    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }

    /// `text` as a JSON string, escaped as serde_json escapes it: `"` and `\`, the control
    /// characters (as `\n`, `\t`, … or `\u00XX`); other characters, non-ASCII included, as they are.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A tensor's values as little-endian bytes of its own dtype.
    private static func littleEndianBytes(_ tensor: Tensor) -> [UInt8] {
        let size = tensor.dtype.byteSize
        let count = tensor.count
        return [UInt8](unsafeUninitializedCapacity: count * size) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            switch tensor.dtype {
            case .float32:
                for (i, x) in tensor.asArray(Float.self).enumerated() {
                    raw.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: i * 4, as: UInt32.self)
                }
            case .float64:
                for (i, x) in tensor.asArray(Double.self).enumerated() {
                    raw.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: i * 8, as: UInt64.self)
                }
            }
            initialized = count * size
        }
    }
}

/// What a safetensors file holds: tensors by name, and the `__metadata__` strings.
public struct SafeTensorsFile {
    /// The tensors by name, each in the Neuron dtype its file type maps to
    /// (``SafeTensorsDType/neuronDType``).
    public var tensors: [String: Tensor]
    /// The `__metadata__` strings (empty when the file has none).
    public var metadata: [String: String]
    /// Each tensor's type in the file.
    public var storedDTypes: [String: SafeTensorsDType]
    /// The tensor names in the order of their data in the file.
    public var names: [String]
}
