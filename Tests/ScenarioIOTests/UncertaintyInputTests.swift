import Demography
import Foundation
import ScenarioIO
import ScenarioModel
import Testing

@Suite("uncertainty: in scenario.yaml, and a draw applied to a scenario by hand")
struct UncertaintyInputTests {
    private func load(_ yaml: String, _ overrides: [String] = []) throws -> ScenarioLoad {
        var f = ScenarioFixture.valid
        f.files["scenario.yaml"] = ScenarioFixture.minimalYAML + yaml
        return ScenarioLoader.load(folder: try f.write(), options: ScenarioOptions(overrides: overrides.compactMap(ScenarioOverride.init(argument:))))
    }

    @Test("defaults, a narrowed normal, a uniform; --set reaches the keys")
    func reads() throws {
        let none = try #require(try load("").scenario)
        #expect(none.uncertainty == Uncertainty())
        #expect(Uncertainty().tfrShift == .normal(mean: 0, sd: 0.5 / 1.6449))
        let yaml = "\nuncertainty:\n  tfr_shift: {sd: 0.2}\n  migration_scale: {distribution: uniform, low: 0.5, high: 1.5}\n  phase_in_years: 3\n"
        let u = try #require(try load(yaml).scenario).uncertainty
        #expect(u.tfrShift == .normal(mean: 0, sd: 0.2) && u.migrationScale == .uniform(low: 0.5, high: 1.5) && u.phaseInYears == 3)
        #expect(u.enrollmentShift == Uncertainty().enrollmentShift)
        let set = try #require(try load(yaml, ["uncertainty.tfr_shift.sd=0.1"]).scenario).uncertainty
        #expect(set.tfrShift == .normal(mean: 0, sd: 0.1))
    }

    @Test("out-of-range values, a bad distribution and unknown keys are located errors")
    func errors() throws {
        let r = try load("\nuncertainty:\n  tfr_shift: {sd: 5}\n  migration_scale: {distribution: poisson}\n  enrollment_shift: {distribution: uniform, low: 0.1, high: 0.0}\n")
        #expect(r.scenario == nil)
        #expect(r.errors.contains { $0.line == 11 && $0.column == "uncertainty.tfr_shift.sd" && $0.message.contains("out of range") }, "\(r.diagnostics)")
        #expect(r.errors.contains { $0.line == 12 && $0.column == "uncertainty.migration_scale.distribution" && $0.message.contains("normal or uniform") })
        #expect(r.errors.contains { $0.line == 13 && $0.column == "uncertainty.enrollment_shift.high" && $0.message.contains("below low") })
        let unknown = try load("", ["uncertainty.tfr_shfit.sd=0.1"])
        #expect(unknown.errors.contains { $0.file == "--set uncertainty.tfr_shfit.sd=0.1" && $0.message.contains("tfr_shfit") }, "\(unknown.errors)")
    }

    @Test("a draw moves the TFR path, phased in; migration scales; rate targets shift after the base year")
    func applying() throws {
        let yaml = "\nfertility:\n  tfr: 1.5\nmigration:\n  net_rate: {D1: -0.01}\n"
        let s = try #require(try load(yaml).scenario)
        #expect(s.applying(.central).fertility == s.fertility && s.applying(.central).migration == s.migration)
        let d = s.applying(InputDraw(tfrShift: 0.5, migrationScale: 1.2, mortalityImprovementShift: 0.002))
        // TFR(t) = 1.5 + 0.5 · min(1, (t − 2024)/5): 1.5 in 2024, 1.6 in 2025, 2.0 from 2029.
        for (year, tfr) in [(2024, 1.5), (2025, 1.6), (2027, 1.8), (2029, 2.0), (2030, 2.0)] {
            #expect(abs((d.fertility.tfrPath?.value(in: year) ?? 0) - tfr) < 1e-12, "\(year)")
        }
        #expect(abs((d.migration.netRates["D1"]?.value(in: 2030) ?? 0) + 0.012) < 1e-15)
        #expect(abs(d.mortality.improvementRate - (s.mortality.improvementRate + 0.002)) < 1e-15)
        // A target path from the observed value moves its later anchors; a constant path moves from base + 1.
        let observed = RatePath(given: YearPath(points: [2027: 0.93]), observedYear: 2024)
        let moved = observed.shifted(by: 0.05, after: 2024)
        #expect(moved.observedYear == 2024 && moved.given?.years == [2027] && abs((moved.given?.values[0] ?? 0) - 0.98) < 1e-15)
        let constant = RatePath.constant(0.95).shifted(by: 0.1, after: 2024)
        #expect(constant.given?.value(in: 2024) == 0.95 && constant.given?.value(in: 2025) == 1.0 && constant.given?.value(in: 2040) == 1.0)
        #expect(abs((RatePath.constant(0.95).shifted(by: -0.05, after: 2024).given?.value(in: 2030) ?? 0) - 0.9) < 1e-15)
    }
}
