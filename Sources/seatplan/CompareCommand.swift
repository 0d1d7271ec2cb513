import ArgumentParser
import Foundation
import PlanComparison
import Reports
import ScenarioIO
import ScenarioModel
import SimulationPipeline
import UncertaintyAnalysis

extension SeatPlan {
    /// `seatplan compare SCENARIO_DIR --plan A.yaml --plan B.yaml --out OUT_DIR`
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare plans side by side with the status quo: cost, seats, schools, pupils moved, travel, gaps and targets.",
            discussion: """
            The status quo (the current network, no plan) is always the first column. Writes OUT_DIR/comparison.csv \
            (long form: plan,indicator,stage,year,value, every year), comparison.xlsx (a sheet per topic, a column per \
            plan) and comparison.md (the chosen years), and prints the headline rows. Nothing is written when the \
            scenario or a plan has errors.
            """
        )

        @OptionGroup var input: ScenarioArgument

        @Option(name: .long, help: "A plan (plan.yaml) to compare (repeatable).", completion: .file())
        var plan: [String] = []

        @OptionGroup var output: OutputArgument

        @Option(name: .long, help: ArgumentHelp("Years shown in comparison.md and on the terminal, e.g. 2027,2030,2040 (default: base, base + 3, base + 6, horizon).",
                                                valueName: "years"))
        var years: String?

        @OptionGroup var sampling: DrawOptions

        func run() throws {
            var folder = try output.folder("compare", for: input)
            let scenario = try input.loadOrExit()
            let schooling = try ScenarioArgument.schooling(of: scenario)
            let shown = try shownYears(scenario)
            let compared = try PlanOption.simulate(plan, scenario: scenario, schooling: schooling)
            var rows = PlanComparison.compare(compared, scenario: scenario, schooling: schooling)
            if sampling.draws != nil {
                let results = try sampling.run(scenario, networks: compared.map { ($0.name, $0.result.allocation.network) })
                for (p, r) in zip(compared, results) {
                    rows += PlanComparison.drawRows(plan: p.name, stages: SeatGapBands.stageShortage(r), anyStage: SeatGapBands.anyStageShort(r))
                }
            }
            let names = compared.map(\.name)
            let title = "\(scenario.name) · plan comparison 方案比较 \(scenario.baseYear)–\(scenario.horizon)"
            folder.add("comparison.csv", ComparisonReport.csv(rows))
            let sheets = ComparisonReport.tables(rows, plans: names)
            folder.add("comparison.xlsx") { try XLSXWorkbook.write(sheets, to: $0) }
            folder.add("comparison.md", Data(ComparisonReport.markdown(rows, plans: names, years: shown, title: title).utf8))
            let written = try folder.commitOrExit()
            print(title)
            print("")
            print(ComparisonReport.headline(rows, plans: names, years: shown))
            print("\nwrote " + written.map(\.lastPathComponent).joined(separator: ", ") + " to \(output.out)")
        }

        /// The years of `--years`, each within the scenario's years.
        func shownYears(_ scenario: Scenario) throws -> [Int] {
            let range = scenario.baseYear...scenario.horizon
            guard let text = years else { return PlanComparison.defaultYears(range) }
            let parsed = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !parsed.isEmpty, parsed.allSatisfy({ $0.map(range.contains) ?? false }) else {
                throw ValidationError("--years \(text): give years between \(range.lowerBound) and \(range.upperBound) separated by commas")
            }
            return Array(Set(parsed.compactMap { $0 })).sorted()
        }
    }
}
