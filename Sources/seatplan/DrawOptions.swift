import ArgumentParser
import Foundation
import ScenarioModel
import SchoolNetwork
import UncertaintyAnalysis

/// `--draws N --seed S --threads T`, shared by `simulate`, `compare` and `report`.
struct DrawOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Simulate N draws of the uncertain inputs (uncertainty: in scenario.yaml).", valueName: "N"))
    var draws: Int?

    @Option(help: "Seed of the draws' random numbers, 1 or more (the same seed gives the same draws).")
    var seed: UInt = 1

    @Option(help: "Threads for the draws (default: the machine's cores; the results do not depend on it).")
    var threads: Int?

    /// At most 5,000 draws: each keeps every school's, district's and stage's demand in every year (the
    /// default county: 8,925 cells, 71 kB a draw) until the quantiles are taken.
    static let maximum = 5_000

    func validate() throws {
        if let n = draws, !(1...Self.maximum).contains(n) { throw ValidationError("--draws must be between 1 and \(Self.maximum)") }
        if seed == 0 { throw ValidationError("--seed must be at least 1 (GSL takes seed 0 as its default seed 4357)") }
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
        if draws == nil, threads != nil { throw ValidationError("--threads goes with --draws") }
    }

    /// The draws of the scenario's distributions.
    func inputs(_ scenario: Scenario) -> [InputDraw] { DrawSampler.draws(scenario.uncertainty, count: draws ?? 0, seed: seed) }

    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The draws on each network, with one progress bar over all of them. A failed run prints its
    /// error, led by the plan's name when there are several, and exits: nothing written.
    func run(_ scenario: Scenario, networks: [(name: String, network: NetworkTimeline)]) throws -> [DrawResults] {
        let n = draws ?? 0, inputs = inputs(scenario)
        let progress = DrawProgress(title: "draws 抽样", total: n * networks.count)
        var results: [DrawResults] = []
        for (i, p) in networks.enumerated() {
            do {
                results.append(try UncertaintySimulation.run(scenario, network: p.network, draws: inputs, threads: threadCount,
                                                             progress: { progress.update(i * n + $0) }))
            } catch {
                progress.finish()
                Stream.standardError.write("error: \(networks.count > 1 ? "\(p.name): " : "")\(error)\nnothing written.\n")
                throw ExitCode.failure
            }
        }
        progress.finish()
        return results
    }
}
