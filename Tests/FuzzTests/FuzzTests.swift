import Foundation
@testable import ScenarioFuzzing
import Testing

/// The fuzz harness in CI: the corpus of inputs found or named in the issues, then a short run.
/// (The 10⁵-case run: `swift run -c release ScenarioFuzz`; its figures are in docs/bad-input.md.)
@Suite("Fuzzing the scenario and plan readers")
struct FuzzTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seed = root.appendingPathComponent("Tests/Fuzz/seed")
    static let corpus = root.appendingPathComponent("Tests/FuzzTests/corpus")

    /// The seed scenario with one file replaced by a corpus entry (`NNN-<file name>`).
    private func folder(with entry: String?) throws -> (URL, String) {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("seatplan-corpus-\(UUID().uuidString)")
        try fm.copyItem(at: Self.seed, to: folder)
        guard let entry else { return (folder, "") }
        let name = String(entry.drop { $0 != "-" }.dropFirst())
        try fm.removeItem(at: folder.appendingPathComponent(name))
        try fm.copyItem(at: Self.corpus.appendingPathComponent(entry), to: folder.appendingPathComponent(name))
        return (folder, name)
    }

    @Test("the seed is valid and runs with its plan: a district without communities (D2), a stage without schools (vocational)")
    func seedRuns() throws {
        let communities = try String(contentsOf: Self.seed.appendingPathComponent("communities.csv"), encoding: .utf8)
        let schools = try String(contentsOf: Self.seed.appendingPathComponent("schools.csv"), encoding: .utf8)
        #expect(!communities.contains(",D2,") && !schools.contains(",vocational,"))
        let fuzzer = try ScenarioFuzzer(seed: Self.seed, rngSeed: 1)
        var report = ScenarioFuzzer.Report()
        let (folder, _) = try folder(with: nil)
        fuzzer.run(folder, file: "", into: &report)
        #expect(report.scenariosAccepted == 1 && report.plansAccepted == 1 && report.pipelineErrors.isEmpty, "\(report.text)")
    }

    @Test("every corpus input ends in a result or a located error")
    func corpus() throws {
        let fuzzer = try ScenarioFuzzer(seed: Self.seed, rngSeed: 1)
        let entries = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(entries.count >= 5)
        var report = ScenarioFuzzer.Report()
        for entry in entries {
            let (folder, name) = try folder(with: entry)
            fuzzer.run(folder, file: name, into: &report)
        }
        #expect(report.cases == entries.count)
        #expect(report.unlocated.isEmpty, "\(report.text)")
        // The zero cohort with an outflow and the 100-year horizon run to the end.
        #expect(report.simulations >= 2 && report.pipelineErrors.isEmpty, "\(report.text)")
    }

    @Test("500 mutated cases: no crash, every error located")
    func shortRun() throws {
        let fuzzer = try ScenarioFuzzer(seed: Self.seed, rngSeed: 7)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("seatplan-fuzz-\(UUID().uuidString)")
        let report = try fuzzer.run(cases: 500, work: work)
        #expect(report.cases == 500 && report.scenariosAccepted > 0 && report.scenariosRejected > 0)
        #expect(report.unlocated.isEmpty, "\(report.text)")
    }
}
