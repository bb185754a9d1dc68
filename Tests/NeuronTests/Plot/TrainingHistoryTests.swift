import Neuron
import Testing

@Suite("TrainingHistory and ProgressLine")
struct TrainingHistoryTests {
    @Test("a history records epochs in order and reads them back by column")
    func history() {
        var history = TrainingHistory()
        let first = history.record(epoch: 1, trainLoss: 0.7, trainAccuracy: 0.5, seconds: 0.25)
        history.record(epoch: 2, trainLoss: 0.4, testLoss: 0.45, trainAccuracy: 0.8, testAccuracy: 0.75, seconds: 0.5)
        #expect(first == TrainingHistory.Epoch(epoch: 1, trainLoss: 0.7, trainAccuracy: 0.5, seconds: 0.25))
        #expect(history.count == 2)
        #expect(history.trainLosses == [0.7, 0.4])
        #expect(history.testLosses == [nil, 0.45])
        #expect(history.trainAccuracies == [0.5, 0.8])
        #expect(history.testAccuracies == [nil, 0.75])
        #expect(history.totalSeconds == 0.75)
    }

    @Test("epoch numbers must increase")
    func increasing() async {
        expectMessage(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                var history = TrainingHistory()
                history.record(epoch: 2, trainLoss: 1)
                history.record(epoch: 2, trainLoss: 1)
            }, mentions: ["TrainingHistory.append", "epoch 2 after epoch 2"])
    }

    @Test("one epoch's line: padded epoch number, then only what was measured")
    func format() {
        let full = TrainingHistory.Epoch(
            epoch: 7, trainLoss: 0.123456, testLoss: 0.2, trainAccuracy: 0.95, testAccuracy: 0.9312, seconds: 0.0123)
        #expect(
            ProgressLine.format(full, totalEpochs: 100)
                == "epoch   7/100   loss 0.12346   test loss 0.20000   accuracy  95.00 %   test accuracy  93.12 %   12.3 ms"
        )
        let bare = TrainingHistory.Epoch(epoch: 12, trainLoss: 2, seconds: 12.34)
        #expect(ProgressLine.format(bare, totalEpochs: 50) == "epoch 12/50   loss 2.00000   12.34 s")
        let quick = TrainingHistory.Epoch(epoch: 3, trainLoss: 0.5, seconds: 0.000042)
        #expect(ProgressLine.format(quick, totalEpochs: 9) == "epoch 3/9   loss 0.50000   42 µs")
    }

    @Test("piped: plain lines for the first, every k-th and the last epoch, no carriage returns")
    func piped() {
        var written: [String] = []
        var progress = ProgressLine(totalEpochs: 53, prefix: "  ", mode: .lines) { written.append($0) }
        #expect(progress.every == 5)  // 53 / 10
        for epoch in 1...53 { progress.update(TrainingHistory.Epoch(epoch: epoch, trainLoss: 1)) }
        progress.finish()
        let epochs = written.map { Int($0.split(separator: " ")[1].split(separator: "/")[0])! }
        #expect(epochs == [1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 53])
        #expect(written.allSatisfy { $0.hasPrefix("  epoch") && $0.hasSuffix("\n") && !$0.contains("\r") })
    }

    @Test("short runs print every epoch when piped")
    func shortRun() {
        var count = 0
        var progress = ProgressLine(totalEpochs: 20, mode: .lines) { _ in count += 1 }
        for epoch in 1...20 { progress.update(TrainingHistory.Epoch(epoch: epoch, trainLoss: 1)) }
        #expect(count == 20)
    }

    @Test("on a terminal: every epoch rewrites the line with \\r, and the last ends it with one newline")
    func inPlace() {
        var output = ""
        var progress = ProgressLine(totalEpochs: 3, mode: .inPlace, refreshInterval: 0) { output += $0 }
        for epoch in 1...3 { progress.update(TrainingHistory.Epoch(epoch: epoch, trainLoss: 1)) }
        progress.finish()  // already closed: adds nothing
        #expect(output.filter { $0 == "\r" }.count == 3)
        #expect(output.filter { $0 == "\n" }.count == 1 && output.hasSuffix("\n"))
        #expect(output.hasPrefix("\repoch 1/3"))
    }

    @Test("in place, quick epochs are drawn at most once per refresh interval, the last always")
    func throttled() {
        var output = ""
        var progress = ProgressLine(totalEpochs: 1000, mode: .inPlace, refreshInterval: 3600) { output += $0 }
        for epoch in 1...1000 { progress.update(TrainingHistory.Epoch(epoch: epoch, trainLoss: 1)) }
        #expect(output.filter { $0 == "\r" }.count == 2)  // epoch 1, then the last
        #expect(
            output.contains("epoch    1/1000") && output.hasSuffix("epoch 1000/1000   loss 1.00000   0 µs\u{1B}[K\n"))
    }

    @Test("a run stopped early is closed by finish()")
    func stoppedEarly() {
        var output = ""
        var progress = ProgressLine(totalEpochs: 10, mode: .inPlace) { output += $0 }
        progress.update(TrainingHistory.Epoch(epoch: 1, trainLoss: 1))
        progress.finish()
        progress.finish()
        #expect(output.filter { $0 == "\n" }.count == 1)
    }
}
