// swift-tools-version:6.0
import Foundation
import PackageDescription

// Kernel builds. When Neuron is the root package (its own README commands, examples,
// benchmark and CI) on an x86-64 host with AVX2 and FMA, the library is compiled for the host
// CPU (`-target-cpu native`) and its kernels use fused multiply-add and the host's widest
// vectors. Set NEURON_PORTABLE=1 to force the portable build. As a dependency, Neuron never
// carries unsafe flags (SwiftPM would reject it); a dependent opts in with
// `-Xswiftc -target-cpu -Xswiftc native -Xswiftc -DNEURON_NATIVE` (see Docs/Benchmarks.md).
let cpuFlags: Set<Substring> = {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    return Set(line.split(separator: " "))
}()
// SwiftPM evaluates every manifest with the root package's directory as the working
// directory, so Neuron is the root exactly when that directory is its own. A path or URL
// dependency is evaluated from the dependent's directory and gets the portable build.
let isRootPackage: Bool = {
    func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
    return resolved(FileManager.default.currentDirectoryPath) == resolved(Context.packageDirectory)
        && !Context.packageDirectory.contains("/checkouts/")
}()
let wantsPortable = Context.environment["NEURON_PORTABLE"].map { !$0.isEmpty && $0 != "0" } ?? false
let nativeBuild = isRootPackage && !wantsPortable && cpuFlags.contains("avx2") && cpuFlags.contains("fma")
let kernelSettings: [SwiftSetting] =
    nativeBuild
    ? [.unsafeFlags(["-target-cpu", "native"]), .define("NEURON_NATIVE")]
        + (cpuFlags.contains("avx512f") ? [.define("NEURON_AVX512")] : [])
    : []

let package = Package(
    name: "Neuron",
    products: [
        .library(name: "Neuron", targets: ["Neuron"])
    ],
    targets: [
        .target(name: "Neuron", resources: [.copy("Data/Resources")], swiftSettings: kernelSettings),
        .executableTarget(
            name: "logistic-regression", dependencies: ["Neuron"], path: "Examples/logistic-regression",
            exclude: ["README.md"]),
        .executableTarget(name: "xor", dependencies: ["Neuron"], path: "Examples/xor", exclude: ["README.md"]),
        .executableTarget(
            name: "softmax-regression", dependencies: ["Neuron"], path: "Examples/softmax-regression",
            exclude: ["README.md"]),
        .executableTarget(name: "digits", dependencies: ["Neuron"], path: "Examples/digits", exclude: ["README.md"]),
        .executableTarget(name: "statistics", dependencies: ["Neuron"], path: "Examples/statistics"),
        .executableTarget(name: "neuron-bench", dependencies: ["Neuron"]),
        .executableTarget(name: "neuron-fuzz", dependencies: ["Neuron"]),
        .testTarget(
            name: "NeuronTests", dependencies: ["Neuron"], resources: [.copy("IO/Fixtures"), .copy("Plot/Golden")]),
    ],
    swiftLanguageModes: [.v6]
)
