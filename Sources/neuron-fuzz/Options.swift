import Foundation

/// The command line of neuron-fuzz.
struct Options {
    var graphs = 0
    var csvCases = 0
    var safetensorsCases = 0
    var safetensorsSeed: UInt64?
    var seed: UInt64 = 1
    var graphSeed: UInt64?
    var csvSeed: UInt64?
    var maxDepth = 20
    var trace = false
    var progressEvery = 0
    var atol = 1e-5
    var rtol = 1e-3

    static let help = """
        neuron-fuzz: random graphs through gradcheck and gradgradcheck, and random CSV input
        through the CSV reader and Dataset.load.

        usage:
          neuron-fuzz --graphs N [--seed S] [--max-depth D]   check N random graphs
          neuron-fuzz --csv N [--seed S]                      parse N mutated or random CSV files
          neuron-fuzz --graph-seed G                          print and check one graph
          neuron-fuzz --csv-seed C                            print and parse one CSV case
          neuron-fuzz --safetensors N [--seed S]              read N damaged or random safetensors files
          neuron-fuzz --safetensors-seed T                    print and read one safetensors case

        options:
          --seed S         the run's seed (default 1); case i of a run has a seed drawn from a
                           RandomGenerator seeded with S, so one run is reproducible
          --max-depth D    the largest graph depth (default 20)
          --atol A, --rtol R   the tolerances of gradcheck and gradgradcheck (default 1e-5, 1e-3)
          --progress K     print a progress line every K cases (default: N/20)
          --trace          print each case's seed to stderr before running it
          --help           this text

        Every failure is printed as one line with the case's own seed and the command that
        replays it; so is every graph skipped because a finite difference crossed a kink.
        If a case crashes the process (a Swift trap, a bad access, an abort), a signal
        handler prints the running case's replay command to stderr before the process dies;
        if a case runs for over 30 s, a watchdog thread prints it too. With --trace the last
        seed on stderr is the case that was running whatever happened.
        Exit status: 0 when every case passed (skipped graphs included), 1 otherwise.
        """

    init(arguments: [String]) {
        var args = arguments.dropFirst().makeIterator()
        func value(_ flag: String) -> String {
            guard let v = args.next() else { Options.fail("\(flag) needs a value") }
            return v
        }
        func number<T: FixedWidthInteger>(_ flag: String) -> T {
            let text = value(flag)
            guard let n = T(text) else { Options.fail("\(flag): \"\(text)\" is not a valid number") }
            return n
        }
        func real(_ flag: String) -> Double {
            let text = value(flag)
            guard let x = Double(text), x >= 0 else { Options.fail("\(flag): \"\(text)\" is not a tolerance") }
            return x
        }
        while let arg = args.next() {
            switch arg {
            case "--graphs": graphs = number(arg)
            case "--csv": csvCases = number(arg)
            case "--seed": seed = number(arg)
            case "--graph-seed": graphSeed = number(arg)
            case "--csv-seed": csvSeed = number(arg)
            case "--safetensors": safetensorsCases = number(arg)
            case "--safetensors-seed": safetensorsSeed = number(arg)
            case "--max-depth": maxDepth = number(arg)
            case "--progress": progressEvery = number(arg)
            case "--atol": atol = real(arg)
            case "--rtol": rtol = real(arg)
            case "--trace": trace = true
            case "--help", "-h":
                print(Options.help)
                exit(0)
            default: Options.fail("unknown argument \(arg)")
            }
        }
        if graphs == 0 && csvCases == 0 && safetensorsCases == 0 && graphSeed == nil && csvSeed == nil
            && safetensorsSeed == nil
        {
            Options.fail("nothing to do")
        }
        if maxDepth < 1 { Options.fail("--max-depth must be at least 1") }
    }

    /// Prints the problem and the usage, and exits with status 2.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("neuron-fuzz: \(message)\n\n\(help)\n".utf8))
        exit(2)
    }
}

/// Prints a line to stdout unbuffered, so that progress and failures reach a log file as they
/// happen (and are not lost if the process dies).
func say(_ line: Any) {
    FileHandle.standardOutput.write(Data("\(line)\n".utf8))
}
