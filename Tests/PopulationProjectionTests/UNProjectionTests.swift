import Foundation
import PopulationProjection
import ScenarioIO
import ScenarioModel
import Testing

/// A second method on a real population: the UN's own cohort-component projection of China.
@Suite("China from the UN's 2020 estimates against the UN's medium projection")
struct UNProjectionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data/china2020")

    /// UN medium variant, both sexes, by year and 5-year group (`un_medium.csv`, thousands).
    static func unMedium() throws -> [String: Double] {
        let text = try String(contentsOf: folder.appendingPathComponent("un_medium.csv"), encoding: .utf8)
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            out["\(f[0])|\(f[1])"] = (Double(f[2]) ?? 0) * 1000
        }
        return out
    }

    @Test("ages 0–19 within 1% of the UN's projection to 2040, every 5-year group within 1.5%")
    func childrenMatch() throws {
        let load = ScenarioLoader.load(folder: Self.folder)
        #expect(load.errors.isEmpty, "\(load.errors)")
        let scenario = try #require(load.scenario)
        // Fertility by year and mortality by 5-year group and year are read as given.
        #expect(scenario.fertility.countySeries?.years == [2020, 2021, 2025, 2030, 2035, 2040])
        #expect(scenario.mortality.countySeries?.years == [2022, 2027])
        let p = try CohortComponentProjection.run(scenario)
        let un = try Self.unMedium()
        for year in [2025, 2030, 2035, 2040] {
            var ours = 0.0, theirs = 0.0
            for lower in stride(from: 0, through: 15, by: 5) {
                let projected = p.total(year: year, ages: lower...(lower + 4))
                let published = try #require(un["\(year)|\(lower)-\(lower + 4)"])
                #expect(abs(projected / published - 1) < 0.015, "\(year) \(lower)–\(lower + 4): \(projected) vs \(published)")
                ours += projected
                theirs += published
            }
            #expect(abs(ours / theirs - 1) < 0.01, "\(year) 0–19: \(ours) vs \(theirs)")
        }
    }
}
