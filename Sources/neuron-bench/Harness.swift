import Foundation

/// Command-line options: `--only W3,W4`, `--json PATH`, `--reps N`, `--peak`.
struct Options {
    var only: Set<String> = []
    var jsonPath: String?
    var reps = 5
    /// Also measure the multiply-add peak (one thread and all CPUs) that GEMM is read against;
    /// `--only peak` measures only that.
    var peak = false

    init(arguments: [String]) {
        var i = 1
        while i < arguments.count {
            let flag = arguments[i]
            let value = i + 1 < arguments.count ? arguments[i + 1] : nil
            switch flag {
            case "--only": only = Set((value ?? "").split(separator: ",").map(String.init)); i += 1
            case "--json": jsonPath = value; i += 1
            case "--reps": reps = Int(value ?? "") ?? reps; i += 1
            case "--peak": peak = true
            case "--help", "-h":
                print("usage: neuron-bench [--only W1,W3] [--json PATH] [--reps N] [--peak]")
                exit(0)
            default:
                FileHandle.standardError.write("neuron-bench: unknown argument \(flag)\n".data(using: .utf8)!)
                exit(2)
            }
            i += 1
        }
    }

    func wants(_ id: String) -> Bool { only.isEmpty || only.contains(id) }
}

/// The CPU's model name from /proc/cpuinfo ("unknown CPU" where there is none).
func cpuModel() -> String {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
        let colon = line.firstIndex(of: ":")
    else { return "unknown CPU" }
    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
}

/// Logical CPUs this process may run on.
func onlineCPUs() -> Int { ProcessInfo.processInfo.activeProcessorCount }

/// Collects results and prints them as `ID name value unit`, the form of peer_torch.py.
final class Report {
    private(set) var results: [(id: String, name: String, value: Double, unit: String)] = []

    func add(_ id: String, _ name: String, _ value: Double, _ unit: String) {
        results.append((id, name, value, unit))
        print("\(id) \(name) \(String(format: "%.6g", value)) \(unit)")
        FileHandle.standardOutput.synchronizeFile()
    }

    func writeJSON(to path: String, extra: [String: String]) throws {
        let items = results.map { r in
            ["id": r.id, "name": r.name, "value": r.value, "unit": r.unit] as [String: Any]
        }
        var object: [String: Any] = ["results": items]
        for (k, v) in extra { object[k] = v }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
    }
}

/// Median wall-clock seconds of `reps` runs of `body`, after one warm-up run.
func medianTime(reps: Int, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<reps {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    times.sort()
    return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
}

/// Peak resident set size of this process in MiB (VmHWM from /proc/self/status), or nil.
func peakResidentMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kib = line.split(separator: " ").compactMap { Double($0) }.first
        return kib.map { $0 / 1024 }
    }
    return nil
}
