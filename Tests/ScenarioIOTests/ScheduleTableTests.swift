import Demography
import Foundation
import ScenarioIO
import ScenarioModel
import Testing

@Suite("ScenarioLoader: fertility and mortality by year and by age group")
struct ScheduleTableTests {
    private func load(_ change: (inout ScenarioFixture) -> Void) throws -> ScenarioLoad {
        var f = ScenarioFixture.valid
        change(&f)
        return ScenarioLoader.load(folder: try f.write())
    }

    @Test("fertility schedules by year are interpolated between the years given and held outside them")
    func fertilityByYear() throws {
        // A flat 0.02 in 2020 and 0.04 in 2030 (TFR 0.7 and 1.4): 0.03 in 2025, 0.04 from 2030 on.
        let r = try load { f in
            f.files["fertility.csv"] = "year,age,asfr\n2020,15-49,0.02\n2030,15-49,0.04\n"
        }
        #expect(r.errors.isEmpty, "\(r.errors)")
        let series = try #require(r.scenario?.fertility.countySeries)
        #expect(series.years == [2020, 2030])
        #expect(abs(series.value(in: 2025).asfr[30] - 0.03) < 1e-15 && series.value(in: 2040).asfr[30] == 0.04)
        #expect(abs(series.value(in: 2025).tfr - 35 * 0.03) < 1e-12)
        let mixed = try load { f in f.files["fertility.csv"] = "year,age,asfr\n2020,15-49,0.02\n,15-49,0.04\n" }
        #expect(mixed.errors.contains { $0.file == "fertility.csv" && $0.line == 3 && $0.column == "year" && $0.message.contains("give a year on every row or on none") },
                "\(mixed.errors)")
    }

    /// Death rates by 5-year group for both sexes: m = 0.01 at 0, 0.002 at 1–4, then 0.001·1.5^k for
    /// group k = 1 (5–9) … 16 (80–84), 0.3 from 85 on.
    static func groupedMx(year: Int? = nil, scale: Double = 1) -> String {
        var rows: [String] = []
        for sex in ["M", "F"] {
            var groups: [(String, Double)] = [("0", 0.01), ("1-4", 0.002)]
            for k in 1...16 { groups.append(("\(5 * k)-\(5 * k + 4)", 0.001 * pow(1.5, Double(k)))) }
            groups.append(("85+", 0.3))
            rows += groups.map { [year.map(String.init), sex, $0.0, String($0.1 * scale)].compactMap { $0 }.joined(separator: ",") }
        }
        return (year == nil ? "sex,age,mx\n" : "year,sex,age,mx\n") + rows.joined(separator: "\n") + "\n"
    }

    @Test("death rates by age group hold at every age of the group; the open group's rate is m100")
    func mortalityGroups() throws {
        let r = try load { f in f.files["mortality.csv"] = Self.groupedMx() }
        #expect(r.errors.isEmpty, "\(r.errors)")
        let male = try #require(r.scenario?.mortality.county?[Sex.male.rawValue])
        // Age 7 in group 5–9: m = 0.0015, q = m / (1 + (1 − a) m) with a = 0.5.
        #expect(abs(male.qx[7] - 0.0015 / (1 + 0.5 * 0.0015)) < 1e-15)
        #expect(male.qx[7] == male.qx[5] && male.qx[9] == male.qx[5])
        // 85+ is the open group: its rate holds from 85 on and is m100.
        #expect(abs(male.qx[90] - 0.3 / 1.15) < 1e-15 && male.openRate == 0.3)
    }

    @Test("a group's probability of dying is spread as 1 − (1 − nqx)^(1/n); qx tables take mortality.open_rate")
    func qxGroups() throws {
        var text = "sex,age,qx\n"
        for sex in ["M", "F"] {
            text += "\(sex),0,0.01\n\(sex),1-4,0.02\n"
            for k in 1...19 { text += "\(sex),\(5 * k)-\(5 * k + 4),\(min(0.9, 0.005 * pow(1.4, Double(k))))\n" }
            text += "\(sex),100,1\n"
        }
        let r = try load { f in
            f.files["mortality.csv"] = text
            f.files["scenario.yaml"] = ScenarioFixture.minimalYAML + "\nmortality:\n  open_rate: {M: 0.6, F: 0.5}\n"
        }
        #expect(r.errors.isEmpty, "\(r.errors)")
        let female = try #require(r.scenario?.mortality.county?[Sex.female.rawValue])
        #expect(abs(female.qx[3] - (1 - pow(0.98, 0.25))) < 1e-15)
        #expect(female.openRate == 0.5 && r.scenario?.mortality.county?[Sex.male.rawValue].openRate == 0.6)
        // An open group below 100 cannot be a probability.
        let bad = try load { f in f.files["mortality.csv"] = text.replacingOccurrences(of: "M,95-99,", with: "M,95+,").replacingOccurrences(of: "M,100,1\n", with: "") }
        #expect(bad.errors.contains { $0.column == "age" && $0.message.contains("needs a death rate") }, "\(bad.errors)")
    }

    @Test("tables by year are interpolated and improve only after the last year given")
    func mortalityByYear() throws {
        let r = try load { f in
            f.files["mortality.csv"] = Self.groupedMx(year: 2022) + Self.groupedMx(year: 2027, scale: 0.8).split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
            f.files["scenario.yaml"] = ScenarioFixture.minimalYAML + "\nmortality:\n  improvement: 0.02\n"
        }
        #expect(r.errors.isEmpty, "\(r.errors)")
        let m = try #require(r.scenario?.mortality)
        #expect(m.countySeries?.years == [2022, 2027])
        let q2022 = try #require(m.schedules(for: "D1", year: 2022, baseYear: 2024)?[0].qx[7])
        let q2027 = try #require(m.schedules(for: "D1", year: 2027, baseYear: 2024)?[0].qx[7])
        // Halfway in 2024.5 is not a year; 2024 is 2/5 of the way: q = 0.6·q(2022) + 0.4·q(2027).
        let q2024 = try #require(m.schedules(for: "D1", year: 2024, baseYear: 2024)?[0].qx[7])
        #expect(abs(q2024 - (0.6 * q2022 + 0.4 * q2027)) < 1e-15)
        // After 2027 the improvement: q(2030) = q(2027) · 0.98³.
        let q2030 = try #require(m.schedules(for: "D1", year: 2030, baseYear: 2024)?[0].qx[7])
        #expect(abs(q2030 - q2027 * pow(0.98, 3)) < 1e-15)
    }

    @Test("splitting age groups warns when age 0 is far from the births the fertility implies")
    func ageZeroCheck() throws {
        // 2,000 women aged 15–49 at 0.045 a year give about 90 births; a 0–4 group of 2,000 splits to
        // about 400 at age 0 — far more.
        var population = "area,sex,age,population\n"
        for area in ["D1", "D2"] {
            for sex in ["M", "F"] {
                population += "\(area),\(sex),0-4,1000\n\(area),\(sex),5-14,500\n"
                population += "\(area),\(sex),15-49,\(sex == "F" ? 1000 : 1000)\n\(area),\(sex),50+,800\n"
            }
        }
        let r = try load { f in f.files["population.csv"] = population }
        #expect(r.errors.isEmpty, "\(r.errors)")
        #expect(r.diagnostics.contains { $0.severity == .warning && $0.file == "population.csv" && $0.line == 2 && $0.column == "age"
            && $0.message.contains("children aged 0; the fertility rates imply about") }, "\(r.diagnostics)")
        // The fixture's own single-year population is consistent enough: no warning.
        let fine = try load { _ in }
        #expect(!fine.diagnostics.contains { $0.message.contains("children aged 0") })
    }
}
