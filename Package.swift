// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Neuron",
    products: [
        .library(name: "Neuron", targets: ["Neuron"])
    ],
    targets: [
        .target(name: "Neuron", resources: [.copy("Data/Resources")]),
        .executableTarget(
            name: "logistic-regression", dependencies: ["Neuron"], path: "Examples/logistic-regression",
            exclude: ["README.md"]),
        .executableTarget(name: "xor", dependencies: ["Neuron"], path: "Examples/xor", exclude: ["README.md"]),
        .executableTarget(
            name: "softmax-regression", dependencies: ["Neuron"], path: "Examples/softmax-regression",
            exclude: ["README.md"]),
        .executableTarget(name: "digits", dependencies: ["Neuron"], path: "Examples/digits", exclude: ["README.md"]),
        .executableTarget(name: "neuron-bench", dependencies: ["Neuron"]),
        .testTarget(name: "NeuronTests", dependencies: ["Neuron"]),
    ],
    swiftLanguageModes: [.v6]
)
