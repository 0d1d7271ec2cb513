import Foundation
import ScenarioIO
import ScenarioModel
import SeatMetrics
import SimulationPipeline
import Testing

/// Staff (教职工编制) by the national norms, on the default county's own base year: the pupils and
/// classes of schools.csv, divided by hand.
@Suite("Staffing 教职工编制")
struct StaffingTests {
    static func row(_ r: SimulationResult, _ id: String, _ stage: Stage?, _ year: Int = 2024) throws -> StaffingRow {
        try #require(r.staffing.first { $0.id == id && $0.stage == stage && $0.year == year }, "\(id) \(stage?.rawValue ?? "all") \(year)")
    }

    @Test("by pupils at 1:19, 1:13.5, 1:12.5, 1:20 and 1:7, by classes at 3 a kindergarten class; a school's stages and the county sum")
    func nationalNorms() throws {
        let r = try DefaultBaseYearTests.run()
        // 县第一小学 (D01P1): 265 + 274 + 271 + 260 + 262 + 263 = 1,595 pupils in 32 classes; 1,595 / 19 = 83.95.
        let p1 = try Self.row(r, "D01P1", .primary)
        #expect(p1.pupils == 1595 && p1.classes == 32 && abs(p1.needed - 83.947) < 0.001 && p1.byClasses == 0)
        // 县第一幼儿园 (D01K1): 204 + 173 + 193 = 570 children in 20 classes: 570 / 7 = 81.43 > 20 × 3 = 60.
        let k1 = try Self.row(r, "D01K1", .kindergarten)
        #expect(abs(k1.byPupils - 81.429) < 0.001 && k1.byClasses == 60 && k1.needed == k1.byPupils)
        // 松林幼儿班 (D04K2): 15 + 16 + 17 = 48 children in 2 classes: 48 / 7 = 6.86 > 2 × 3 = 6.
        let k2 = try Self.row(r, "D04K2", .kindergarten)
        #expect(abs(k2.needed - 6.857) < 0.001 && k2.byClasses == 6)
        // The county's primary stage: 17,336 pupils (the statistics) / 19 = 912.42, the sum of its schools'.
        let county = try Self.row(r, "county", .primary)
        #expect(county.pupils == 17336 && abs(county.needed - 912.421) < 0.001)
        // The other stages of the county: junior 8,818 / 13.5 = 653.19, senior 4,520 / 12.5 = 361.6, vocational 3,042 / 20 = 152.1.
        for (stage, pupils, needed) in [(Stage.junior, 8818.0, 653.185), (.senior, 4520, 361.6), (.vocational, 3042, 152.1)] {
            let c = try Self.row(r, "county", stage)
            #expect(c.pupils == pupils && abs(c.needed - needed) < 0.001, "\(stage)")
        }
        // A school's all-stages row sums its stages; no staff given, no gap.
        let all = try Self.row(r, "D01P1", nil)
        #expect(all.needed == p1.needed && all.current == nil && all.gap == nil)
    }

    @Test("a class floor for small schools (staffing.staff_per_class) and the staff the schools have (staff column): the gap")
    func floorAndStaffNow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seatplan-staffing-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: DefaultScenarioTests.folder, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Staff given for two schools only: D01P1 80, the teaching point D02T1 老虎箐 1.
        let schools = folder.appendingPathComponent("schools.csv")
        var lines = try String(contentsOf: schools, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices where !lines[i].isEmpty {
            let id = lines[i].prefix { $0 != "," }
            lines[i] += i == 0 ? ",staff" : id == "D01P1" ? ",80" : id == "D02T1" ? ",1" : ","
        }
        try lines.joined(separator: "\n").write(to: schools, atomically: true, encoding: .utf8)
        let load = ScenarioLoader.load(folder: folder, options: ScenarioOptions(overrides: [
            ScenarioOverride(key: ["staffing", "staff_per_class", "primary"], value: "2"),
        ]))
        let scenario = try #require(load.scenario, "\(load.diagnostics)")
        let r = try Simulation.run(scenario)
        // D01P1: max(1,595 / 19 = 83.95, 32 × 2 = 64) = 83.95 against 80: 3.95 short.
        let p1 = try Self.row(r, "D01P1", nil)
        #expect(p1.byClasses == 64 && abs(p1.gap! - 3.947) < 0.001)
        // 老虎箐教学点: 12 pupils in 1 class: max(12 / 19 = 0.63, 1 × 2) = 2 against 1.
        let point = try Self.row(r, "D02T1", nil)
        #expect(point.pupils == 12 && point.needed == 2 && point.gap == 1)
        // A district has staff only when every school of it gives it.
        #expect(try Self.row(r, "D01", nil).current == nil)
    }
}
