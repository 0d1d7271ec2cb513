import Demography
import Foundation
import ScenarioIO
import ScenarioModel
import Testing

@Suite("What-ifs: --set and variants")
struct OverrideTests {
    private func load(_ yaml: String = "", _ options: ScenarioOptions) throws -> ScenarioLoad {
        var f = ScenarioFixture.valid
        f.files["scenario.yaml"] = ScenarioFixture.minimalYAML + yaml
        return ScenarioLoader.load(folder: try f.write(), options: options)
    }

    private func set(_ arguments: String...) -> ScenarioOptions {
        ScenarioOptions(overrides: arguments.compactMap(ScenarioOverride.init(argument:)))
    }

    @Test("a year of a path is set and the path's other years kept; a new block is created")
    func setPathYear() throws {
        let r = try load("\nfertility:\n  tfr: {2024: 1.5, 2030: 1.4}\n", set("fertility.tfr.2030=1.2", "mortality.improvement=0.02"))
        #expect(r.errors.isEmpty, "\(r.errors)")
        let s = try #require(r.scenario)
        #expect(s.fertility.tfrPath == YearPath(points: [2024: 1.5, 2030: 1.2]))
        #expect(s.mortality.improvementRate == 0.02)
        // urbanization.YEAR is urbanization.rate.YEAR; later overrides win.
        let u = try load("", set("urbanization.2035=0.45", "urbanization.2035=0.5"))
        #expect(u.scenario?.urbanization?.rate == YearPath(points: [2035: 0.5]))
    }

    @Test("an unknown key and an out-of-range value are errors that name the override")
    func errors() throws {
        let unknown = try load("", set("fertilty.tfr=1.4"))
        #expect(unknown.scenario == nil)
        #expect(unknown.errors.contains { $0.file == "--set fertilty.tfr=1.4" && $0.column == "fertilty" && $0.line == nil
            && $0.message.contains("there is no key \"fertilty\"") }, "\(unknown.errors)")
        let range = try load("", set("horizon=2300"))
        #expect(range.errors.contains { $0.file == "--set horizon=2300" && $0.column == "horizon" && $0.message.contains("out of range") },
                "\(range.errors)")
        let deeper = try load("\nsex_ratio_at_birth: 1.06\n", set("sex_ratio_at_birth.2030.x=1"))
        #expect(deeper.scenario == nil)
        let scalar = try load("", set("horizon.2030=1"))
        #expect(scalar.errors.contains { $0.file == "--set horizon.2030=1" && $0.message.contains("horizon is one value in scenario.yaml") },
                "\(scalar.errors)")
        #expect(ScenarioOverride(argument: "no-equals-sign") == nil && ScenarioOverride(argument: "a..b=1") == nil)
    }

    @Test("a variant applies its overrides before the --set ones; an unknown variant is named")
    func variants() throws {
        let yaml = "\nvariants:\n  low: {fertility.tfr: 1.2, mortality.improvement: 0.02}\n  central: {}\n"
        let low = try load(yaml, ScenarioOptions(variant: "low", overrides: [ScenarioOverride(key: ["fertility", "tfr"], value: "1.3")]))
        #expect(low.errors.isEmpty, "\(low.errors)")
        #expect(low.scenario?.fertility.tfrPath == YearPath(constant: 1.3) && low.scenario?.mortality.improvementRate == 0.02)
        let central = try load(yaml, ScenarioOptions(variant: "central"))
        #expect(central.errors.isEmpty && central.scenario?.fertility.tfrPath == nil)
        let missing = try load(yaml, ScenarioOptions(variant: "hgh"))
        #expect(missing.errors.contains { $0.column == "variants" && $0.message.contains("no variant of that name (known: central, low)") },
                "\(missing.errors)")
        let typo = try load("\nvariants:\n  low: {fertilty.tfr: 1.2}\n", ScenarioOptions(variant: "low"))
        #expect(typo.errors.contains { $0.file == "scenario.yaml (variant low)" && $0.line == 11 && $0.message.contains("fertilty") },
                "\(typo.errors)")
    }
}
