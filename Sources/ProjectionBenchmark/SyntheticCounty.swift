import Demography
import Foundation
import ScenarioModel

/// The benchmark's synthetic county. Every number is a closed formula so that the numpy peer
/// (Benchmarks/projection_numpy.py) builds exactly the same inputs:
/// - population of area `a`, sex `s` (0 = M), age `x`: `(100 + a mod 37) · (1 − x/120) · (1.02 if male)`;
/// - mortality: `mₓ = min(0.9, k · 0.0004 · e^(0.085 x))`, k = 1.3 (M), 1 (F), improving 1% a year;
/// - fertility: `0.09 · e^(−((x − 28)/6)²)` at ages 15–49, rescaled by a TFR path 1.5 → 1.3 over the run;
/// - sex ratio at birth 1.08; net migration −0.2 per sex and age at ages 18–30 in every area, every year.
enum SyntheticCounty {
    static func make(communities: Int, years: Int) -> Scenario {
        let districts = (0..<20).map { District(id: AreaID("D\($0)"), name: "district \($0)", kind: $0 == 0 ? .countySeat : .township) }
        let ids = (0..<communities).map { AreaID("C\($0)") }
        let list = ids.enumerated().map { i, id in
            Community(id: id, district: districts[i % 20].id, name: "community \(i)", kind: .adminVillage, latitude: nil, longitude: nil)
        }
        // Areas in scenario order: by district, then by community.
        let ordered = (0..<20).flatMap { d in list.filter { $0.district == districts[d].id } }
        var counts: [Double] = []
        for c in ordered {
            let a = Double(Int(c.id.rawValue.dropFirst()) ?? 0)
            for sex in Sex.allCases {
                for x in 0...Ages.open {
                    counts.append((100 + a.truncatingRemainder(dividingBy: 37)) * (1 - Double(x) / 120) * (sex == .male ? 1.02 : 1))
                }
            }
        }
        let mortality = Sex.allCases.map { sex in
            MortalitySchedule.fromMx((0...Ages.open).map { min(0.9, (sex == .male ? 1.3 : 1) * 0.0004 * exp(0.085 * Double($0))) }, sex: sex)
        }
        let asfr = (0...Ages.open).map { x in Ages.reproductive.contains(x) ? 0.09 * exp(-pow((Double(x) - 28) / 6, 2)) : 0 }
        var migrants = [Double](repeating: 0, count: Ages.perArea)
        for sex in Sex.allCases { for x in 18...30 { migrants[Ages.index(sex, x)] = -0.2 } }
        return Scenario(
            name: "synthetic", baseYear: 2024, horizon: 2024 + years, districts: districts, communities: ordered,
            population: BasePopulation(areas: ordered.map(\.id), counts: counts),
            fertility: Fertility(county: FertilitySchedule(asfr: asfr), tfrPath: YearPath(points: [2024: 1.5, 2024 + years: 1.3])),
            mortality: Mortality(county: mortality, improvementRate: 0.01),
            sexRatioAtBirth: YearPath(constant: 1.08),
            migration: Migration(everyYear: Dictionary(uniqueKeysWithValues: ordered.map { ($0.id, migrants) })))
    }
}
