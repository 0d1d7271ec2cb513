/// Why a plan cannot be applied to a school network: one case per kind, each message written once.
/// `action` is the index of the action in `Plan.actions`, `catchment` that of the catchment in
/// `Plan.catchments`, so that a reader can put the file's line beside it.
public struct PlanError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case yearOutOfRange(ClosedRange<Int>)
        case unknownSchool(SchoolID)
        case duplicateSchool(SchoolID)
        case closedSchoolActedOn(SchoolID)
        case notYetBuilt(SchoolID, opens: Int)
        case notTaught(SchoolID, stage: Stage)
        case gradesNotTaught(SchoolID, grades: [Grade])
        case gradesNotOfKind(SchoolID, kind: SchoolKind, grades: [Grade])
        case mergeIntoItself(SchoolID)
        case mergeIntoUnknown(SchoolID, into: SchoolID)
        case mergeIntoClosed(SchoolID, into: SchoolID)
        case mergeIntoNotYetBuilt(SchoolID, into: SchoolID, opens: Int)
        case mergeIntoClosing(SchoolID, into: SchoolID)
        case unknownSite(String)
        case siteUsedTwice(site: String, first: SchoolID)
        case kindNotAllowed(SchoolKind, site: String, allowed: [SchoolKind])
        case catchmentToClosed(SchoolID, year: Int)
    }

    public let kind: Kind
    /// The action's index in `Plan.actions` (nil for a catchment's problem), and the catchment's in
    /// `Plan.catchments` (nil for an action's).
    public let action: Int?
    public let catchment: Int?
    /// The action's name and year ("merge_into", 2026), for the message.
    public let name: String
    public let year: Int

    public init(_ kind: Kind, action: Int? = nil, catchment: Int? = nil, name: String, year: Int) {
        self.kind = kind
        self.action = action
        self.catchment = catchment
        self.name = name
        self.year = year
    }

    /// The field of the action (or catchment) at fault, as `plan.yaml` names it.
    public var field: String {
        switch kind {
        case .yearOutOfRange: return "year"
        case .duplicateSchool: return "id"
        case .unknownSchool, .closedSchoolActedOn, .notYetBuilt, .catchmentToClosed: return "school"
        case .notTaught: return "stage"
        case .gradesNotTaught, .gradesNotOfKind: return "grades"
        case .mergeIntoItself, .mergeIntoUnknown, .mergeIntoClosed, .mergeIntoNotYetBuilt, .mergeIntoClosing: return "into"
        case .unknownSite, .siteUsedTwice: return "site"
        case .kindNotAllowed: return "kind"
        }
    }

    public var description: String {
        let head = "\(name) in \(year): "
        switch kind {
        case .yearOutOfRange(let years):
            return head + "the year is outside the projection \(years.lowerBound)–\(years.upperBound)"
        case .unknownSchool(let id):
            return head + "no school \(id) (not in schools.csv nor built by the plan)"
        case .duplicateSchool(let id):
            return head + "school id \(id) is already used"
        case .closedSchoolActedOn(let id):
            return head + "school \(id) has closed by then"
        case let .notYetBuilt(id, opens):
            return head + "school \(id) is built only in \(opens)"
        case let .notTaught(id, stage):
            return head + "school \(id) does not teach the \(stage.rawValue) stage"
        case let .gradesNotTaught(id, grades):
            return head + "school \(id) does not teach grades \(grades.map(\.id).joined(separator: ","))"
        case let .gradesNotOfKind(id, kind, grades):
            return head + "school \(id) cannot become a \(kind.rawValue) teaching grades \(grades.map(\.id).joined(separator: ",")) (a \(kind.rawValue) teaches \(Grade.rangeText(kind.standardGrades)))"
        case .mergeIntoItself(let id):
            return head + "school \(id) cannot merge into itself"
        case let .mergeIntoUnknown(id, target):
            return head + "\(id) merges into \(target), which is neither in schools.csv nor built by the plan"
        case let .mergeIntoClosed(id, target):
            return head + "\(id) merges into \(target), which has closed by then"
        case let .mergeIntoNotYetBuilt(id, target, opens):
            return head + "\(id) merges into \(target), which is built only in \(opens)"
        case let .mergeIntoClosing(id, target):
            return head + "\(id) merges into \(target), which closes the same year"
        case .unknownSite(let site):
            return head + "unknown candidate site \(site) (not in candidate_sites.csv)"
        case let .siteUsedTwice(site, first):
            return head + "site \(site) is already taken by \(first); a site takes one new school"
        case let .kindNotAllowed(kind, site, allowed):
            return head + "site \(site) allows \(allowed.map(\.rawValue).joined(separator: ", ")), not a \(kind.rawValue) school"
        case let .catchmentToClosed(id, year):
            return head + "the catchment sends pupils to \(id), which is not open in \(year)"
        }
    }
}

/// Checks a plan against a school network before it is applied: every action in the projection's
/// years, on a school that exists and is open then (built no later, not closed earlier), a merge
/// into another school that stays open, a build's id new and its site (when given) known, free and
/// allowing its kind, an expansion on a stage the school teaches, grades kept that it teaches, a
/// catchment sending pupils to a school open from its first year. The one list of these rules:
/// `PlanApplication` applies only a plan without problems, and `PlanFile` reports them with lines.
public enum PlanCheck {
    public static func problems(_ plan: Plan, schooling: Schooling, years: ClosedRange<Int>) -> [PlanError] {
        var problems: [PlanError] = []
        var built: [SchoolID: Int] = [:]   // new school → year it opens
        var siteTaken: [String: SchoolID] = [:]
        let existing = Set(schooling.schools.map(\.id))
        let sites = Dictionary(schooling.candidateSites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var grades = Dictionary(schooling.schools.map { ($0.id, $0.grades) }, uniquingKeysWith: { a, _ in a })
        var kinds = Dictionary(schooling.schools.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        for (i, action) in plan.actions.enumerated() {
            guard case .build(let new) = action.kind else { continue }
            func problem(_ kind: PlanError.Kind) { problems.append(PlanError(kind, action: i, name: action.name, year: action.year)) }
            if existing.contains(new.id) || built[new.id] != nil {
                problem(.duplicateSchool(new.id))
                continue
            }
            built[new.id] = action.year
            grades[new.id] = new.grades
            kinds[new.id] = new.kind
            guard let siteID = new.site else { continue }
            guard let site = sites[siteID] else {
                problem(.unknownSite(siteID))
                continue
            }
            if let first = siteTaken[siteID] { problem(.siteUsedTwice(site: siteID, first: first)) } else { siteTaken[siteID] = new.id }
            if !site.allowedKinds.isEmpty && !site.allowedKinds.contains(new.kind) {
                problem(.kindNotAllowed(new.kind, site: siteID, allowed: site.allowedKinds))
            }
        }
        // Closures by school: the first year each is closed.
        var closed: [SchoolID: Int] = [:]
        let ordered = plan.actions.enumerated().sorted { ($0.element.year, $0.offset) < ($1.element.year, $1.offset) }
        for (i, action) in ordered {
            func problem(_ kind: PlanError.Kind) { problems.append(PlanError(kind, action: i, name: action.name, year: action.year)) }
            guard years.contains(action.year) else {
                problem(.yearOutOfRange(years))
                continue
            }
            /// The school as the action finds it: known, open, built.
            func available(_ id: SchoolID) -> Bool {
                guard existing.contains(id) || built[id] != nil else { problem(.unknownSchool(id)); return false }
                if let year = closed[id], year <= action.year { problem(.closedSchoolActedOn(id)); return false }
                if let opens = built[id], opens > action.year { problem(.notYetBuilt(id, opens: opens)); return false }
                return true
            }
            switch action.kind {
            case .build:
                break
            case let .expand(id, stage, _), let .temporaryClassrooms(id, stage, _):
                guard available(id) else { continue }
                if let g = grades[id], let kind = kinds[id], !g.contains(where: { kind.stage(of: $0) == stage }) { problem(.notTaught(id, stage: stage)) }
            case let .convertBoarding(id, _):
                _ = available(id)
            case let .convert(id, kind, g, _):
                guard available(id) else { continue }
                let foreign = g.filter { !kind.standardGrades.contains($0) }
                guard foreign.isEmpty else { problem(.gradesNotOfKind(id, kind: kind, grades: foreign)); continue }
                grades[id] = g
                kinds[id] = kind
            case let .restrictGrades(id, kept):
                guard available(id) else { continue }
                let missing = kept.filter { !(grades[id] ?? []).contains($0) }
                if missing.isEmpty { grades[id] = kept } else { problem(.gradesNotTaught(id, grades: missing)) }
            case let .close(id, target):
                guard available(id) else { continue }
                closed[id] = action.year
                guard let target else { continue }
                if target == id {
                    problem(.mergeIntoItself(id))
                } else if !existing.contains(target) && built[target] == nil {
                    problem(.mergeIntoUnknown(id, into: target))
                } else if let year = closed[target], year < action.year {
                    problem(.mergeIntoClosed(id, into: target))
                } else if let opens = built[target], opens > action.year {
                    problem(.mergeIntoNotYetBuilt(id, into: target, opens: opens))
                } else if plan.actions.contains(where: { if case .close(target, _) = $0.kind { return $0.year == action.year }; return false }) {
                    problem(.mergeIntoClosing(id, into: target))
                }
            }
        }
        for (i, c) in plan.catchments.enumerated() {
            let year = max(c.fromYear ?? years.lowerBound, years.lowerBound)
            let closes = closed[c.school].map { $0 <= year } ?? false
            let notYet = built[c.school].map { $0 > year } ?? false
            if (existing.contains(c.school) || built[c.school] != nil) && (closes || notYet) {
                problems.append(PlanError(.catchmentToClosed(c.school, year: year), catchment: i, name: "catchment", year: year))
            }
        }
        return problems.sorted { ($0.action ?? Int.max, $0.catchment ?? -1) < ($1.action ?? Int.max, $1.catchment ?? -1) }
    }
}
