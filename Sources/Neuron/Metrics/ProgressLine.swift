import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints training progress, one line per epoch: the epoch, the losses, the accuracies and the
/// time, as ``format(_:totalEpochs:)`` writes them.
///
/// On a terminal (standard output is a TTY) the epochs rewrite the same line in place, with a
/// carriage return (at most every `refreshInterval` seconds, and always the first and the last
/// epoch), and the last epoch (or ``finish()``) ends it with a newline. When the
/// output is piped or redirected, it prints plain lines instead, and only the first epoch,
/// every `every`-th and the last, so a log of a long run stays short.
///
/// ```swift
/// var progress = ProgressLine(totalEpochs: 50)
/// for epoch in 1...50 {
///     // train …
///     progress.update(history.record(epoch: epoch, trainLoss: loss, seconds: seconds))
/// }
/// ```
public struct ProgressLine {
    /// How progress appears.
    public enum Mode: Sendable, Equatable {
        /// One line rewritten in place with "\r" (for a terminal).
        case inPlace
        /// Plain lines, for every `every`-th epoch (for a pipe or a file).
        case lines
    }

    /// The number of epochs the run will take; the last one ends the line.
    public let totalEpochs: Int
    /// In line mode, print every this many epochs (and the first and last).
    public let every: Int
    /// In place or plain lines.
    public let mode: Mode
    /// Text put before every line, such as the model's name.
    public let prefix: String
    /// In place, the shortest time in seconds between two redraws of the line.
    public let refreshInterval: Double
    /// Where the text goes.
    private let write: (String) -> Void
    /// Whether an in-place line is waiting for its newline.
    private var isOpen = false
    /// When the in-place line was last drawn.
    private var lastDrawn: Date?

    /// A progress printer.
    ///
    /// - Parameters:
    ///   - totalEpochs: The number of epochs the run will take.
    ///   - every: In line mode, print the first epoch, every `every`-th and the last; nil
    ///     takes 1 for up to 20 epochs and totalEpochs / 10 above.
    ///   - prefix: Text before each line, such as "  mlp ".
    ///   - mode: nil chooses `.inPlace` when standard output is a terminal and `.lines` when not.
    ///   - refreshInterval: In place, redraw at most this often (seconds), so that thousands of
    ///     quick epochs do not flood the terminal; 0 draws every epoch.
    ///   - write: Where the text goes; nil prints to standard output and flushes it.
    /// - Precondition: `totalEpochs` ≥ 1 and `every` (when given) ≥ 1.
    public init(
        totalEpochs: Int, every: Int? = nil, prefix: String = "", mode: Mode? = nil, refreshInterval: Double = 0.05,
        write: ((String) -> Void)? = nil
    ) {
        require(totalEpochs >= 1, "ProgressLine: totalEpochs must be at least 1, given \(totalEpochs)")
        require((every ?? 1) >= 1, "ProgressLine: every must be at least 1, given \(every ?? 1)")
        self.totalEpochs = totalEpochs
        self.every = every ?? (totalEpochs <= 20 ? 1 : totalEpochs / 10)
        self.prefix = prefix
        self.refreshInterval = refreshInterval
        self.mode = mode ?? (isatty(STDOUT_FILENO) != 0 ? .inPlace : .lines)
        self.write =
            write ?? { text in
                print(text, terminator: "")
                fflush(nil)
            }
    }

    /// Shows an epoch: rewrites the line in place (unless it was drawn less than
    /// `refreshInterval` ago and this is not the last epoch), or prints a line if the epoch is
    /// the first, a multiple of `every` or the last.
    ///
    /// - Parameter epoch: The epoch's record.
    public mutating func update(_ epoch: TrainingHistory.Epoch) {
        let text = prefix + Self.format(epoch, totalEpochs: totalEpochs)
        switch mode {
        case .lines:
            if epoch.epoch == 1 || epoch.epoch % every == 0 || epoch.epoch >= totalEpochs { write(text + "\n") }
        case .inPlace:
            let now = Date()
            let isLast = epoch.epoch >= totalEpochs
            guard isLast || lastDrawn.map({ now.timeIntervalSince($0) >= refreshInterval }) ?? true else { return }
            write("\r" + text + "\u{1B}[K")  // ESC [ K clears what a longer earlier line left
            (isOpen, lastDrawn) = (true, now)
            if isLast { finish() }
        }
    }

    /// Ends an in-place line with a newline (call it before printing anything else if the run
    /// stops early); does nothing in line mode or when no line is open.
    public mutating func finish() {
        if isOpen { write("\n") }
        isOpen = false
    }

    /// One epoch as a line of text, without a newline, e.g.
    /// `epoch 10/50   loss 0.12345   test loss 0.23456   accuracy  97.85 %   test accuracy  96.11 %   12.3 ms`;
    /// the parts not measured are left out, and the time is in µs below a millisecond and
    /// in ms below a second.
    ///
    /// - Parameters:
    ///   - epoch: The epoch's record.
    ///   - totalEpochs: The run's length, which sets the width of the epoch number.
    /// - Returns: The line.
    public static func format(_ epoch: TrainingHistory.Epoch, totalEpochs: Int) -> String {
        let digits = String(totalEpochs).count
        let number = String(epoch.epoch)
        var parts = [
            "epoch " + String(repeating: " ", count: Swift.max(0, digits - number.count)) + number + "/\(totalEpochs)"
        ]
        parts.append(String(format: "loss %.5f", epoch.trainLoss))
        if let loss = epoch.testLoss { parts.append(String(format: "test loss %.5f", loss)) }
        if let accuracy = epoch.trainAccuracy { parts.append(String(format: "accuracy %6.2f %%", 100 * accuracy)) }
        if let accuracy = epoch.testAccuracy { parts.append(String(format: "test accuracy %6.2f %%", 100 * accuracy)) }
        switch epoch.seconds {
        case ..<0.001: parts.append(String(format: "%.0f µs", 1e6 * epoch.seconds))
        case ..<1: parts.append(String(format: "%.1f ms", 1000 * epoch.seconds))
        default: parts.append(String(format: "%.2f s", epoch.seconds))
        }
        return parts.joined(separator: "   ")
    }
}
