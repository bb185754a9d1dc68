import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Names the case that was running when the process dies: a signal handler for crashes
// (a Swift runtime trap, a segfault, an abort), and a watchdog thread for a case that hangs.

/// What kind of case is running: 0 none, 1 a graph, 2 a CSV case, 3 a safetensors case.
let currentKind = Atomic<Int>(0)
/// The seed of the running case.
let currentSeed = Atomic<UInt64>(0)
/// Counts cases started, so the watchdog can tell a stuck case from a busy run.
let casesStarted = Atomic<Int>(0)

/// Marks the start of a case, for the crash handler and the watchdog.
func beginCase(kind: Int, seed: UInt64, trace: Bool) {
    currentSeed.store(seed, ordering: .relaxed)
    currentKind.store(kind, ordering: .relaxed)
    casesStarted.add(1, ordering: .relaxed)
    if trace {
        FileHandle.standardError.write(Data("\(["graph", "csv", "safetensors"][kind - 1]) seed \(seed)\n".utf8))
    }
}

/// The replay command for the running case, e.g. "--graph-seed 123".
func replayFlag(kind: Int, seed: UInt64) -> String {
    kind == 1 ? "--graph-seed \(seed)" : kind == 2 ? "--csv-seed \(seed)" : "--safetensors-seed \(seed)"
}

/// A preallocated buffer for the crash message (no allocation inside the handler).
nonisolated(unsafe) private let crashBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
/// The actions that were installed before ours (the Swift runtime's backtracer, or the
/// default), indexed by signal number, restored when a signal arrives.
nonisolated(unsafe) private let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 64)

/// Writes "neuron-fuzz: crashed in <kind> case; replay with: neuron-fuzz --<kind>-seed N"
/// to stderr using only async-signal-safe calls, then lets the signal kill the process.
private func crashHandler(_ signal: Int32) {
    var n = 0
    func put(_ text: StaticString) {
        text.withUTF8Buffer { bytes in
            for b in bytes where n < 200 {
                crashBuffer[n] = b
                n += 1
            }
        }
    }
    let kind = currentKind.load(ordering: .relaxed)
    put("\nneuron-fuzz: crashed (signal) during ")
    put(
        kind == 1
            ? "graph case; replay with: neuron-fuzz --graph-seed "
            : kind == 2
                ? "CSV case; replay with: neuron-fuzz --csv-seed "
                : kind == 3 ? "safetensors case; replay with: neuron-fuzz --safetensors-seed " : "no case; seed ")
    // The seed's digits, written backwards at the end of the buffer, then copied in order.
    var seed = currentSeed.load(ordering: .relaxed)
    var end = 255
    repeat {
        crashBuffer[end] = UInt8(ascii: "0") + UInt8(seed % 10)
        seed /= 10
        end -= 1
    } while seed > 0
    for k in (end + 1)...255 {
        crashBuffer[n] = crashBuffer[k]
        n += 1
    }
    crashBuffer[n] = UInt8(ascii: "\n")
    n += 1
    _ = write(2, crashBuffer, n)
    // Hand the signal on to whoever had it before (the runtime's backtrace, then death).
    sigaction(signal, previousActions + Int(signal), nil)
    raise(signal)
}

/// Installs the crash handler (on an alternate stack, so stack overflows are caught too)
/// for the signals a Swift trap, a bad access or an abort raise.
func installCrashReporter() {
    let size = 1 << 16
    var stack = stack_t()
    stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    stack.ss_size = size
    sigaltstack(&stack, nil)
    var action = sigaction()
    #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { crashHandler($0) }
    #else
        action.__sigaction_u.__sa_handler = { crashHandler($0) }
    #endif
    action.sa_flags = Int32(SA_ONSTACK)
    for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
        sigaction(signal, &action, previousActions + Int(signal))
    }
}

/// Starts a thread that reports, on stderr, a case still running after `seconds`.
func startWatchdog(seconds: Double) {
    let thread = Thread {
        var last = -1
        var reported = false
        while true {
            Thread.sleep(forTimeInterval: seconds)
            let started = casesStarted.load(ordering: .relaxed)
            let kind = currentKind.load(ordering: .relaxed)
            if started == last && kind != 0 && !reported {
                let seed = currentSeed.load(ordering: .relaxed)
                FileHandle.standardError.write(
                    Data(
                        "neuron-fuzz: a case has run for over \(seconds) s; replay with: neuron-fuzz \(replayFlag(kind: kind, seed: seed))\n"
                            .utf8))
                reported = true
            }
            if started != last { reported = false }
            last = started
        }
    }
    thread.start()
}
