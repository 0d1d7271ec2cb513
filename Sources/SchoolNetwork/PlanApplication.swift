import ScenarioModel

/// Applies a plan's dated actions to the base network, year by year: an action of year `t` is in
/// force from `t` to the horizon. Builds add schools; `expand` adds classrooms to a stage;
/// `convert_boarding` adds beds; `restrict_grades` keeps only the listed grades, a given-up stage's
/// classrooms passing to a stage kept (`School.classrooms(keeping:)`); `convert` changes the school's
/// kind, grades and classrooms; `close`/`merge_into` removes the school (and names its receiver). The plan's
/// catchments take effect from their years.
public enum PlanApplication {
    /// The network year by year; the plan's first problem (`PlanCheck`) when it has any.
    public static func apply(_ plan: Plan, to schooling: Schooling, years: ClosedRange<Int>) throws(PlanError) -> NetworkTimeline {
        if let problem = PlanCheck.problems(plan, schooling: schooling, years: years).first { throw problem }
        var schools = schooling.schools
        var index = Dictionary(uniqueKeysWithValues: schools.enumerated().map { ($1.id, $0) })
        for action in plan.actions {
            if case .build(let new) = action.kind {
                index[new.id] = schools.count
                schools.append(new.school)
            }
        }
        var current: [School?] = schooling.schools.map { Optional($0) } + Array(repeating: nil, count: schools.count - schooling.schools.count)
        var states: [[School?]] = []
        var temporary: [Int: [Stage: Int]] = [:]
        let byYear = Dictionary(grouping: plan.actions, by: \.year)
        for year in years {
            // A year's builds first (as `PlanCheck` counts a school built that year as open in it), then
            // its other actions in the file's order.
            let actions = byYear[year] ?? []
            let builds = actions.filter { if case .build = $0.kind { return true }; return false }
            let others = actions.filter { if case .build = $0.kind { return false }; return true }
            for action in builds + others { apply(action, to: &current, temporary: &temporary, index: index) }
            states.append(current)
        }
        var merges: [Int: Int] = [:]
        for action in plan.actions {
            if case let .close(id, target?) = action.kind, let s = index[id], let t = index[target] { merges[s] = t }
        }
        return NetworkTimeline(years: years, schools: schools, states: states, planCatchments: plan.catchments, mergeTargets: merges,
                               existingCount: schooling.schools.count)
    }

    /// One action of a checked plan (`PlanCheck`: its school exists and is open).
    /// `temporary`: the temporary classrooms each school stands with, counted among its classrooms.
    private static func apply(_ action: PlanAction, to current: inout [School?], temporary: inout [Int: [Stage: Int]], index: [SchoolID: Int]) {
        switch action.kind {
        case .build(let new):
            if let i = index[new.id] { current[i] = new.school }
        case let .expand(id, stage, classrooms):
            guard let i = index[id], let s = current[i] else { return }
            var rooms = s.classrooms
            rooms[stage, default: 0] += classrooms
            current[i] = s.with(classrooms: rooms)
        case let .close(id, _):
            if let i = index[id] {
                current[i] = nil
                temporary[i] = nil
            }
        case let .temporaryClassrooms(id, stage, n):
            guard let i = index[id], let s = current[i] else { return }
            var rooms = s.classrooms
            rooms[stage, default: 0] += n - (temporary[i]?[stage] ?? 0)
            temporary[i, default: [:]][stage] = n
            current[i] = s.with(classrooms: rooms)
        case let .convertBoarding(id, beds):
            guard let i = index[id], let s = current[i] else { return }
            current[i] = s.with(boardingBeds: s.boardingBeds + beds)
        case let .restrictGrades(id, grades):
            guard let i = index[id], let s = current[i] else { return }
            current[i] = s.with(grades: grades, classrooms: s.classrooms(keeping: Set(grades.map { s.kind.stage(of: $0) })))
        case let .convert(id, kind, grades, classrooms):
            guard let i = index[id], let s = current[i] else { return }
            temporary[i] = nil  // the converted buildings are its classrooms now
            current[i] = s.with(kind: kind, grades: grades, classrooms: classrooms)
        }
    }
}

extension School {
    /// The same school with some fields changed.
    public func with(kind: SchoolKind? = nil, grades: [Grade]? = nil, classrooms: [Stage: Int]? = nil, boardingBeds: Int? = nil) -> School {
        School(id: id, name: name, district: district, community: community, kind: kind ?? self.kind, grades: grades ?? self.grades,
               classrooms: classrooms ?? self.classrooms, latitude: latitude, longitude: longitude,
               boardingBeds: boardingBeds ?? self.boardingBeds, isPublic: isPublic, isInclusive: isInclusive,
               currentPupils: currentPupils, observed: observed, floorArea: floorArea, siteArea: siteArea,
               resources: resources, keep: keep, staff: staff, isCentral: isCentral)
    }
}
