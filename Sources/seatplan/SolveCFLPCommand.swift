import ArgumentParser
import FacilityLocation
import Foundation
import MILP

extension SeatPlan {
    /// `seatplan solve-cflp FILE [--capacity C] [--single-source] [--time-limit S]`
    struct SolveCFLP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "solve-cflp",
            abstract: "Solve an OR-Library capacitated facility location instance (a benchmark of the optimizer).",
            discussion: """
            Reads Beasley's cap41 … capc format, solves it with the layout optimizer's MILP layer (Lagrangian bound and \
            heuristic, bound-based site fixing, CBC), and prints as its last line \
            objective=<value> bound=<value> gap=<value> seconds=<wall time>.
            """
        )

        @Argument(help: "Instance file (e.g. cap41.txt or capa.txt).", completion: .file())
        var file: String

        @Option(help: "Capacity of every site, replacing the file's (required for capa/capb/capc, whose files write the word \"capacity\").")
        var capacity: Double?

        @Flag(help: "Serve each customer from one site (binary assignment, as school catchments need); the published optima are for split demand.")
        var singleSource = false

        @Option(help: "Time limit in seconds.")
        var timeLimit: Double = 600

        @Option(help: "Relative optimality gap at which to stop.")
        var gap: Double = 1e-9

        func validate() throws {
            guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive") }
            guard (0..<1).contains(gap) else { throw ValidationError("--gap must be in [0, 1)") }
            if let c = capacity, c <= 0 { throw ValidationError("--capacity must be positive") }
        }

        func run() throws {
            let start = Date()
            var problem: CapacitatedFacilityLocation
            do {
                problem = try ORLibrary.read(URL(fileURLWithPath: file), capacity: capacity)
            } catch {
                Stream.standardError.write("error: \(file): \(error)\n")
                throw ExitCode.failure
            }
            problem.singleSource = singleSource
            let line = ProgressLine()
            let result = FacilityLocationSolver.solve(problem, options: .init(timeLimit: timeLimit, relativeGap: gap, progress: { line.show($0); return false }))
            line.finish()
            let seconds = Date().timeIntervalSince(start)
            print(Self.summary(result, problem: problem))
            print(String(format: "timing: model built in %.4f s, solved in %.3f s", result.buildSeconds, seconds - result.buildSeconds))
            let objective = result.objective ?? .nan, bound = result.bound, achieved = result.gap ?? .nan
            print(String(format: "objective=%.6f bound=%.6f gap=%.3e seconds=%.3f", objective, bound, achieved, seconds))
        }
    
        /// Size, status, fixing and the open sites (1-based, as OR-Library numbers them).
        static func summary(_ result: FacilityLocationSolver.Result, problem: CapacitatedFacilityLocation) -> String {
            var open: [String] = []
            if let s = result.solution {
                for i in s.open.indices where s.open[i] { open.append(String(i + 1)) }
            }
            return "\(problem.sites) sites × \(problem.clients) customers\(problem.singleSource ? ", single source" : ""); "
                + "status \(result.status.rawValue); sites fixed by the Lagrangian bound: \(result.fixedOpen) open, \(result.fixedClosed) closed\n"
                + "open sites: \(open.isEmpty ? "—" : open.joined(separator: " "))"
                + (result.infeasibility.map { "\ninfeasible: \($0)" } ?? "")
        }
    }
}
