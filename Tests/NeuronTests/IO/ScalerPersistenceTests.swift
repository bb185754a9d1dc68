import Foundation
import Neuron
import Testing

@Suite("A scaler rebuilt from its statistics, saved and loaded with its model")
struct ScalerPersistenceTests {
    @Test("StandardScaler(mean:scale:) transforms as the fitted scaler does")
    func rebuilt() {
        let x = Tensor([1, 10, 2, 20, 4, 60] as [Double], shape: [3, 2], dtype: .float64)
        let fitted = StandardScaler(fitting: x)
        let rebuilt = StandardScaler(mean: fitted.mean.asArray(Double.self), scale: fitted.scale.asArray(Double.self))
        #expect(rebuilt.transform(x).asArray(Double.self) == fitted.transform(x).asArray(Double.self))
    }

    @Test("model and scaler in one file: predictions after loading are identical; the model alone loads strictly")
    func roundTrip() throws {
        let data = try Dataset.breastCancer()
        let scaler = StandardScaler(fitting: data.features)
        let model = Sequential(Linear(30, 1), Sigmoid())
        let url = scratchURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url, scaler: scaler)

        let restoredModel = Sequential(Linear(30, 1), Sigmoid())
        let report = try restoredModel.load(from: url)
        #expect(report.loadedKeys == ["0.weight", "0.bias"] && report.unexpectedKeys.isEmpty)
        let restoredScaler = try StandardScaler(contentsOf: url)
        let before = withNoGrad { model(scaler.transform(data.features)) }.asArray(Float.self)
        let after = withNoGrad { restoredModel(restoredScaler.transform(data.features)) }.asArray(Float.self)
        #expect(before == after)
        #expect(try SafeTensors.load(from: url).metadata["neuron.scaler"] == "scaler.mean,scaler.scale")
    }

    @Test("a file without a scaler, or with a broken one, throws naming the keys")
    func missingScaler() throws {
        let url = scratchURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try Sequential(Linear(2, 1)).save(to: url)
        #expect(throws: StateDictError(source: url.path, missingKeys: ["scaler.mean", "scaler.scale"])) {
            try StandardScaler(contentsOf: url)
        }
        try SafeTensors.save(
            [
                "scaler.mean": Tensor([0, 0] as [Double], shape: [2], dtype: .float64),
                "scaler.scale": Tensor([1, 0] as [Double], shape: [2], dtype: .float64),
            ], to: url)
        #expect(throws: StateDictError.self) { try StandardScaler(contentsOf: url) }
    }

    @Test("StandardScaler(mean:scale:) with a zero scale or unequal counts stops with a message")
    func badStatistics() async {
        await #expect(processExitsWith: .failure) { _ = StandardScaler(mean: [0, 1], scale: [1, 0]) }
        await #expect(processExitsWith: .failure) { _ = StandardScaler(mean: [0, 1], scale: [1]) }
    }
}
