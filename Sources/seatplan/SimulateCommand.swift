import ArgumentParser
import Foundation
import Reports
import ScenarioIO
import ScenarioModel
import SeatMetrics
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

        @Option(help: "A plan (plan.yaml) to apply to the school network year by year.", completion: .file())
        var plan: String?

        func run() throws {
            let scenario = try input.loadOrExit()
            let result: SimulationResult
            var planCost: LayoutCost?
            do {
                if let path = plan, let schooling = scenario.schooling {
                    let read = PlanFile.read(URL(fileURLWithPath: path), scenario: scenario)
                    DiagnosticOutput.print(read.diagnostics)
                    guard let p = read.plan else {
                        Stream.standardError.write("\(path): \(DiagnosticOutput.counts(read.diagnostics)); nothing written.\n")
                        throw ExitCode.failure
                    }
                    let base = try Simulation.run(scenario)
                    let evaluated = try Optimization.evaluate(p, scenario: scenario, schooling: schooling, projection: base.projection, demand: base.demand)
                    result = evaluated.result
                    let year = schooling.optimizer.designYear ?? p.actions.map(\.year).max() ?? scenario.baseYear
                    planCost = evaluated.cost(min(max(year, scenario.baseYear), scenario.horizon))
                } else {
                    result = try Simulation.run(scenario)
                }
            } catch let error as SimulationError {
                Stream.standardError.write("error: \(error)\nnothing written.\n")
                throw ExitCode.failure
            }
            let tables = SimulationTables.make(result, scenario: scenario)
            var staging = OutputStaging()
            for table in tables { if let file = table.file { staging.add(file, table.csv) } }
            staging.add("seat_gap.xlsx", try XLSXWorkbook.make(tables))
            let written = try staging.commit(to: URL(fileURLWithPath: out))
            if let schooling = scenario.schooling { print(SimulationSummary.render(result, scenario: scenario, schooling: schooling)) }
            if let c = planCost {
                print(String(format: "\nplan cost: capital ¥%.1f M; yearly ¥%.0f (annualised capital %.0f, fixed %.0f, classes %.0f, transport %.0f, boarding %.0f)",
                             c.capital / 1e6, c.total, c.annualisedCapital, c.fixedOperating, c.classes, c.transport, c.boarding))
            }
            print("\nwrote " + written.map(\.lastPathComponent).joined(separator: ", ") + " to \(out)")
        }
    }
}
