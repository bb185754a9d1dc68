/// What happened in each epoch of a training run: the training loss, and when measured the
/// test loss, the accuracies and the time taken. ``Plot/trainingCurves(_:title:)`` draws it
/// and ``ProgressLine`` prints it as it grows.
///
/// ```swift
/// var history = TrainingHistory()
/// history.record(epoch: 1, trainLoss: 0.52, testLoss: 0.55, trainAccuracy: 0.81, seconds: 0.04)
/// history.trainLosses      // [0.52]
/// ```
public struct TrainingHistory: Sendable, Equatable {
    /// One epoch's numbers.
    public struct Epoch: Sendable, Equatable {
        /// The epoch's number, counting from 1.
        public var epoch: Int
        /// The mean training loss over the epoch (or the full-batch loss of the step).
        public var trainLoss: Double
        /// The loss on held-out data after the epoch, when measured.
        public var testLoss: Double?
        /// The share of training samples classified correctly, when measured.
        public var trainAccuracy: Double?
        /// The share of held-out samples classified correctly, when measured.
        public var testAccuracy: Double?
        /// The wall-clock time the epoch took, in seconds.
        public var seconds: Double

        /// An epoch's record.
        ///
        /// - Parameters:
        ///   - epoch: The epoch's number, from 1.
        ///   - trainLoss: The training loss.
        ///   - testLoss: The held-out loss, or nil.
        ///   - trainAccuracy: The training accuracy in [0, 1], or nil.
        ///   - testAccuracy: The held-out accuracy in [0, 1], or nil.
        ///   - seconds: How long the epoch took.
        public init(
            epoch: Int, trainLoss: Double, testLoss: Double? = nil, trainAccuracy: Double? = nil,
            testAccuracy: Double? = nil, seconds: Double = 0
        ) {
            (self.epoch, self.trainLoss, self.testLoss) = (epoch, trainLoss, testLoss)
            (self.trainAccuracy, self.testAccuracy, self.seconds) = (trainAccuracy, testAccuracy, seconds)
        }
    }

    /// The epochs recorded, in order.
    public private(set) var epochs: [Epoch] = []

    /// An empty history.
    public init() {}

    /// Appends an epoch.
    ///
    /// - Parameter epoch: The epoch's record; its number must exceed the last one's.
    /// - Precondition: Epoch numbers increase.
    public mutating func append(_ epoch: Epoch) {
        if let last = epochs.last {
            require(
                epoch.epoch > last.epoch,
                "TrainingHistory.append: epoch \(epoch.epoch) after epoch \(last.epoch); numbers must increase")
        }
        epochs.append(epoch)
    }

    /// Appends an epoch from its numbers.
    ///
    /// - Parameters:
    ///   - epoch: The epoch's number, greater than the last one's.
    ///   - trainLoss: The training loss.
    ///   - testLoss: The held-out loss, or nil.
    ///   - trainAccuracy: The training accuracy in [0, 1], or nil.
    ///   - testAccuracy: The held-out accuracy in [0, 1], or nil.
    ///   - seconds: How long the epoch took.
    /// - Returns: The record appended (to hand to ``ProgressLine/update(_:)``).
    /// - Precondition: Epoch numbers increase.
    @discardableResult
    public mutating func record(
        epoch: Int, trainLoss: Double, testLoss: Double? = nil, trainAccuracy: Double? = nil,
        testAccuracy: Double? = nil, seconds: Double = 0
    ) -> Epoch {
        let entry = Epoch(
            epoch: epoch, trainLoss: trainLoss, testLoss: testLoss, trainAccuracy: trainAccuracy,
            testAccuracy: testAccuracy, seconds: seconds)
        append(entry)
        return entry
    }

    /// The number of epochs recorded.
    public var count: Int { epochs.count }

    /// The training loss of every epoch.
    public var trainLosses: [Double] { epochs.map(\.trainLoss) }

    /// The held-out loss of every epoch (nil where not measured).
    public var testLosses: [Double?] { epochs.map(\.testLoss) }

    /// The training accuracy of every epoch (nil where not measured).
    public var trainAccuracies: [Double?] { epochs.map(\.trainAccuracy) }

    /// The held-out accuracy of every epoch (nil where not measured).
    public var testAccuracies: [Double?] { epochs.map(\.testAccuracy) }

    /// The time of all epochs together, in seconds.
    public var totalSeconds: Double { epochs.reduce(0) { $0 + $1.seconds } }
}
