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
/// catchment (`catchments.csv`) names, `f = 0` where no travel time is known (see `pullMatrix` for the
/// areas and schools that reach nothing), `C_i` the area's
/// children of the grade's age and `m_i` its migrant pupils. Every school's enrollment and every
/// area's children hold exactly (rows to 10⁻⁷ pupils; columns are balanced last, so schools are exact):
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
        let result: (flows: [[BaseYearAttendance.Flow]], unmatched: [BaseYearAttendance.Unmatched])
        let source: BaseYearAttendance.Source
        if schooling.attendance.isEmpty {
            source = .gravity
            result = gravity(scenario: scenario, schooling: schooling, projection: projection, children: children, migrants: migrantPupils)
        } else {
            source = .attendanceTable
            result = (fromRecords(schooling: schooling, projection: projection, districtOf: scenario.districtOfArea, children: children), [])
        }
        var rate = [Double](repeating: 0, count: areas * Slot.count)
        for slot in Slot.all {
            let k = (0..<areas).map { $0 * Slot.count + slot.index }
            let pupils = k.map { key in result.flows[key].reduce(0) { $0 + $1.pupils } }
            let county = ResidentRate.of(pupils: pupils.reduce(0, +), migrants: k.reduce(0) { $0 + migrantPupils[$1] }, outOfCounty: 0,
                                         children: k.reduce(0) { $0 + children[$1] }).map { min(2, max(0, $0)) } ?? 0
            for (i, key) in k.enumerated() {
                // An area with fewer than half a child of the age has no rate of its own: the county's.
                let own = children[key] >= 0.5 ? ResidentRate.of(pupils: pupils[i], migrants: migrantPupils[key], outOfCounty: 0, children: children[key]) : nil
                rate[key] = own.map { min(2, max(0, $0)) } ?? county
            }
        }
        return BaseYearAttendance(source: source, areaCount: areas, flows: result.flows, residentRate: rate, unmatched: result.unmatched)
    }

    /// The gravity model, grade by grade.
    private static func gravity(scenario: Scenario, schooling: Schooling, projection: Projection, children: [Double],
                                migrants: [Double]) -> (flows: [[BaseYearAttendance.Flow]], unmatched: [BaseYearAttendance.Unmatched]) {
        let areas = projection.areas.count
        let schools = schooling.schools
        let travel = TravelModel(scenario: scenario, schools: schools, travel: schooling.travel)
        var flows = [[BaseYearAttendance.Flow]](repeating: [], count: areas * Slot.count)
        var unmatched: [BaseYearAttendance.Unmatched] = []
        for slot in Slot.all {
            let columns = schools.indices.filter { schools[$0].teaches(slot) && (schools[$0].observed?.pupils(slot) ?? 0) > 0 }
            guard !columns.isEmpty else { continue }
            let enrolled = columns.reduce(0.0) { $0 + (schools[$1].observed?.pupils(slot) ?? 0) }
            let k = (0..<areas).map { $0 * Slot.count + slot.index }
            let cohort = k.reduce(0.0) { $0 + children[$1] }, migrant = k.reduce(0.0) { $0 + migrants[$1] }
            let rho = max(0, ResidentRate.of(pupils: enrolled, migrants: migrant, outOfCounty: 0, children: cohort) ?? 0)
            var rows = k.map { rho * children[$0] + migrants[$0] }
            // Rows add up to the schools' pupils (exactly, and also when migrants outnumber them).
            if rows.reduce(0, +) <= 0 { rows = rows.map { _ in 1 } }
            let rowTotal = rows.reduce(0, +)
            rows = rows.map { $0 * enrolled / rowTotal }
            let seed = pullMatrix(slot: slot, columns: columns, rows: rows, scenario: scenario, schooling: schooling,
                                  projection: projection, travel: travel)
            let columnTargets = columns.map { schools[$0].observed?.pupils(slot) ?? 0 }
            let fit = ProportionalFitting.balance(seed: seed, rows: rows, columns: columnTargets, maxSweeps: maxSweeps, tolerance: tolerance)
            for i in 0..<areas {
                flows[k[i]] = columns.indices.compactMap { c in
                    let v = fit.values[i * columns.count + c]
                    return v > 0 ? BaseYearAttendance.Flow(school: columns[c], pupils: v) : nil
                }
                let short = rows[i] - flows[k[i]].reduce(0) { $0 + $1.pupils }
                if short > 0.5 { unmatched.append(.init(area: i, slot: slot, pupils: short)) }
            }
        }
        return (flows, unmatched)
    }

    /// `f(t_ij)` for every area (row) and school (column) of a slot; 1 for the school a catchment names.
    /// Nobody is lost for want of a travel time: an area that reaches none of the schools draws on its
    /// district's schools alike (on all of them when its district has none), and a school that reaches no
    /// area with children of the grade draws on its district's areas with children alike (on all of them
    /// when its district has none).
    private static func pullMatrix(slot: Slot, columns: [Int], rows: [Double], scenario: Scenario, schooling: Schooling,
                                   projection: Projection, travel: TravelModel) -> [Double] {
        let schools = schooling.schools
        let group = PupilGroup(slot)
        let n = columns.count
        var seed = [Double](repeating: 0, count: projection.areas.count * n)
        for (i, area) in projection.areas.enumerated() {
            let named = Catchment.named(schooling.catchments, area: area, district: projection.areaDistricts[i], slot: slot, year: scenario.baseYear)
            for (c, j) in columns.enumerated() {
                if schools[j].id == named?.school {
                    seed[i * n + c] = 1
                } else if let minutes = travel.minutes(from: area, to: schools[j]) {
                    seed[i * n + c] = schooling.attendanceModel.pull(minutes: minutes, group: group)
                }
            }
        }
        for i in projection.areas.indices where rows[i] > 0 && !(0..<n).contains(where: { seed[i * n + $0] > 0 }) {
            let own = (0..<n).filter { schools[columns[$0]].district == projection.areaDistricts[i] }
            for c in own.isEmpty ? Array(0..<n) : own { seed[i * n + c] = 1 }
        }
        for (c, j) in columns.enumerated() where !projection.areas.indices.contains(where: { rows[$0] > 0 && seed[$0 * n + c] > 0 }) {
            let candidates = projection.areas.indices.filter { rows[$0] > 0 }
            let own = candidates.filter { projection.areaDistricts[$0] == schools[j].district }
            for i in own.isEmpty ? candidates : own { seed[i * n + c] = 1 }
        }
        return seed
    }

    /// `attendance.csv` split into grades, school by school and stage by stage.
    private static func fromRecords(schooling: Schooling, projection: Projection, districtOf: [AreaID: AreaID],
                                    children: [Double]) -> [[BaseYearAttendance.Flow]] {
        let areas = projection.areas.count
        let schools = schooling.schools
        var flows = [[BaseYearAttendance.Flow]](repeating: [], count: areas * Slot.count)
        let bySchool = Dictionary(grouping: schooling.attendance) { "\($0.school)|\($0.stage.rawValue)" }
        for (j, school) in schools.enumerated() {
            for stage in school.stages {
                let slots = school.slots.filter { $0.stage == stage }
                let records = bySchool["\(school.id)|\(stage.rawValue)"] ?? []
                // Area rows → projection areas, shared by their children of the stage's ages.
                var rowPupils = [Double](repeating: 0, count: areas)
                for r in records {
                    let leaves = projection.leaves(of: r.area, district: districtOf[r.area])
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
