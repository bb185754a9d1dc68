// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Neuron",
    products: [
        .library(name: "Neuron", targets: ["Neuron"])
    ],
    targets: [
        .target(name: "Neuron"),
        .executableTarget(name: "quickstart", dependencies: ["Neuron"], path: "Examples/quickstart"),
        .testTarget(name: "NeuronTests", dependencies: ["Neuron"]),
    ],
    swiftLanguageModes: [.v6]
)
