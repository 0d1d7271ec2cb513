import CGSL
import Foundation
import ScenarioIO
import ScenarioModel
import SimulationPipeline

/// A deterministic mutation fuzzer over the scenario reader and the plan reader, and the pipeline
/// behind them: each case changes one file of a seed scenario (`Tests/Fuzz/seed`) by one to three
/// mutations, loads the scenario, reads the plan, and when both are accepted runs the simulation
/// with the plan. A case passes when it ends in a result or in diagnostics — a trap ends the process,
/// and the case is then left in the work folder (its `case.txt` names it) to be kept in the corpus.
///
/// Random numbers are GSL's Mersenne Twister (`gsl_rng_mt19937`) from the run's seed, so a case is
/// reproduced by its seed and number.
public final class ScenarioFuzzer {
    /// What a run found.
    public struct Report: Sendable {
        public var cases = 0
        public var scenariosAccepted = 0
        public var scenariosRejected = 0
        public var plansAccepted = 0
        public var plansRejected = 0
        public var simulations = 0
        /// Runs stopped by the pipeline with an error (a `SimulationError`): not a crash, but listed.
        public var pipelineErrors: [String: Int] = [:]
        public var errors = 0
        /// Errors with a line (and a column or key), errors about a whole file, and errors with neither
        /// a line nor a whole-file reason (which should not exist).
        public var locatedErrors = 0
        public var fileErrors = 0
        public var unlocated: [String: Int] = [:]
        /// Cases by the file mutated.
        public var byFile: [String: Int] = [:]
    }

    /// One mutation of a file's bytes.
    enum Mutation: CaseIterable {
        case flipByte, insertByte, deleteByte, duplicateLine, deleteLine, swapLines, interestingNumber, truncate, longField, emptyCell
    }

    /// Values a planner's typo or a broken export can put in a cell.
    static let interesting = ["1e20", "-1", "nan", "inf", "-inf", "1e308", "1e-320", "0x10", "", "9223372036854775807", "-0", "5e16", "1e19",
                              "0", "2200", "1900", "-99999", "1.5", "999999999", "\u{0}", "\"", ",", "é", "中", "  ", "K1-K3", "1-13", "100+", "0-4"]

    let seed: URL
    let files: [(name: String, data: Data)]
    private let rng: OpaquePointer

    /// - Parameters: seed: the seed scenario's folder (its `plan.yaml` is the plan read with it).
    public init(seed: URL, rngSeed: UInt) throws {
        self.seed = seed
        let names = try FileManager.default.contentsOfDirectory(atPath: seed.path).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".yaml") }.sorted()
        files = try names.map { ($0, try Data(contentsOf: seed.appendingPathComponent($0))) }
        guard let r = gsl_rng_alloc(seatplan_rng_mt19937()) else { throw CocoaError(.featureUnsupported) }
        gsl_rng_set(r, rngSeed)
        rng = OpaquePointer(r)
    }

    deinit { gsl_rng_free(generator) }

    private var generator: UnsafeMutablePointer<gsl_rng> { UnsafeMutablePointer(rng) }
    private func uniform(_ n: Int) -> Int { n <= 1 ? 0 : Int(gsl_rng_uniform_int(generator, UInt(n))) }

    /// `data` with one mutation.
    func mutate(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        func joined() -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }
        switch Mutation.allCases[uniform(Mutation.allCases.count)] {
        case .flipByte:
            if !bytes.isEmpty { bytes[uniform(bytes.count)] ^= UInt8(1 << uniform(8)) }
        case .insertByte:
            let pool: [UInt8] = [0, 0x22, 0x2C, 0x0A, 0x0D, 0xFF, 0xC4, 0x3A, 0x7B, 0x5B, 0x2D, 0x2E, 0x65, 0x39, 0x20, 0x23]
            bytes.insert(pool[uniform(pool.count)], at: uniform(bytes.count + 1))
        case .deleteByte:
            if !bytes.isEmpty { bytes.remove(at: uniform(bytes.count)) }
        case .duplicateLine:
            if !lines.isEmpty { let i = uniform(lines.count); lines.insert(lines[i], at: uniform(lines.count + 1)); bytes = joined() }
        case .deleteLine:
            if !lines.isEmpty { lines.remove(at: uniform(lines.count)); bytes = joined() }
        case .swapLines:
            if lines.count > 1 { lines.swapAt(uniform(lines.count), uniform(lines.count)); bytes = joined() }
        case .interestingNumber, .emptyCell, .longField:
            // A token (digits, a word, a cell) of a random line replaced.
            guard !lines.isEmpty else { break }
            let i = uniform(lines.count)
            var tokens = lines[i].components(separatedBy: lines[i].contains(",") ? "," : " ")
            guard !tokens.isEmpty else { break }
            let t = uniform(tokens.count)
            switch Mutation.allCases[uniform(3) + 6] {
            case .interestingNumber: tokens[t] = Self.interesting[uniform(Self.interesting.count)]
            case .emptyCell: tokens[t] = ""
            default: tokens[t] = String(repeating: "9", count: 1 + uniform(400))
            }
            lines[i] = tokens.joined(separator: lines[i].contains(",") ? "," : " ")
            bytes = joined()
        case .truncate:
            bytes = Array(bytes.prefix(uniform(bytes.count + 1)))
        }
        return Data(bytes)
    }

    /// Runs `count` cases in `work` (created; left holding the last case).
    public func run(cases count: Int, work: URL, progress: (Int) -> Void = { _ in }) throws -> Report {
        let fm = FileManager.default
        try? fm.removeItem(at: work)
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: work.appendingPathComponent(name)) }
        var report = Report()
        for n in 0..<count {
            let (name, original) = files[uniform(files.count)]
            var data = original
            for _ in 0...uniform(3) { data = mutate(data) }
            try data.write(to: work.appendingPathComponent(name))
            try Data("case \(n): \(name) mutated\n".utf8).write(to: work.appendingPathComponent("case.txt"))
            run(work, file: name, into: &report)
            try original.write(to: work.appendingPathComponent(name))
            progress(n + 1)
        }
        try? fm.removeItem(at: work.appendingPathComponent("case.txt"))
        return report
    }

    /// One case: the folder as it stands.
    public func run(_ folder: URL, file: String, into report: inout Report) {
        report.cases += 1
        report.byFile[file, default: 0] += 1
        let load = ScenarioLoader.load(folder: folder)
        count(load.diagnostics, into: &report)
        guard let scenario = load.scenario else { report.scenariosRejected += 1; return }
        report.scenariosAccepted += 1
        let read = PlanFile.read(folder.appendingPathComponent("plan.yaml"), scenario: scenario)
        count(read.diagnostics, into: &report)
        if read.plan == nil { report.plansRejected += 1 } else { report.plansAccepted += 1 }
        do {
            report.simulations += 1
            let base = try Simulation.run(scenario)
            if let plan = read.plan, let schooling = scenario.schooling {
                _ = try Optimization.evaluate(plan, scenario: scenario, schooling: schooling, projection: base.projection, demand: base.demand)
            }
        } catch {
            report.pipelineErrors[String(describing: error).prefix(120).description, default: 0] += 1
        }
    }

    /// Messages about a whole file (no line can be given).
    static let wholeFile = ["file not found", "the file is not UTF-8", "the file is empty", "is empty", "cannot be read as CSV", "has no rows", "no rows",
                            "not valid YAML", "no districts", "has no population rows", "no life table", "no fertility rates", "more like this",
                            "required key"]

    private func count(_ diagnostics: [Diagnostic], into report: inout Report) {
        for d in diagnostics where d.severity == .error {
            report.errors += 1
            if d.line != nil {
                report.locatedErrors += 1
            } else if Self.wholeFile.contains(where: { d.message.contains($0) }) {
                report.fileErrors += 1
            } else {
                report.unlocated["\(d.file) [\(d.column ?? "-")]: \(d.message.prefix(100))", default: 0] += 1
            }
        }
    }
}

extension ScenarioFuzzer.Report {
    /// The report as the fuzz run prints it.
    public var text: String {
        var lines = [
            "cases \(cases): scenario accepted \(scenariosAccepted), rejected \(scenariosRejected); plan accepted \(plansAccepted), rejected \(plansRejected); "
                + "simulations run \(simulations), stopped with an error \(pipelineErrors.values.reduce(0, +)); crashes 0",
            "errors \(errors): with a line \(locatedErrors), about a whole file \(fileErrors), neither \(unlocated.values.reduce(0, +))",
            "cases by file: " + byFile.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
        ]
        for (message, n) in unlocated.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).prefix(20) { lines.append("  unlocated ×\(n): \(message)") }
        for (message, n) in pipelineErrors.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).prefix(20) { lines.append("  pipeline ×\(n): \(message)") }
        return lines.joined(separator: "\n")
    }
}
