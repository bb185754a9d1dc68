import Foundation
import Neuron
import Testing

/// Sequential(Linear(3, 4), Tanh(), Linear(4, 2)) drawn from `seed`.
func smallMLP(seed: UInt64, dtype: DType = .float32) -> Sequential {
    var rng = RandomGenerator(seed: seed)
    return Sequential(
        Linear(3, 4, dtype: dtype, generator: &rng), Tanh(), Linear(4, 2, dtype: dtype, generator: &rng))
}

/// A module with a Unicode property name.
private final class Accented: Module {
    let é = Linear(2, 1)
    func callAsFunction(_ x: Tensor) -> Tensor { é(x) }
}

@Suite("Module save and load: PyTorch's state_dict names, strict by default")
struct ModuleStateTests {
    @Test("save writes 0.weight, 0.bias, 2.weight, 2.bias with format pt; load restores them in place")
    func roundTrip() throws {
        let url = scratchURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let source = smallMLP(seed: 1)
        try source.save(to: url)
        let file = try SafeTensors.load(from: url)
        #expect(file.names.sorted() == ["0.bias", "0.weight", "2.bias", "2.weight"])
        #expect(file.metadata == ["format": "pt"])
        #expect(file.tensors["0.weight"]?.shape == [4, 3])  // [out, in], as torch.nn.Linear

        let target = smallMLP(seed: 2)
        let before = target.parameters.map(ObjectIdentifier.init)
        let optimizer = SGD(target.parameters, lr: 0.1)
        let report = try target.load(from: url)
        #expect(report.loadedKeys == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(report.missingKeys.isEmpty && report.unexpectedKeys.isEmpty && report.convertedKeys.isEmpty)
        #expect(target.parameters.map(ObjectIdentifier.init) == before)
        for (a, b) in zip(source.parameters, target.parameters) {
            #expect(a.asArray(Float.self).map(\.bitPattern) == b.asArray(Float.self).map(\.bitPattern))
        }
        let x = Tensor([0.5, -1, 2, 1, 0, -0.25] as [Float], shape: [2, 3])
        #expect(target(x).asArray(Float.self) == source(x).asArray(Float.self))
        // The optimizer built before loading still holds the model's parameters.
        target(x).sum().backward()
        optimizer.step()
        #expect(target.parameters[0].asArray(Float.self) != source.parameters[0].asArray(Float.self))
    }

    @Test("strict loading names every missing, unexpected and mis-shaped key, and changes nothing")
    func strictRefusals() throws {
        let model = smallMLP(seed: 3)
        let original = model.parameters.map { $0.asArray(Double.self) }
        var tensors = smallMLP(seed: 4).namedParameters.reduce(into: [String: Tensor]()) { $0[$1.name] = $1.tensor }
        tensors["2.bias"] = nil
        tensors["3.weight"] = Tensor.zeros([1])
        tensors["0.weight"] = Tensor.zeros([4, 2])
        #expect(
            throws: StateDictError(
                source: "test", missingKeys: ["2.bias"], unexpectedKeys: ["3.weight"],
                mismatches: ["size mismatch for 0.weight: the source has shape [4, 2], the model [4, 3]"])
        ) { try model.load(stateDict: tensors, source: "test") }
        #expect(model.parameters.map { $0.asArray(Double.self) } == original)
        let message = StateDictError(source: "m.safetensors", missingKeys: ["2.bias"], unexpectedKeys: ["3.weight"])
        #expect(
            message.description == """
                Error(s) in loading state from m.safetensors:
                    Missing key(s): "2.bias".
                    Unexpected key(s): "3.weight".
                """)
    }

    @Test("non-strict loading loads what fits and reports what it skipped")
    func nonStrictReport() throws {
        let model = smallMLP(seed: 5)
        let donor = smallMLP(seed: 6)
        var tensors = donor.namedParameters.reduce(into: [String: Tensor]()) { $0[$1.name] = $1.tensor }
        tensors["2.bias"] = nil
        tensors["extra"] = Tensor.zeros([2])
        tensors["0.bias"] = Tensor.zeros([5])
        let report = try model.load(stateDict: tensors, strict: false)
        #expect(report.loadedKeys == ["0.weight", "2.weight"])
        #expect(report.missingKeys == ["2.bias"])
        #expect(report.unexpectedKeys == ["extra"])
        #expect(report.mismatchedKeys == ["size mismatch for 0.bias: the source has shape [5], the model [4]"])
        #expect(model.parameters[0].asArray(Float.self) == donor.parameters[0].asArray(Float.self))
        #expect(model.parameters[1].asArray(Float.self) != tensors["0.bias"]!.asArray(Float.self))
    }

    @Test("a float32 file loads into a float64 model exactly; float64 into float32 rounds to nearest")
    func dtypeConversion() throws {
        let url = scratchURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let narrow = smallMLP(seed: 7)
        try narrow.save(to: url)
        let wide = smallMLP(seed: 8, dtype: .float64)
        let report = try wide.load(from: url)
        #expect(report.convertedKeys == ["0.weight", "0.bias", "2.weight", "2.bias"])
        for (a, b) in zip(narrow.parameters, wide.parameters) {
            #expect(b.dtype == .float64)
            #expect(a.asArray(Float.self).map(Double.init) == b.asArray(Double.self))
        }
        let third = Tensor([1.0 / 3, 0.1] as [Double], shape: [2], dtype: .float64)
        let layer = Linear(1, 2)
        try layer.load(stateDict: [
            "weight": Tensor([1, 2] as [Double], shape: [2, 1], dtype: .float64), "bias": third,
        ])
        #expect(layer.bias!.asArray(Float.self) == [Float(1.0 / 3), Float(0.1)])
        #expect(layer.bias!.dtype == .float32)
    }

    @Test("NaN weights are data: they load and come back as NaN")
    func nanWeights() throws {
        let layer = Linear(2, 1)
        try layer.load(stateDict: [
            "weight": Tensor([.nan, 1] as [Float], shape: [1, 2]), "bias": Tensor([0] as [Float], shape: [1]),
        ])
        #expect(layer.weight.asArray(Float.self)[0].isNaN)
    }

    @Test("Unicode parameter names round-trip")
    func unicodeNames() throws {
        let url = scratchURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let a = Accented()
        try a.save(to: url)
        #expect(try SafeTensors.load(from: url).names.sorted() == ["é.bias", "é.weight"])
        let b = Accented()
        try b.load(from: url)
        #expect(b.é.weight.asArray(Float.self) == a.é.weight.asArray(Float.self))
    }

    @Test("a file that is not a model reports the file's problem, not a key problem")
    func brokenFile() throws {
        let url = scratchURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("not a model".utf8).write(to: url)
        #expect(throws: SafeTensorsError.self) { try smallMLP(seed: 9).load(from: url) }
    }
}
