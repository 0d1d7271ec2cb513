import PopulationProjection
import ScenarioModel

/// Migrant pupils (随迁子女 from outside the resident population, `migrant_children.csv`) placed by
/// projection area, slot and year.
///
/// A row's pupils are shared among its area's projection areas (a district's villages) in proportion
/// to their children of the stage's ages, and among the stage's grades in proportion to the children
/// of each grade's age (evenly where there are none):
/// ```
/// m(i, s, t) = M_row(t) · C(t, i, s) / Σ_{i' ∈ area, s' ∈ stage} C(t, i', s')
/// ```
public enum MigrantPupils {
    /// `years × areas × Slot.count`, in the projection's area order; all zero without rows.
    public static func place(_ rows: [MigrantChildren], projection: Projection, districtOf: [AreaID: AreaID], population: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: population.count)
        let areas = projection.areas.count
        for row in rows {
            let leaves = projection.leaves(of: row.area, district: districtOf[row.area])
            guard !leaves.isEmpty else { continue }
            let slots = row.stage.grades.map { Slot(row.stage, $0).index }
            for year in projection.years where row.year == nil || row.year == year {
                let y = year - projection.years.lowerBound
                var weights = leaves.flatMap { i in slots.map { population[(y * areas + i) * Slot.count + $0] } }
                if weights.reduce(0, +) <= 0 { weights = weights.map { _ in 1 } }
                let total = weights.reduce(0, +)
                for (j, i) in leaves.enumerated() {
                    for (k, s) in slots.enumerated() {
                        out[(y * areas + i) * Slot.count + s] += row.pupils * weights[j * slots.count + k] / total
                    }
                }
            }
        }
        return out
    }
}
