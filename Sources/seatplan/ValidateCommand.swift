import ArgumentParser
import Foundation
import ScenarioIO
import ScenarioModel

extension SeatPlan {
    /// `seatplan validate SCENARIO_DIR`
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a scenario without running it and list every problem found.",
            discussion: "Each problem names the file, the line (the header being line 1) and the column. Exits 1 when there are errors."
        )

        @OptionGroup var input: ScenarioArgument

        func run() throws {
            let load = input.load()
            DiagnosticOutput.print(load.diagnostics, to: .standardOutput)
            guard let scenario = load.scenario else {
                Stream.standardOutput.write("\(input.scenario): \(DiagnosticOutput.counts(load.diagnostics)); the scenario cannot be run.\n")
                throw ExitCode.failure
            }
            let persons = Int(scenario.population.total.rounded())
            var schools = ""
            if let schooling = scenario.schooling {
                schools = "; \(schooling.schools.count) schools"
                if schooling.hasObservedBaseYear {
                    let pupils = schooling.schools.reduce(0.0) { $0 + ($1.observed?.total ?? 0) }
                    let attendance = schooling.attendance.isEmpty ? "attendance estimated by the gravity model" : "attendance from 学籍 records"
                    schools += " with their \(scenario.baseYear) statistics (\(grouped(pupils)) pupils; \(attendance))"
                }
            }
            Stream.standardOutput.write("\(input.scenario): \(DiagnosticOutput.counts(load.diagnostics)). \"\(scenario.name)\": "
                + "\(scenario.districts.count) districts, \(scenario.communities.count) communities, "
                + "\(persons) persons in \(scenario.baseYear)\(schools), horizon \(scenario.horizon).\n")
        }
    }
}
