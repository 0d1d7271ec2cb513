import Demography
import Foundation
import ScenarioModel

/// Scenarios built in code for projection tests.
enum ToyScenarios {
    /// Gompertz death rates `mₓ = a·e^(b x)` for ages 0 … 100 (capped at 0.9).
    static func gompertz(sex: Sex, a: Double = 0.0004, b: Double = 0.085) -> MortalitySchedule {
        let scale = sex == .male ? 1.3 : 1.0
        return MortalitySchedule.fromMx((0...100).map { min(0.9, scale * a * exp(b * Double($0))) }, sex: sex)
    }

    static let mortality = [gompertz(sex: .male), gompertz(sex: .female)]

    /// A flat fertility schedule: `rate` at every age 15–49.
    static func flatFertility(_ rate: Double) -> FertilitySchedule {
        FertilitySchedule(asfr: (0...Ages.open).map { Ages.reproductive.contains($0) ? rate : 0 })
    }

    /// The stationary population of the life tables with `femaleBirths` female births a year:
    /// Nᶠₓ = c · Lᶠₓ / l₀ and Nᵐₓ = c · SRB · Lᵐₓ / l₀ (the open group holding T₁₀₀).
    static func stationary(femaleBirths c: Double, srb: Double) -> [Double] {
        let lm = mortality[0].lifeTable(), lf = mortality[1].lifeTable()
        return lm.personYears.map { c * srb * $0 / lm.radix } + lf.personYears.map { c * $0 / lf.radix }
    }

    /// The flat fertility rate that replaces the stationary population exactly: with women-years
    /// Σ Nᶠₓ over 15–49 and ρ = 1/(1 + SRB), female births ρ · f · Σ c Lᶠₓ/l₀ = c gives
    /// f = 1 / (ρ · Σ₁₅⁴⁹ Lᶠₓ/l₀).
    static func replacementRate(srb: Double) -> Double {
        let lf = mortality[1].lifeTable()
        let rho = 1 / (1 + srb)
        return 1 / (rho * Ages.reproductive.reduce(0) { $0 + lf.personYears[$1] / lf.radix })
    }

    /// Two districts (a county seat and a township), each with a block of counts.
    static func twoDistricts(seat: [Double], township: [Double], fertility: Fertility, srb: Double = 1.05,
                             horizon: Int = 2034, migration: Migration = .none, urbanization: Urbanization? = nil,
                             housing: Housing = .none) -> Scenario {
        Scenario(name: "toy", baseYear: 2024, horizon: horizon,
                 districts: [District(id: "S", name: "城关镇", kind: .countySeat), District(id: "T", name: "山乡", kind: .township)],
                 population: BasePopulation(areas: ["S", "T"], counts: seat + township),
                 fertility: fertility, mortality: Mortality(county: mortality), sexRatioAtBirth: YearPath(constant: srb),
                 migration: migration, urbanization: urbanization, housing: housing)
    }

    /// A block with `perAge` persons of each sex at every age.
    static func even(_ perAge: Double) -> [Double] { [Double](repeating: perAge, count: Ages.perArea) }
}
