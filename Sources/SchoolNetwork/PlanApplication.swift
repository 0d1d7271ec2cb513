import ScenarioModel

/// Why a plan cannot be applied to a network.
public enum PlanError: Error, Equatable, CustomStringConvertible {
    case unknownSchool(SchoolID, action: String, year: Int)
    case duplicateSchool(SchoolID)
    case notTaught(SchoolID, stage: Stage, year: Int)
    case gradesNotTaught(SchoolID, grades: [Grade], year: Int)
    case yearOutOfRange(action: String, year: Int, years: ClosedRange<Int>)
    case closedSchoolActedOn(SchoolID, action: String, year: Int)

    public var description: String {
        switch self {
        case let .unknownSchool(id, action, year): return "\(action) in \(year): no school \(id) exists then (not in schools.csv, not built earlier, or closed)"
        case let .duplicateSchool(id): return "build: school id \(id) is already used"
        case let .notTaught(id, stage, year): return "expand in \(year): school \(id) does not teach the \(stage.rawValue) stage"
        case let .gradesNotTaught(id, grades, year): return "restrict_grades in \(year): school \(id) does not teach grades \(grades.map(\.id).joined(separator: ","))"
        case let .yearOutOfRange(action, year, years): return "\(action) in \(year): the year is outside the projection \(years.lowerBound)–\(years.upperBound)"
        case let .closedSchoolActedOn(id, action, year): return "\(action) in \(year): school \(id) has closed by then"
        }
    }
}

/// Applies a plan's dated actions to the base network, year by year: an action of year `t` is in
/// force from `t` to the horizon. Builds add schools; `expand` adds classrooms to a stage;
/// `convert_boarding` adds beds; `restrict_grades` keeps only the listed grades (and the classrooms of
/// the stages left); `close`/`merge_into` removes the school (and names its receiver). The plan's
/// catchments take effect from their years.
public enum PlanApplication {
    public static func apply(_ plan: Plan, to schooling: Schooling, years: ClosedRange<Int>) throws(PlanError) -> NetworkTimeline {
        var schools = schooling.schools
        var index = Dictionary(uniqueKeysWithValues: schools.enumerated().map { ($1.id, $0) })
        for action in plan.actions {
            guard years.contains(action.year) else { throw .yearOutOfRange(action: action.name, year: action.year, years: years) }
            if case .build(let new) = action.kind {
                guard index[new.id] == nil else { throw .duplicateSchool(new.id) }
                index[new.id] = schools.count
                schools.append(new.school)
            }
        }
        var current: [School?] = schooling.schools.map { Optional($0) } + Array(repeating: nil, count: schools.count - schooling.schools.count)
        var states: [[School?]] = []
        let byYear = Dictionary(grouping: plan.actions, by: \.year)
        for year in years {
            for action in byYear[year] ?? [] {
                try apply(action, to: &current, index: index, schools: schools)
            }
            states.append(current)
        }
        var merges: [Int: Int] = [:]
        for action in plan.actions {
            if case let .close(id, target?) = action.kind, let s = index[id], let t = index[target] { merges[s] = t }
        }
        return NetworkTimeline(years: years, schools: schools, states: states, planCatchments: plan.catchments, mergeTargets: merges,
                               existingCount: schooling.schools.count)
    }

    private static func apply(_ action: PlanAction, to current: inout [School?], index: [SchoolID: Int], schools: [School]) throws(PlanError) {
        func existing(_ id: SchoolID) throws(PlanError) -> (Int, School) {
            guard let i = index[id] else { throw .unknownSchool(id, action: action.name, year: action.year) }
            guard let s = current[i] else { throw .closedSchoolActedOn(id, action: action.name, year: action.year) }
            return (i, s)
        }
        switch action.kind {
        case .build(let new):
            if let i = index[new.id] { current[i] = new.school }
        case let .expand(id, stage, classrooms):
            let (i, s) = try existing(id)
            guard s.stages.contains(stage) else { throw .notTaught(id, stage: stage, year: action.year) }
            var rooms = s.classrooms
            rooms[stage, default: 0] += classrooms
            current[i] = s.with(classrooms: rooms)
        case let .close(id, _):
            let (i, _) = try existing(id)
            current[i] = nil
        case let .convertBoarding(id, beds):
            let (i, s) = try existing(id)
            current[i] = s.with(boardingBeds: s.boardingBeds + beds)
        case let .restrictGrades(id, grades):
            let (i, s) = try existing(id)
            let missing = grades.filter { !s.grades.contains($0) }
            guard missing.isEmpty else { throw .gradesNotTaught(id, grades: missing, year: action.year) }
            let stages = Set(grades.map { s.kind.stage(of: $0) })
            current[i] = s.with(grades: grades, classrooms: s.classrooms.filter { stages.contains($0.key) })
        }
    }
}

extension School {
    /// The same school with some fields changed.
    public func with(grades: [Grade]? = nil, classrooms: [Stage: Int]? = nil, boardingBeds: Int? = nil) -> School {
        School(id: id, name: name, district: district, community: community, kind: kind, grades: grades ?? self.grades,
               classrooms: classrooms ?? self.classrooms, latitude: latitude, longitude: longitude,
               boardingBeds: boardingBeds ?? self.boardingBeds, isPublic: isPublic, isInclusive: isInclusive,
               currentPupils: currentPupils, observed: observed, floorArea: floorArea, siteArea: siteArea,
               resources: resources, keep: keep)
    }
}
