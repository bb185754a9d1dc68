import Foundation

/// Why a file could not be read: the system's message ("No such file or directory", …).
struct FileReadFailure: Error {
    let reason: String
}

/// The bytes of the file at `path`, read with POSIX calls.
///
/// Foundation's `Data(contentsOf:)` is avoided on purpose: it leaks its 4 KiB buffer for an
/// empty file (LeakSanitizer reports it in CI) and its errors carry Foundation's class names.
func readFileBytes(atPath path: String) throws(FileReadFailure) -> [UInt8] {
    func failure() -> FileReadFailure { FileReadFailure(reason: String(cString: strerror(errno))) }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw failure() }
    defer { close(descriptor) }
    var info = stat()
    var bytes: [UInt8] = []
    if fstat(descriptor, &info) == 0 { bytes.reserveCapacity(Int(info.st_size)) }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count == 0 { return bytes }
        if count < 0 {
            if errno == EINTR { continue }
            throw failure()
        }
        bytes.append(contentsOf: chunk[0..<count])
    }
}
