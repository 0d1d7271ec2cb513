import ArgumentParser
import Foundation
import ScenarioFuzzing

/// `ScenarioFuzz [--cases N] [--seed S]`: mutation fuzzing of the scenario and plan readers (and the
/// pipeline behind them) on `Tests/Fuzz/seed`; prints what the cases gave. A crash ends the process
/// with the case left in the work folder: copy it into `Tests/FuzzTests/corpus/` as a regression test.
@main
struct ScenarioFuzz: ParsableCommand {
    @Option(help: "Cases to run.") var cases = 100_000
    @Option(help: "GSL Mersenne Twister seed.") var seed: UInt = 1
    @Option(help: "The seed scenario.") var scenario = "Tests/Fuzz/seed"
    @Option(help: "Work folder (replaced).") var work = FileManager.default.temporaryDirectory.appendingPathComponent("seatplan-fuzz").path

    func run() throws {
        let fuzzer = try ScenarioFuzzer(seed: URL(fileURLWithPath: scenario), rngSeed: seed)
        let report = try fuzzer.run(cases: cases, work: URL(fileURLWithPath: work)) { n in
            if n % 10_000 == 0 { FileHandle.standardError.write(Data("\(n) cases\n".utf8)) }
        }
        print(report.text)
    }
}
