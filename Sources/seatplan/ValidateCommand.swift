import ArgumentParser
import Foundation
import ScenarioIO

extension SeatPlan {
    /// `seatplan validate SCENARIO_DIR`
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a scenario without running it and list every problem found.",
            discussion: "Each problem names the file, the line (the header being line 1) and the column. Exits 1 when there are errors."
        )

        @OptionGroup var input: ScenarioArgument

        func run() throws {
            let load = ScenarioLoader.load(folder: URL(fileURLWithPath: input.scenario))
            DiagnosticOutput.print(load.diagnostics, to: .standardOutput)
            guard let scenario = load.scenario else {
                Stream.standardOutput.write("\(input.scenario): \(DiagnosticOutput.counts(load.diagnostics)); the scenario cannot be run.\n")
                throw ExitCode.failure
            }
            let persons = Int(scenario.population.total.rounded())
            Stream.standardOutput.write("\(input.scenario): \(DiagnosticOutput.counts(load.diagnostics)). \"\(scenario.name)\": "
                + "\(scenario.districts.count) districts, \(scenario.communities.count) communities, "
                + "\(persons) persons in \(scenario.baseYear), horizon \(scenario.horizon).\n")
        }
    }
}
