import ArgumentParser
import Foundation
import LayoutOptimizer
import MILP
import Reports
import ScenarioIO
import ScenarioModel
import SeatMetrics
import SimulationPipeline

extension SeatPlan {
    /// `seatplan optimize SCENARIO_DIR --out OUT_DIR [--year Y] [--objective cost|travel] [--gap G] [--time-limit S]`
    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose a school layout plan: keep, close, merge, expand, board and build at least cost (or travel).",
            discussion: """
            Solves the layout model of docs/optimizer.md with CBC for the design year and writes OUT_DIR/plan.yaml \
            (dated actions, readable by simulate --plan), plan.xlsx (项目库 projects, spending by year, pupils relocated, \
            utilisation by school and year, targets), plan_report.md and assignment.csv. Reports the proven gap. \
            Seats hold the design year's pupils, or each community's largest cohort up to optimizer.seats_through. \
            When the targets cannot all hold, says which constraints bind and by how much.
            """
        )

        @OptionGroup var input: ScenarioArgument

        @OptionGroup var output: OutputArgument

        @Option(help: "Design year (default: optimizer.design_year, else the year of peak demand once new schools can open).")
        var year: Int?

        @Option(help: "Objective: cost (yearly cost, capital annualised) or travel (pupil-minutes within the budget).")
        var objective: OptimizerSettings.Objective?

        @Option(help: "A wall-clock limit in seconds on top of the search's work limits (default none: the plan is the same on any machine).")
        var timeLimit: Double?

        @Option(help: "Stop when the relative gap to the best bound is at most this.")
        var gap: Double = 0.01

        @Option(help: "Also write the MILP in LP format to this file (for inspection or another solver).", completion: .file())
        var writeModel: String?

        @Flag(help: "Show CBC's own log.")
        var solverLog = false

        func validate() throws {
            if let t = timeLimit, t <= 0 { throw ValidationError("--time-limit must be positive") }
            guard (0..<1).contains(gap) else { throw ValidationError("--gap must be in [0, 1)") }
        }

        func run() throws {
            var folder = try output.folder("optimize", for: input)
            if let model = writeModel, folder.contains(model) {
                throw ValidationError("--write-model \(model) is inside --out, which is replaced as a whole; write the model elsewhere")
            }
            let scenario = try input.loadOrExit()
            if let y = year, !scenario.years.contains(y) {
                throw ValidationError("--year \(y) is outside the scenario's years \(scenario.baseYear)–\(scenario.horizon)")
            }
            let line = ProgressLine()
            let outcome: OptimizationOutcome
            do {
                outcome = try Optimization.run(scenario, designYear: year, objective: objective,
                                               options: .init(timeLimit: timeLimit, relativeGap: gap, progress: { line.show($0); return false },
                                                              modelPath: writeModel, solverLog: solverLog))
            } catch {
                line.finish()
                Stream.standardError.write("error: \(error)\nnothing written.\n")
                throw ExitCode.failure
            }
            line.finish()
            let r = outcome.result
            guard let plan = outcome.plan, let planned = outcome.planned, let cost = outcome.cost, let schooling = scenario.schooling else {
                Stream.standardError.write(Self.infeasibility(outcome))
                throw ExitCode.failure
            }
            let context = PlanReport.Context(scenario: scenario, schooling: schooling, instance: outcome.instance, result: r, plan: plan,
                                             base: outcome.base, planned: planned, cost: cost, phased: outcome.phased)
            let periods = outcome.phased.map { [("periods", $0.instance.periods.map { String($0.year) }.joined(separator: " "))] } ?? []
            let summary: [(String, String)] = (outcome.phased == nil ? [("design_year", String(outcome.instance.designYear))] : periods) + [
                ("objective", outcome.instance.objective.rawValue),
                ("status", r.status.rawValue), ("objective_value", String(format: "%.2f", r.objective ?? .nan)),
                ("bound", String(format: "%.2f", r.bound)), ("gap", String(format: "%.6f", r.gap ?? .nan)),
                ("capital_yuan", String(format: "%.0f", LayoutCostEvaluation.capital(of: plan, schooling: schooling).capital)),
                ("yearly_cost_yuan", String(format: "%.0f", cost.total)),
            ]
            folder.add("plan.yaml", Data(try PlanFile.yaml(plan, summary: summary).utf8))
            folder.add("plan_report.md", Data(PlanReport.markdown(context).utf8))
            folder.add("assignment.csv", PlanReport.assignment(context).csv)
            let sheets = PlanTables.make(plan, statusQuo: outcome.base, planned: planned, scenario: scenario, schooling: schooling)
            folder.add("plan.xlsx") { try XLSXWorkbook.write(sheets, to: $0) }
            let written = try folder.commitOrExit()
            print(Self.summary(outcome, cost: cost))
            if r.stoppedByClock {
                print("note: --time-limit stopped the search before its work limits: another machine, or this one under another load, may give another plan")
            }
            print("wrote " + written.map(\.lastPathComponent).joined(separator: ", ") + " to \(output.out)")
        }

        static func summary(_ o: OptimizationOutcome, cost: LayoutCost) -> String {
            let r = o.result
            let counts = Dictionary(grouping: o.plan?.actions ?? [], by: \.name).mapValues(\.count)
            let actions = PlanAction.names
                .compactMap { name in counts[name].map { "\($0) \(name)" } }.joined(separator: ", ")
            let when = o.phased.map { "periods " + $0.instance.periods.map { String($0.year) }.joined(separator: ", ") } ?? "design year \(o.instance.designYear)"
            let capital = o.phased?.simulatedCost.last?.capital ?? cost.capital  // a phased plan's whole capital: in place by its last period
            return """
                \(when) · \(o.instance.points.count) demand points · \(o.instance.facilities.count) schools and build options \
                · \(r.variables) variables, \(r.constraints) constraints
                status \(r.status.rawValue) (\(r.source?.rawValue ?? "—")); objective \(String(format: "%.0f", r.objective ?? .nan)); \
                bound \(String(format: "%.0f", r.bound)); gap \(r.gap.map { String(format: "%.3f%%", $0 * 100) } ?? "—"); \(String(format: "%.1f", r.seconds)) s
                plan: \(actions.isEmpty ? "no changes" : actions); capital ¥\(String(format: "%.1f", capital / 1e6)) M; \
                yearly cost ¥\(String(format: "%.1f", cost.total / 1e6)) M in \(o.instance.designYear) (simulated)
                """
        }

        /// Why no plan: the pre-check's findings, or the elastic re-solve's minimum violations.
        static func infeasibility(_ o: OptimizationOutcome) -> String {
            var lines = ["no plan satisfies every constraint of the design year \(o.instance.designYear):"]
            for f in o.result.precheck { lines.append("  - \(f.message)") }
            for v in o.result.violations {
                let amount = v.unit == "yuan" ? "¥" + String(format: "%.1f", v.amount / 1e6) + " M" : String(format: "%.0f", v.amount) + " " + v.unit
                if v.family == .assign {
                    lines.append("  - \(amount) without a seat: \(v.label)")
                } else {
                    lines.append("  - \(v.family.rawValue) \(v.label): over by \(amount)")
                }
            }
            if o.result.violations.contains(where: { $0.family == .assign }) {
                lines.append("  pupils without a seat need a school within their travel limit: add a candidate site near them "
                             + "(candidate_sites.csv), raise optimizer.travel_limits or max_expansion_classrooms, or let the group board.")
            }
            if o.result.precheck.isEmpty && o.result.violations.isEmpty {
                lines.append(o.result.stoppedByClock ? "  - the solver found no solution before --time-limit; raise it"
                                                     : "  - the solver found no solution within its work limits")
            }
            lines.append("nothing written.")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

extension OptimizerSettings.Objective: ExpressibleByArgument {}
