import ArgumentParser
import Foundation
import PlanComparison
import Reports
import ScenarioIO
import ScenarioModel

extension SeatPlan {
    /// `seatplan report SCENARIO_DIR [--plan P …] [--draws N] --out OUT_DIR`
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the report for the county leadership: one self-contained HTML file with tables, charts and a map.",
            discussion: """
            Writes OUT_DIR/report.html (Chinese first with English beside it; opens without a network and prints on A4): \
            the summary, the base year against the statistics, targets by year, seat gaps by township and stage, \
            school-age population and demand against seats, with --draws the uncertainty fans, the map, and with --plan \
            the plans side by side. \
            Nothing is written when the scenario or a plan has errors.
            """
        )

        @OptionGroup var input: ScenarioArgument

        @Option(name: .long, help: "A plan (plan.yaml) to report and compare (repeatable; the first is drawn on the map).", completion: .file())
        var plan: [String] = []

        @OptionGroup var output: OutputArgument

        @OptionGroup var sampling: DrawOptions

        func run() throws {
            var folder = try output.folder("report", for: input)
            let scenario = try input.loadOrExit()
            let schooling = try ScenarioArgument.schooling(of: scenario)
            let compared = try PlanOption.simulate(plan, scenario: scenario, schooling: schooling)
            let rows = PlanComparison.compare(compared, scenario: scenario, schooling: schooling)
            let draws = try sampling.draws.map { n in
                LeadershipReport.Draws(count: n, seed: sampling.seed,
                                       results: try sampling.run(scenario, networks: compared.map { ($0.name, $0.result.allocation.network) }))
            }
            let html = LeadershipReport.html(.init(scenario: scenario, schooling: schooling, plans: compared, rows: rows, draws: draws))
            folder.add("report.html", Data(html.utf8))
            let written = try folder.commitOrExit()
            print("wrote " + written.map(\.lastPathComponent).joined(separator: ", ") + " to \(output.out)")
        }
    }
}
