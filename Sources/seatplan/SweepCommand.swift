import ArgumentParser
import Foundation
import PlanComparison
import Reports
import ScenarioIO
import ScenarioModel
import SimulationPipeline

extension SeatPlan {
    /// `seatplan sweep SCENARIO_DIR --set-range key=a:b:step --metric NAME [--plan P] --out OUT_DIR`
    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tabulate named outputs across a grid of one input: the same figures as compare, one run per value.",
            discussion: """
            Each grid value is a --set run of the scenario (after any --variant and --set), simulated with the status quo \
            or with --plan; each --metric names a figure of comparison.csv: INDICATOR[.STAGE][.YEAR or .FROM-TO], e.g. \
            seat_gap.primary.2030, seats_short.kindergarten.2027, capital.2025-2027 (a range sums the years), lifetime_cost. \
            Writes OUT_DIR/sweep.csv and prints the table. Nothing is written when any run has errors.
            """
        )

        @OptionGroup var input: ScenarioArgument

        @Option(name: .customLong("set-range"), help: ArgumentHelp("The input and its grid, e.g. fertility.tfr.2030=1.0:1.8:0.2 (from, to, step; both ends included).",
                                                                   valueName: "key=from:to:step"))
        var range: String

        @Option(name: .long, help: "A figure to tabulate (repeatable), e.g. seat_gap.primary.2030.")
        var metric: [String]

        @Option(help: "A plan (plan.yaml) to simulate at each value instead of the status quo.", completion: .file())
        var plan: String?

        @OptionGroup var output: OutputArgument

        func validate() throws {
            _ = try grid()
            guard !metric.isEmpty else { throw ValidationError("give at least one --metric") }
            for m in metric {
                do { _ = try ComparisonMetric(m) } catch { throw ValidationError(error.description) }
            }
        }

        /// The key and its values, as they are given to --set (shortest decimals: 1.2, not 1.2000000000000002).
        func grid() throws -> (key: String, values: [String]) {
            let bad = ValidationError("--set-range \(range): write key=from:to:step with from ≤ to and step > 0, e.g. fertility.tfr.2030=1.0:1.8:0.2")
            guard let eq = range.firstIndex(of: "=") else { throw bad }
            let key = String(range[..<eq])
            let numbers = range[range.index(after: eq)...].split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !key.isEmpty, numbers.count == 3, let a = numbers[0], let b = numbers[1], let step = numbers[2], step > 0, a <= b,
                  (b - a) / step < 1000 else { throw bad }
            let count = Int(((b - a) / step + 1e-9).rounded(.down)) + 1
            let values = (0..<count).map { i -> String in
                let v = ((a + Double(i) * step) * 1e10).rounded() / 1e10
                return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
            }
            return (key, values)
        }

        func run() throws {
            var folder = try output.folder("sweep", for: input)
            let (key, values) = try grid()
            let metrics = try metric.map { m in try ComparisonMetric(m) }
            var table: [[Double]] = []
            for value in values {
                var point = input
                point.overrides.append("\(key)=\(value)")
                let scenario = try point.loadOrExit()
                let schooling = try ScenarioArgument.schooling(of: scenario)
                let compared = try PlanOption.simulate(plan.map { [$0] } ?? [], scenario: scenario, schooling: schooling, context: "--set \(key)=\(value): ")
                let rows = PlanComparison.compare(compared, scenario: scenario, schooling: schooling)
                let name = compared[compared.count - 1].name  // the plan's, else the status quo's
                do {
                    table.append(try metrics.map { try $0.value(in: rows, plan: name) })
                } catch {
                    Stream.standardError.write("error: \(error)\nnothing written.\n")
                    throw ExitCode.failure
                }
            }
            folder.add("sweep.csv", SweepReport.csv(key: key, values: values, metrics: metrics.map(\.text), table: table))
            let written = try folder.commitOrExit()
            print(SweepReport.render(key: key, values: values, metrics: metrics.map(\.text), table: table))
            print("\nwrote " + written.map(\.lastPathComponent).joined(separator: ", ") + " to \(output.out)")
        }
    }
}
