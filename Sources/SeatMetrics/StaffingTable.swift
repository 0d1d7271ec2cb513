import SchoolAllocation
import ScenarioModel

/// One row of the staffing table: a school, district or the county; a stage, or all the stages of it
/// (`stage` nil); one year.
public struct StaffingRow: Sendable, Equatable {
    public let level: SeatGapRow.Level
    public let id: String
    public let stage: Stage?
    public let year: Int
    public let pupils: Double
    public let classes: Int
    public let byPupils: Double
    public let byClasses: Double
    public let needed: Double
    /// The staff the school has (base year, `schools.csv`'s `staff`), on the rows of all its stages;
    /// a district's and the county's when every school of theirs gives it.
    public let current: Double?

    /// `needed − current`: positive is staff short, negative staff to redeploy.
    public var gap: Double? { current.map { needed - $0 } }
}

/// The staff (教职工编制) the schools need year by year, from the seat-gap table's pupils at the
/// schools and their classes (`StaffingNorms`):
/// ```
/// needed(school, stage, year) = max(pupils / pupils_per_staff[stage], classes × staff_per_class[stage])
/// needed(school, all, year)   = Σ_stages needed(school, stage, year)
/// needed(district or county)  = Σ of its schools' (each school is staffed on its own)
/// ```
/// Compared with the staff each school has in the base year, held in every year: after a merge the
/// closing school's staff shows as staff to redeploy, a new school's as staff to find.
public enum StaffingTable {
    public static func compute(_ rows: [SeatGapRow], allocation: Allocation, scenario: Scenario, schooling: Schooling) -> [StaffingRow] {
        let norms = schooling.staffing
        let schools = allocation.schools
        // Each school, each district's schools and the county's, with the staff they have when every
        // member gives it: the same in every year.
        var groups: [(level: SeatGapRow.Level, id: String, members: [School])] = schools.map { (.school, $0.id.rawValue, [$0]) }
        groups += scenario.districts.map { d in (.district, d.id.rawValue, schools.filter { $0.district == d.id }) }
        groups.append((.county, "county", schools))
        let current = groups.map { g in g.members.isEmpty || g.members.contains { $0.staff == nil } ? nil : g.members.reduce(0) { $0 + ($1.staff ?? 0) } }
        let schoolRows = Dictionary(grouping: rows.filter { $0.level == .school }, by: \.year)
        var out: [StaffingRow] = []
        for year in allocation.years {
            // School by stage, then all its stages; summed into its district and the county.
            var bySchool: [String: [StaffingRow]] = [:]
            for r in schoolRows[year] ?? [] {
                let s = norms.staff(r.stage, pupils: r.enrolled, classes: r.formation.classes)
                bySchool[r.id, default: []].append(StaffingRow(level: .school, id: r.id, stage: r.stage, year: year, pupils: r.enrolled,
                                                               classes: r.formation.classes, byPupils: s.byPupils, byClasses: s.byClasses,
                                                               needed: s.needed, current: nil))
            }
            for (g, current) in zip(groups, current) {
                let members = g.members.flatMap { bySchool[$0.id.rawValue] ?? [] }
                guard !members.isEmpty || g.level != .school else { continue }
                if g.level != .school {
                    for stage in Stage.allCases {
                        let m = members.filter { $0.stage == stage }
                        guard !m.isEmpty else { continue }
                        out.append(sum(m, level: g.level, id: g.id, stage: stage, year: year, current: nil))
                    }
                } else {
                    out += members
                }
                out.append(sum(members, level: g.level, id: g.id, stage: nil, year: year, current: current))
            }
        }
        return out
    }

    private static func sum(_ rows: [StaffingRow], level: SeatGapRow.Level, id: String, stage: Stage?, year: Int, current: Double?) -> StaffingRow {
        StaffingRow(level: level, id: id, stage: stage, year: year, pupils: rows.reduce(0) { $0 + $1.pupils }, classes: rows.reduce(0) { $0 + $1.classes },
                    byPupils: rows.reduce(0) { $0 + $1.byPupils }, byClasses: rows.reduce(0) { $0 + $1.byClasses },
                    needed: rows.reduce(0) { $0 + $1.needed }, current: current)
    }
}
