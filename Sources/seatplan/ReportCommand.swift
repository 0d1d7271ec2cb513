import ArgumentParser
import Foundation
import PlanComparison
import Reports
import ScenarioIO
import ScenarioModel

extension SeatPlan {
    /// `seatplan report SCENARIO_DIR [--plan P …] --out OUT_DIR`
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the report for the county leadership: one self-contained HTML file with tables, charts and a map.",
            discussion: """
            Writes OUT_DIR/report.html (Chinese first with English beside it; opens without a network and prints on A4): \
            the summary, the base year against the statistics, targets by year, seat gaps by township and stage, \
            school-age population and demand against seats, the map, and with --plan the plans side by side. \
            Nothing is written when the scenario or a plan has errors.
            """
        )

        @OptionGroup var input: ScenarioArgument

        @Option(name: .long, help: "A plan (plan.yaml) to report and compare (repeatable; the first is drawn on the map).", completion: .file())
        var plan: [String] = []

        @OptionGroup var output: OutputArgument

        func run() throws {
            var folder = try output.folder("report", for: input)
            let scenario = try input.loadOrExit()
            let schooling = try ScenarioArgument.schooling(of: scenario)
            let compared = try PlanOption.simulate(plan, scenario: scenario, schooling: schooling)
            let rows = PlanComparison.compare(compared, scenario: scenario, schooling: schooling)
            let html = LeadershipReport.html(.init(scenario: scenario, schooling: schooling, plans: compared, rows: rows))
            folder.add("report.html", Data(html.utf8))
            let written = try folder.commitOrExit()
            print("wrote " + written.map(\.lastPathComponent).joined(separator: ", ") + " to \(output.out)")
        }
    }
}
