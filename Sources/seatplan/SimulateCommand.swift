import ArgumentParser
import Foundation
import Reports
import ScenarioIO
import SimulationPipeline

extension SeatPlan {
    /// `seatplan simulate SCENARIO_DIR --out OUT_DIR`
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Project enrollment and compare it with school seats: seat gaps, warnings and targets.",
            discussion: """
            Writes OUT_DIR/enrollment.csv, seat_gap.csv, targets.csv, warnings.csv, travel.csv, balance.csv and \
            seat_gap.xlsx (all tables as sheets, headers in Chinese and English), and prints the county's seat gaps, \
            the worst shortages and every missed target. Nothing is written when the scenario has errors.
            """
        )

        @OptionGroup var input: ScenarioArgument

        @Option(name: .long, help: "Output folder (created if missing).", completion: .directory)
        var out: String

        func run() throws {
            let load = ScenarioLoader.load(folder: URL(fileURLWithPath: input.scenario))
            DiagnosticOutput.print(load.diagnostics, includeNotes: false)
            guard let scenario = load.scenario else {
                Stream.standardError.write("\(input.scenario): \(DiagnosticOutput.counts(load.diagnostics)); nothing written.\n")
                throw ExitCode.failure
            }
            let result: SimulationResult
            do {
                result = try Simulation.run(scenario)
            } catch {
                Stream.standardError.write("error: \(error)\nnothing written.\n")
                throw ExitCode.failure
            }
            let tables = SimulationTables.make(result, scenario: scenario)
            var staging = OutputStaging()
            for table in tables { if let file = table.file { staging.add(file, table.csv) } }
            staging.add("seat_gap.xlsx", try XLSXWorkbook.make(tables))
            let written = try staging.commit(to: URL(fileURLWithPath: out))
            if let schooling = scenario.schooling { print(SimulationSummary.render(result, scenario: scenario, schooling: schooling)) }
            print("\nwrote " + written.map(\.lastPathComponent).joined(separator: ", ") + " to \(out)")
        }
    }
}
