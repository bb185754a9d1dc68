import Foundation

extension Plot {
    /// The folder a program was asked to write its pictures to: the argument after `option`
    /// (`--plots DIR`), created with any missing parents. The examples call it so that
    /// `swift run xor --plots Docs/images` writes their SVG files there.
    ///
    /// ```swift
    /// if let folder = try Plot.folder() {
    ///     try figure.write(to: folder.appendingPathComponent("loss.svg"))
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - option: The option that names the folder.
    ///   - arguments: The command line, program name first.
    /// - Returns: The folder, or nil when the option is absent.
    /// - Throws: ``FolderError`` when the option has no value after it; the file system's
    ///   error when the folder cannot be created.
    public static func folder(option: String = "--plots", in arguments: [String] = CommandLine.arguments) throws -> URL?
    {
        guard let i = arguments.firstIndex(of: option) else { return nil }
        guard i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--") else { throw FolderError(option: option) }
        let folder = URL(fileURLWithPath: arguments[i + 1], isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The option naming the pictures' folder came without a folder.
    public struct FolderError: Error, CustomStringConvertible, Equatable {
        /// The option, such as "--plots".
        public let option: String

        /// The error for `option`.
        ///
        /// - Parameter option: The option, such as "--plots".
        public init(option: String) { self.option = option }

        /// What went wrong and how to write it.
        public var description: String { "\(option) needs a folder after it: \(option) DIR" }
    }
}
