import Demography
import Foundation
import ScenarioIO
import ScenarioModel
import Testing

@Suite("ScenarioLoader: valid input and harmless variations")
struct ScenarioLoaderTests {
    @Test("the minimal scenario.yaml of the issue is accepted as written")
    func minimal() throws {
        let load = ScenarioLoader.load(folder: try ScenarioFixture.valid.write())
        #expect(load.errors.isEmpty, "\(load.errors)")
        let s = try #require(load.scenario)
        #expect(s.name == "Example county" && s.baseYear == 2024 && s.horizon == 2040)
        #expect(s.sexRatioAtBirth.value(in: 2030) == 1.12)
        #expect(s.population.areas == ["D1", "D2"])
        // 2 areas × 2 sexes × Σ (100 − ⌊age/2⌋) over 0 … 100 = 4 × (10100 − 2500) = 30,400.
        #expect(s.population.total == 30_400)
        #expect(abs((s.fertility.county?.tfr ?? 0) - 35 * 0.045) < 1e-12)
    }

    @Test("a silent sex ratio at birth defaults to 1.05 and says so")
    func defaultSRB() throws {
        var f = ScenarioFixture.valid
        f.replace("scenario.yaml", "sex_ratio_at_birth: 1.12\n", "")
        let load = ScenarioLoader.load(folder: try f.write())
        #expect(load.scenario?.sexRatioAtBirth.value(in: 2024) == 1.05)
        #expect(load.diagnostics.contains { $0.severity == .note && $0.column == "sex_ratio_at_birth" && $0.message.contains("1.05") })
    }

    @Test("CRLF line ends, a byte-order mark, Chinese names and trailing blank lines give the same scenario")
    func harmlessVariations() throws {
        let plain = try #require(ScenarioLoader.load(folder: try ScenarioFixture.valid.write()).scenario)
        var f = ScenarioFixture.valid
        for name in ["districts.csv", "population.csv", "fertility.csv", "mortality.csv"] {
            let text = f.files[name] ?? ""
            f.files[name] = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n\r\n,,\r\n"
        }
        f.files["scenario.yaml"] = "\u{FEFF}" + (f.files["scenario.yaml"] ?? "").replacingOccurrences(of: "\n", with: "\r\n")
        f.replace("districts.csv", "山乡", "\"半坡乡, 哈尼族聚居\"")
        let load = ScenarioLoader.load(folder: try f.write())
        #expect(load.errors.isEmpty, "\(load.errors)")
        let varied = try #require(load.scenario)
        #expect(varied.population == plain.population)
        #expect(varied.fertility == plain.fertility)
        #expect(varied.mortality == plain.mortality)
        #expect(varied.districts[1].name == "半坡乡, 哈尼族聚居")
    }

    @Test("5-year groups are accepted and split, keeping each group's total")
    func fiveYearGroups() throws {
        var f = ScenarioFixture.valid
        var rows = "area,sex,age,population\n"
        for area in ["D1", "D2"] {
            for sex in ["M", "F"] {
                for g in 0..<17 { rows += "\(area),\(sex),\(5 * g)-\(5 * g + 4),\(1000 - 40 * g)\n" }
                rows += "\(area),\(sex),85岁及以上,120\n"
            }
        }
        f.files["population.csv"] = rows
        let load = ScenarioLoader.load(folder: try f.write())
        #expect(load.errors.isEmpty, "\(load.errors)")
        let s = try #require(load.scenario)
        let block = s.population.block(0)
        for g in 0..<17 {
            let sum = (5 * g...(5 * g + 4)).reduce(0.0) { $0 + block[Ages.index(.female, $1)] }
            #expect(abs(sum - Double(1000 - 40 * g)) < 1e-9)
        }
        #expect(abs((85...100).reduce(0.0) { $0 + block[Ages.index(.male, $1)] } - 120) < 1e-9)
        #expect(load.diagnostics.contains { $0.severity == .note && $0.message.contains("split") })
    }

    @Test("communities hold the counts of their district; optional tables are read")
    func communitiesAndOptionalTables() throws {
        var f = ScenarioFixture.valid
        f.files["scenario.yaml"] = ScenarioFixture.minimalYAML + """

              communities: communities.csv
              migration: migration.csv
              housing: housing.csv
            migration:
              net_per_year: {D2: -50}
            urbanization:
              rate: {2024: 0.5, 2040: 0.6}
            fertility:
              tfr: {2024: 1.5, 2030: 1.3}
            mortality:
              improvement: 0.01
            """
        f.files["communities.csv"] = "id,district,name,kind,lat,lon\nC1,D2,大寨村,admin_village,23.01,102.40\nC2,D2,小寨,natural_village,23.02,102.41\n"
        f.files["population.csv"] = ScenarioFixture.population(areas: ["D1", "C1", "C2"])
        f.files["migration.csv"] = "area,sex,age,net_migrants,year\nD1,F,20-24,10,2025\nC1,M,30,-2,\n"
        f.files["housing.csv"] = "area,year,households,persons_per_household,from\nD1,2026,200,3.1,D2\n"
        let load = ScenarioLoader.load(folder: try f.write())
        #expect(load.errors.isEmpty, "\(load.errors)")
        let s = try #require(load.scenario)
        #expect(s.population.areas == ["D1", "C1", "C2"])
        #expect(s.communities.map(\.kind) == [.adminVillage, .naturalVillage])
        #expect(s.migration.byYear[2025]?["D1"]?[Ages.index(.female, 22)] == 2)  // 10 over five ages
        #expect(s.migration.everyYear["C1"]?[Ages.index(.male, 30)] == -2)
        #expect(s.housing.estates == [HousingEstate(area: "D1", year: 2026, households: 200, personsPerHousehold: 3.1, origin: "D2")])
        #expect(s.migration.netTotals["D2"] == YearPath(constant: -50))
        #expect(s.fertility.tfrPath?.value(in: 2027) == 1.4)
        #expect(s.mortality.improvementRate == 0.01)
        #expect(s.urbanization?.urbanKinds == [.countySeat, .street])
    }

    @Test("the default scenario in Scenarios/ loads without errors or warnings")
    func defaultScenario() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/yunling")
        let load = ScenarioLoader.load(folder: folder)
        #expect(load.diagnostics.filter { $0.severity != .note }.isEmpty, "\(load.diagnostics)")
        let s = try #require(load.scenario)
        #expect(s.districts.count == 9 && s.communities.count == 80)
        #expect(abs(s.population.total - 204_067) < 1e-6)  // the sum of population.csv
    }
}
