import PopulationProjection
import ScenarioModel

/// Base-year attendance (生源) from the county's statistics.
///
/// **From `attendance.csv`** (学籍 records by area, school and stage): each school's stage rows are
/// split into grades by iterative proportional fitting so that the school's grades keep their
/// observed pupils `E_jg` and each area keeps its recorded pupils `A_ij`, starting from the area's
/// children of each grade's age `C_ig`.
///
/// **Otherwise, a doubly constrained gravity model** (Wilson 1970, *Entropy in Urban and Regional
/// Modelling*), solved grade by grade by iterative proportional fitting (Furness 1965):
/// ```
/// A_ij = a_i · b_j · f(t_ij)                 f(t) = 2^(−t / h_group)   (AttendanceModel)
/// Σ_j A_ij = R_i = ρ · C_i + m_i             ρ = (Σ_j E_j − Σ_i m_i) / Σ_i C_i
/// Σ_i A_ij = E_j                             (the school's observed pupils of the grade)
/// ```
/// with `t_ij` the travel minutes from area i to school j (`TravelModel`), `f = 1` for the school a
/// catchment (`catchments.csv`) names, `f = 0` where no travel time is known (`f = 1` for every area
/// of its district when a school has no travel time to any area), `C_i` the area's
/// children of the grade's age and `m_i` its migrant pupils. Every school's enrollment and every
/// area's children hold exactly (up to 10⁻⁶ pupils; columns are balanced last, so schools are exact):
/// the most probable attendance consistent with both and with travel falling off with distance.
/// A minimum-cost transportation problem would hold both too, but puts each area wholly at the
/// nearest schools that fit (a vertex of the polytope, one of many equally cheap) and jumps when an
/// input moves slightly; the gravity solution is unique and moves smoothly, and keeps the county
/// seat's schools drawing from every township as they do.
public enum AttendanceCalibration {
    /// Balancing sweeps at most (a work limit, not a clock).
    static let maxSweeps = 20_000
    /// Largest row residual, in pupils, at which the balancing stops.
    static let tolerance = 1e-7

    /// The base year's attendance. `population` and `migrants` are `years × areas × Slot.count`
    /// (the base year first), as `SchoolAgePopulation` and `MigrantPupils` give them.
    public static func calibrate(scenario: Scenario, schooling: Schooling, projection: Projection, population: [Double],
                                 migrants: [Double]) -> BaseYearAttendance {
        let areas = projection.areas.count
        let children = Array(population[0..<(areas * Slot.count)])
        let migrantPupils = Array(migrants[0..<(areas * Slot.count)])
        let result: (flows: [[BaseYearAttendance.Flow]], unmatched: [BaseYearAttendance.Unmatched], sweeps: Int)
        let source: BaseYearAttendance.Source
        if schooling.attendance.isEmpty {
            source = .gravity
            result = gravity(scenario: scenario, schooling: schooling, projection: projection, children: children, migrants: migrantPupils)
        } else {
            source = .attendanceTable
            result = (fromRecords(schooling: schooling, projection: projection, children: children), [], 0)
        }
        var rate = [Double](repeating: 0, count: areas * Slot.count)
        for slot in Slot.all {
            var enrolled = 0.0, cohort = 0.0
            for i in 0..<areas {
                let k = i * Slot.count + slot.index
                enrolled += result.flows[k].reduce(0) { $0 + $1.pupils } - migrantPupils[k]
                cohort += children[k]
            }
            let county = cohort > 0 ? max(0, enrolled / cohort) : 0
            for i in 0..<areas {
                let k = i * Slot.count + slot.index
                let own = result.flows[k].reduce(0) { $0 + $1.pupils } - migrantPupils[k]
                rate[k] = children[k] > 1e-9 ? max(0, own / children[k]) : county
            }
        }
        return BaseYearAttendance(source: source, areaCount: areas, flows: result.flows, residentRate: rate,
                                  unmatched: result.unmatched, iterations: result.sweeps)
    }

    /// The gravity model, grade by grade.
    private static func gravity(scenario: Scenario, schooling: Schooling, projection: Projection, children: [Double],
                                migrants: [Double]) -> (flows: [[BaseYearAttendance.Flow]], unmatched: [BaseYearAttendance.Unmatched], sweeps: Int) {
        let areas = projection.areas.count
        let schools = schooling.schools
        let travel = TravelModel(scenario: scenario, schools: schools, travel: schooling.travel)
        var flows = [[BaseYearAttendance.Flow]](repeating: [], count: areas * Slot.count)
        var unmatched: [BaseYearAttendance.Unmatched] = []
        var sweeps = 0
        for slot in Slot.all {
            let columns = schools.indices.filter { schools[$0].teaches(slot) && (schools[$0].observed?.pupils(slot) ?? 0) > 0 }
            guard !columns.isEmpty else { continue }
            let group = PupilGroup(slot)
            let seed = pullMatrix(slot: slot, group: group, columns: columns, scenario: scenario, schooling: schooling,
                                  projection: projection, travel: travel)
            let supported = (0..<areas).map { i in columns.indices.contains { seed[i * columns.count + $0] > 0 } }
            let enrolled = columns.reduce(0.0) { $0 + (schools[$1].observed?.pupils(slot) ?? 0) }
            var cohort = 0.0, migrant = 0.0
            for i in 0..<areas where supported[i] {
                cohort += children[i * Slot.count + slot.index]
                migrant += migrants[i * Slot.count + slot.index]
            }
            let rho = cohort > 0 ? max(0, (enrolled - migrant) / cohort) : 0
            var rows = (0..<areas).map { i -> Double in
                supported[i] ? rho * children[i * Slot.count + slot.index] + migrants[i * Slot.count + slot.index] : 0
            }
            // Rows add up to the schools' pupils (exactly, and also when migrants outnumber them).
            if rows.reduce(0, +) <= 0 { rows = supported.map { $0 ? 1 : 0 } }
            let rowTotal = rows.reduce(0, +)
            if rowTotal > 0 { rows = rows.map { $0 * enrolled / rowTotal } }
            let columnTargets = columns.map { schools[$0].observed?.pupils(slot) ?? 0 }
            let fit = ProportionalFitting.balance(seed: seed, rows: rows, columns: columnTargets, maxSweeps: maxSweeps, tolerance: tolerance)
            sweeps = max(sweeps, fit.sweeps)
            for i in 0..<areas {
                let k = i * Slot.count + slot.index
                flows[k] = columns.indices.compactMap { c in
                    let v = fit.values[i * columns.count + c]
                    return v > 0 ? BaseYearAttendance.Flow(school: columns[c], pupils: v) : nil
                }
                let short = rho * children[k] + migrants[k] - flows[k].reduce(0) { $0 + $1.pupils }
                if abs(short) > 0.5 { unmatched.append(.init(area: i, slot: slot, pupils: short)) }
            }
        }
        return (flows, unmatched, sweeps)
    }

    /// `f(t_ij)` for every area (row) and school (column) of a slot; 1 for the school a catchment names.
    private static func pullMatrix(slot: Slot, group: PupilGroup, columns: [Int], scenario: Scenario, schooling: Schooling,
                                   projection: Projection, travel: TravelModel) -> [Double] {
        let schools = schooling.schools
        var seed = [Double](repeating: 0, count: projection.areas.count * columns.count)
        for (i, area) in projection.areas.enumerated() {
            let district = projection.areaDistricts[i]
            let named = schooling.catchments.first { ($0.area == area || $0.area == district) && $0.covers(slot, year: scenario.baseYear) }?.school
            for (c, j) in columns.enumerated() {
                if schools[j].id == named {
                    seed[i * columns.count + c] = 1
                } else if let minutes = travel.minutes(from: area, to: schools[j]) {
                    seed[i * columns.count + c] = schooling.attendanceModel.pull(minutes: minutes, group: group)
                }
            }
        }
        // A school no area reaches (no locations, travel times or catchment) draws on its own district's
        // areas alike (on every area when its district has none), so none of its pupils is lost.
        for (c, j) in columns.enumerated() where !projection.areas.indices.contains(where: { seed[$0 * columns.count + c] > 0 }) {
            let own = projection.areas.indices.filter { projection.areaDistricts[$0] == schools[j].district }
            for i in own.isEmpty ? Array(projection.areas.indices) : own { seed[i * columns.count + c] = 1 }
        }
        return seed
    }

    /// `attendance.csv` split into grades, school by school and stage by stage.
    private static func fromRecords(schooling: Schooling, projection: Projection, children: [Double]) -> [[BaseYearAttendance.Flow]] {
        let areas = projection.areas.count
        let schools = schooling.schools
        let index = Dictionary(uniqueKeysWithValues: schools.enumerated().map { ($1.id, $0) })
        var flows = [[BaseYearAttendance.Flow]](repeating: [], count: areas * Slot.count)
        let bySchool = Dictionary(grouping: schooling.attendance) { "\($0.school)|\($0.stage.rawValue)" }
        for (j, school) in schools.enumerated() {
            for stage in school.stages {
                let slots = school.slots.filter { $0.stage == stage }
                let records = bySchool["\(school.id)|\(stage.rawValue)"] ?? []
                // Area rows → projection areas, shared by their children of the stage's ages.
                var rowPupils = [Double](repeating: 0, count: areas)
                for r in records {
                    let leaves = projection.leaves(of: r.area)
                    var w = leaves.map { i in slots.reduce(0.0) { $0 + children[i * Slot.count + $1.index] } }
                    if w.reduce(0, +) <= 0 { w = leaves.map { _ in 1 } }
                    let total = w.reduce(0, +)
                    for (n, i) in leaves.enumerated() { rowPupils[i] += r.pupils * w[n] / total }
                }
                let columns = slots.map { school.observed?.pupils($0) ?? 0 }
                let columnTotal = columns.reduce(0, +), rowTotal = rowPupils.reduce(0, +)
                guard columnTotal > 0, rowTotal > 0 else { continue }
                rowPupils = rowPupils.map { $0 * columnTotal / rowTotal }
                var seed = [Double](repeating: 0, count: areas * slots.count)
                for i in 0..<areas where rowPupils[i] > 0 {
                    let own = slots.map { children[i * Slot.count + $0.index] }
                    let any = own.reduce(0, +) > 0
                    for (c, v) in own.enumerated() { seed[i * slots.count + c] = any ? v : 1 }
                }
                for c in slots.indices where columns[c] > 0 && !(0..<areas).contains(where: { seed[$0 * slots.count + c] > 0 }) {
                    for i in 0..<areas where rowPupils[i] > 0 { seed[i * slots.count + c] = 1 }
                }
                let fit = ProportionalFitting.balance(seed: seed, rows: rowPupils, columns: columns, maxSweeps: maxSweeps, tolerance: tolerance)
                for i in 0..<areas {
                    for (c, slot) in slots.enumerated() {
                        let v = fit.values[i * slots.count + c]
                        if v > 0 { flows[i * Slot.count + slot.index].append(.init(school: j, pupils: v)) }
                    }
                }
            }
        }
        return flows
    }
}
