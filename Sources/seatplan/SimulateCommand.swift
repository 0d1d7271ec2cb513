import ArgumentParser
import Foundation
import PlanComparison
import Reports
import ScenarioIO
import ScenarioModel
import SeatMetrics
import SchoolNetwork
import SimulationPipeline
import UncertaintyAnalysis

extension SeatPlan {
    /// `seatplan simulate SCENARIO_DIR --out OUT_DIR`
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Project enrollment and compare it with school seats: seat gaps, warnings and targets.",
            discussion: """
            Writes OUT_DIR/enrollment.csv, seat_gap.csv, targets.csv, warnings.csv, travel.csv, balance.csv, staffing.csv (教职工编制) and \
            seat_gap.xlsx (a summary sheet, then all tables as sheets, headers in Chinese and English; with --plan also the \
            plan's sheets: projects, spending by year, pupils relocated, utilisation, targets), and prints the county's seat gaps, \
            the worst shortages and every missed target. With --draws N it writes only seat_gap_bands.csv (P10/P50/P90 of \
            demand and gap) and shortage_probability.csv over N draws of the uncertain inputs. Nothing is written when the \
            scenario has errors.
            """
        )

        @OptionGroup var input: ScenarioArgument

        @OptionGroup var output: OutputArgument

        @Option(help: "A plan (plan.yaml) to apply to the school network year by year.", completion: .file())
        var plan: String?

        @OptionGroup var sampling: DrawOptions

        func run() throws {
            if let n = sampling.draws { return try runDraws(n, folder: try output.folder("simulate --draws", for: input)) }
            var folder = try output.folder("simulate", for: input)
            let scenario = try input.loadOrExit()
            let result: SimulationResult
            var planCost: LayoutCost?
            var planSheets: [ReportTable] = []
            do {
                if let path = plan, let schooling = scenario.schooling {
                    let p = try PlanOption.read(path, scenario: scenario)
                    let base = try Simulation.run(scenario)
                    let evaluated = try Optimization.evaluate(p, scenario: scenario, schooling: schooling, projection: base.projection, demand: base.demand)
                    result = evaluated.result
                    let year = schooling.optimizer.designYear ?? p.actions.map(\.year).max() ?? scenario.baseYear
                    planCost = evaluated.cost(min(max(year, scenario.baseYear), scenario.horizon))
                    planSheets = PlanTables.make(p, statusQuo: base, planned: result, scenario: scenario, schooling: schooling)
                } else {
                    result = try Simulation.run(scenario)
                }
            } catch let error as SimulationError {
                Stream.standardError.write("error: \(error)\nnothing written.\n")
                throw ExitCode.failure
            }
            let tables = SimulationTables.make(result, scenario: scenario)
            for table in tables { if let file = table.file { folder.add(file, table.csv) } }
            folder.add("seat_gap.xlsx") { try XLSXWorkbook.write(tables + planSheets, to: $0) }
            let written = try folder.commitOrExit()
            if let schooling = scenario.schooling { print(SimulationSummary.render(result, scenario: scenario, schooling: schooling)) }
            if let c = planCost {
                print(String(format: "\nplan cost: capital ¥%.1f M; yearly ¥%.0f (annualised capital %.0f, fixed %.0f, classes %.0f, transport %.0f, boarding %.0f)",
                             c.capital / 1e6, c.total, c.annualisedCapital, c.fixedOperating, c.classes, c.transport, c.boarding))
            }
            print("\nwrote " + written.map(\.lastPathComponent).joined(separator: ", ") + " to \(output.out)")
        }

        /// `--draws N`: the bands of demand and seat gap over N draws of the uncertain inputs.
        func runDraws(_ n: Int, folder: OutputFolder) throws {
            var folder = folder
            let scenario = try input.loadOrExit()
            let schooling = try ScenarioArgument.schooling(of: scenario)
            var network = NetworkTimeline.constant(schooling, years: scenario.years)
            var title = "\(scenario.name) · seat gap bands 学位缺口区间 \(scenario.baseYear)–\(scenario.horizon)"
            if let path = plan {
                let p = try PlanOption.read(path, scenario: scenario)
                do {
                    network = try PlanApplication.apply(p, to: schooling, years: scenario.years)
                } catch {
                    Stream.standardError.write("error: \(SimulationError.plan(error))\nnothing written.\n")
                    throw ExitCode.failure
                }
                title += " · \(p.name)"
            }
            let results = try sampling.run(scenario, networks: [(title, network)])[0]
            let bands = SeatGapBands.compute(results)
            folder.add("seat_gap_bands.csv", UncertaintyReport.bands(bands).csv)
            folder.add("shortage_probability.csv", UncertaintyReport.shortage(bands).csv)
            let written = try folder.commitOrExit()
            print(UncertaintyReport.summary(bands, stageShortage: SeatGapBands.stageShortage(results), years: PlanComparison.defaultYears(scenario.years),
                                            draws: n, seed: sampling.seed, title: title))
            print("\nwrote " + written.map(\.lastPathComponent).joined(separator: ", ") + " to \(output.out)")
        }
    }
}

/// Reading `--plan`: its diagnostics printed; exit 1 (nothing written) when it has errors.
enum PlanOption {
    static func read(_ path: String, scenario: Scenario) throws -> Plan {
        let read = PlanFile.read(URL(fileURLWithPath: path), scenario: scenario)
        DiagnosticOutput.print(read.diagnostics)
        guard let p = read.plan else {
            Stream.standardError.write("\(path): \(DiagnosticOutput.counts(read.diagnostics)); nothing written.\n")
            throw ExitCode.failure
        }
        return p
    }

    /// The status quo and the plans at `paths`, simulated (`PlanComparison.simulate`); exit 1 (nothing
    /// written) when a plan has errors or the simulation fails, the message led by `context`.
    static func simulate(_ paths: [String], scenario: Scenario, schooling: Schooling, context: String = "") throws -> [ComparedPlan] {
        let plans = try paths.map { try read($0, scenario: scenario) }
        do {
            return try PlanComparison.simulate(plans, scenario: scenario, schooling: schooling)
        } catch {
            Stream.standardError.write("error: \(context)\(error)\nnothing written.\n")
            throw ExitCode.failure
        }
    }
}
