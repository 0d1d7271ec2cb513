import Foundation
import Demography
import PopulationProjection
import ScenarioModel

/// Rate-based demand: pupils = school-age population × enrollment rate.
///
/// ```
/// kindergarten K1–K3:  E = r_K(t) · C(t, slot)                       (r_K: 学前三年毛入园率)
/// primary, junior g:   E = r_S(t) · C(t, slot) · c(t)^((g − 1)/8)     (c: 九年义务教育巩固率)
/// senior 10–12:        E = r_H(t) · C(t, slot) · (1 − v(t))           (r_H: 高中阶段毛入学率)
/// vocational 10–12:    E = r_H(t) · C(t, slot) · v(t)                 (v: vocational share)
/// ```
/// The consolidation rate `c` (grade-9 pupils ÷ the cohort's grade-1 pupils) is spread evenly as a
/// grade-to-grade retention `c^(1/8)` over the eight transitions 1→2 … 8→9.
///
/// Migrant children (随迁子女) are added to their receiving area: a row's pupils are shared among the
/// stage's grades in proportion to the area's local pupils of each grade (evenly where there are
/// none), and among a district's villages in proportion to their local pupils of the stage (by
/// school-age population where there are none).
public enum RateBasedDemand {
    public static func compute(_ projection: Projection, schooling: Schooling, rates: EnrollmentRates) -> Demand {
        let years = projection.years
        let areas = projection.areas.count
        let population = SchoolAgePopulation.compute(projection, calendar: schooling.calendar)
        var pupils = [Double](repeating: 0, count: population.count)
        let stageRates = Dictionary(uniqueKeysWithValues: Stage.allCases.map { ($0, rates.rate($0).sample(years: years)) })
        let vocational = rates.vocationalShare.sample(years: years)
        let consolidation = rates.consolidation.sample(years: years)
        for year in years {
            let y = year - years.lowerBound
            let retention = pow(consolidation[y], 1.0 / 8)
            for i in 0..<areas {
                let o = (y * areas + i) * Slot.count
                for slot in Slot.all {
                    var factor = stageRates[slot.stage]?[y] ?? 1
                    switch slot.stage {
                    case .primary, .junior: factor *= pow(retention, Double(slot.grade.number - 1))
                    case .senior: factor *= 1 - vocational[y]
                    case .vocational: factor *= vocational[y]
                    case .kindergarten: break
                    }
                    pupils[o + slot.index] = factor * population[o + slot.index]
                }
            }
        }
        addMigrantChildren(schooling.migrantChildren, projection: projection, population: population, pupils: &pupils)
        return Demand(years: years, areas: projection.areas, pupils: pupils, schoolAgePopulation: population)
    }

    private static func addMigrantChildren(_ rows: [MigrantChildren], projection: Projection, population: [Double],
                                           pupils: inout [Double]) {
        guard !rows.isEmpty else { return }
        let areas = projection.areas.count
        var leavesOf: [AreaID: [Int]] = [:]
        for (i, id) in projection.areas.enumerated() {
            leavesOf[id, default: []].append(i)
            if id != projection.areaDistricts[i] { leavesOf[projection.areaDistricts[i], default: []].append(i) }
        }
        for year in projection.years {
            let y = year - projection.years.lowerBound
            let local = pupils  // shares come from local pupils only, not from other migrant rows
            for row in rows where row.year == nil || row.year == year {
                let leaves = leavesOf[row.area] ?? []
                guard !leaves.isEmpty else { continue }
                let slots = row.stage.grades.map { Slot(row.stage, $0).index }
                func weight(_ i: Int, _ source: [Double]) -> Double { slots.reduce(0) { $0 + source[(y * areas + i) * Slot.count + $1] } }
                var leafWeights = leaves.map { weight($0, local) }
                if leafWeights.reduce(0, +) <= 0 { leafWeights = leaves.map { weight($0, population) } }
                if leafWeights.reduce(0, +) <= 0 { leafWeights = leaves.map { _ in 1 } }
                let leafTotal = leafWeights.reduce(0, +)
                for (j, i) in leaves.enumerated() {
                    let share = row.pupils * leafWeights[j] / leafTotal
                    let o = (y * areas + i) * Slot.count
                    var gradeWeights = slots.map { local[o + $0] }
                    if gradeWeights.reduce(0, +) <= 0 { gradeWeights = slots.map { _ in 1 } }
                    let gradeTotal = gradeWeights.reduce(0, +)
                    for (k, s) in slots.enumerated() { pupils[o + s] += share * gradeWeights[k] / gradeTotal }
                }
            }
        }
    }
}
