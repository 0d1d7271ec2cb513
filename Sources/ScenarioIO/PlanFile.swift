import Foundation
import ScenarioModel
import Yams

/// `plan.yaml`: a layout plan's dated actions and catchments.
///
/// ```yaml
/// name: optimizer plan
/// actions:
///   - {year: 2026, action: build, id: N1, name: 城南小学, site: C01, kind: primary, grades: 1-6, classrooms: 24}
///   - {year: 2026, action: expand, school: D01P1, stage: primary, classrooms: 6}
///   - {year: 2026, action: convert_boarding, school: D02P1, beds: 120}
///   - {year: 2027, action: merge_into, school: D05P3, into: D05P1}
///   - {year: 2027, action: close, school: D05T2}
///   - {year: 2027, action: restrict_grades, school: D06P2, grades: 1-3}
/// catchments:
///   - {area: D0501, stage: primary, grades: 4-6, school: D05P1, from: 2027}
/// ```
/// A build on a candidate site takes the site's district, community and coordinates; elsewhere give
/// `district`, `community`, `lat`, `lon`. `classrooms` is one number (shared among the school's stages
/// by grades) or a map by stage.
public enum PlanFile {
    /// Reads and checks a plan against the scenario; every problem is reported with its line.
    public static func read(_ url: URL, scenario: Scenario) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        var log = DiagnosticLog()
        let file = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            log.error(file, "file not found or not UTF-8 (looked for \(url.path))")
            return (nil, log.items)
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                log.error(file, "the plan is empty")
                return (nil, log.items)
            }
            root = node
        } catch {
            YAMLValue.report(error, in: text, file: file, log: &log)
            return (nil, log.items)
        }
        guard let entries = YAMLValue(node: root, key: "", file: file).mapping(log: &log) else { return (nil, log.items) }
        YAMLValue.warnUnknown(entries, allowed: ["name", "actions", "catchments", "summary"], log: &log)
        let map = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        var reader = PlanReader(scenario: scenario, file: file)
        var actions: [PlanAction] = [], catchments: [Catchment] = []
        var actionEntries: [YAMLValue] = [], catchmentEntries: [YAMLValue] = []
        for (i, node) in (map["actions"]?.node.sequence ?? []).enumerated() {
            let v = YAMLValue(node: node, key: "actions[\(i)]", file: file)
            if let a = reader.action(v, log: &log) { actions.append(a); actionEntries.append(v) }
        }
        for (i, node) in (map["catchments"]?.node.sequence ?? []).enumerated() {
            let v = YAMLValue(node: node, key: "catchments[\(i)]", file: file)
            if let c = reader.catchment(v, log: &log) { catchments.append(c); catchmentEntries.append(v) }
        }
        guard !log.hasErrors else { return (nil, log.items) }
        let plan = Plan(name: map["name"]?.scalarText ?? url.deletingPathExtension().lastPathComponent, actions: actions, catchments: catchments)
        if let schooling = scenario.schooling {
            // The rules of the plan against the network, each problem at its field's line.
            for problem in PlanCheck.problems(plan, schooling: schooling, years: scenario.years) {
                guard let entry = problem.action.map({ actionEntries[$0] }) ?? problem.catchment.map({ catchmentEntries[$0] }) else { continue }
                let field = entry.node.mapping?.first { $0.key.string == problem.field }.map { YAMLValue(node: $0.value, key: "", file: file) }
                log.report(.plan(problem), at: Location(file, line: field?.line ?? entry.line, column: "\(entry.key).\(problem.field)"))
            }
        }
        guard !log.hasErrors else { return (nil, log.items) }
        return (plan, log.items)
    }

    /// The plan as YAML text (actions and catchments one per line), with an optional summary block.
    public static func yaml(_ plan: Plan, summary: [(String, String)] = []) throws -> String {
        func s(_ text: String) -> Node { Node(text) }
        func n(_ v: Int) -> Node { Node(String(v)) }
        func map(_ pairs: [(String, Node)]) -> Node {
            .mapping(Node.Mapping(pairs.map { (Node($0.0), $0.1) }, .implicit, .flow))
        }
        func grades(_ g: [Grade]) -> String { Grade.rangeText(g) }
        let actions: [Node] = plan.actions.map { a in
            var pairs: [(String, Node)] = [("year", n(a.year)), ("action", s(a.name))]
            switch a.kind {
            case .build(let b):
                pairs += [("id", s(b.id.rawValue)), ("name", s(b.name))]
                if let site = b.site { pairs.append(("site", s(site))) }
                pairs += [("district", s(b.district.rawValue))]
                if let c = b.community { pairs.append(("community", s(c.rawValue))) }
                pairs += [("kind", s(b.kind.rawValue)), ("grades", s(grades(b.grades)))]
                pairs.append(("classrooms", map(b.classrooms.sorted { $0.key < $1.key }.map { ($0.key.rawValue, n($0.value)) })))
                if b.boardingBeds > 0 { pairs.append(("boarding_beds", n(b.boardingBeds))) }
                if let lat = b.latitude, let lon = b.longitude { pairs += [("lat", s(String(lat))), ("lon", s(String(lon)))] }
            case let .expand(school, stage, classrooms):
                pairs += [("school", s(school.rawValue)), ("stage", s(stage.rawValue)), ("classrooms", n(classrooms))]
            case let .close(school, target):
                pairs.append(("school", s(school.rawValue)))
                if let target { pairs.append(("into", s(target.rawValue))) }
            case let .convertBoarding(school, beds):
                pairs += [("school", s(school.rawValue)), ("beds", n(beds))]
            case let .restrictGrades(school, g):
                pairs += [("school", s(school.rawValue)), ("grades", s(grades(g)))]
            case let .convert(school, kind, g, rooms):
                pairs += [("school", s(school.rawValue)), ("kind", s(kind.rawValue)), ("grades", s(grades(g))),
                          ("classrooms", map(rooms.sorted { $0.key < $1.key }.map { ($0.key.rawValue, n($0.value)) }))]
            case let .temporaryClassrooms(school, stage, classrooms):
                pairs += [("school", s(school.rawValue)), ("stage", s(stage.rawValue)), ("classrooms", n(classrooms))]
            }
            return map(pairs)
        }
        let catchments: [Node] = plan.catchments.map { c in
            var pairs: [(String, Node)] = [("area", s(c.area.rawValue)), ("stage", s(c.stage.rawValue))]
            if let g = c.grades { pairs.append(("grades", s(grades(g)))) }
            pairs.append(("school", s(c.school.rawValue)))
            if let y = c.fromYear { pairs.append(("from", n(y))) }
            return map(pairs)
        }
        var top: [(Node, Node)] = [(Node("name"), Node(plan.name))]
        if !summary.isEmpty {
            top.append((Node("summary"), .mapping(Node.Mapping(summary.map { (Node($0.0), Node($0.1)) }))))
        }
        top.append((Node("actions"), .sequence(Node.Sequence(actions, .implicit, .block))))
        top.append((Node("catchments"), .sequence(Node.Sequence(catchments, .implicit, .block))))
        return try Yams.serialize(node: .mapping(Node.Mapping(top, .implicit, .block)), width: -1, allowUnicode: true)
    }
}

/// Reads the entries of a plan, resolving ids against the scenario (and schools built earlier in the file).
private struct PlanReader {
    let scenario: Scenario
    let file: String
    var schoolIDs: Set<SchoolID>
    let sites: [String: CandidateSite]
    let areas: Set<AreaID>

    init(scenario: Scenario, file: String) {
        self.scenario = scenario
        self.file = file
        schoolIDs = Set(scenario.schooling?.schools.map(\.id) ?? [])
        sites = Dictionary(uniqueKeysWithValues: (scenario.schooling?.candidateSites ?? []).map { ($0.id, $0) })
        areas = Set(scenario.districts.map(\.id) + scenario.communities.map(\.id))
    }

    private func fields(_ v: YAMLValue, log: inout DiagnosticLog) -> [String: YAMLValue]? {
        guard let e = v.mapping(log: &log) else { return nil }
        return Dictionary(e.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    private func school(_ f: [String: YAMLValue], _ key: String, _ v: YAMLValue, log: inout DiagnosticLog) -> SchoolID? {
        guard let text = f[key]?.scalarText, !text.isEmpty else {
            log.error(file, line: v.line, column: "\(v.key).\(key)", "give the school id (\(key):)")
            return nil
        }
        guard schoolIDs.contains(SchoolID(text)) else {
            log.report(.unknownID(.school, id: text, also: " nor built earlier in the plan"), at: Location(file, line: f[key]?.line, column: "\(v.key).\(key)"))
            return nil
        }
        return SchoolID(text)
    }

    mutating func action(_ v: YAMLValue, log: inout DiagnosticLog) -> PlanAction? {
        guard let f = fields(v, log: &log) else { return nil }
        guard let year = f["year"]?.integer(1950...2200, "the year the action takes effect", log: &log) else {
            if f["year"] == nil { log.error(file, line: v.line, column: "\(v.key).year", "every action needs a year") }
            return nil
        }
        let name = f["action"]?.scalarText ?? ""
        switch name {
        case "build":
            guard let b = build(f, v, log: &log) else { return nil }
            schoolIDs.insert(b.id)
            return PlanAction(year: year, .build(b))
        case "expand":
            guard let id = school(f, "school", v, log: &log) else { return nil }
            guard let stage = Stage(rawValue: f["stage"]?.scalarText ?? "") else {
                log.error(file, line: f["stage"]?.line ?? v.line, column: "\(v.key).stage", "give the stage to expand (kindergarten, primary, junior, senior, vocational)")
                return nil
            }
            guard let rooms = f["classrooms"]?.integer(1...1000, "classrooms added", log: &log) else { return nil }
            return PlanAction(year: year, .expand(school: id, stage: stage, classrooms: rooms))
        case "temporary_classrooms":
            guard let id = school(f, "school", v, log: &log) else { return nil }
            guard let stage = Stage(rawValue: f["stage"]?.scalarText ?? "") else {
                log.error(file, line: f["stage"]?.line ?? v.line, column: "\(v.key).stage",
                          "give the stage of the temporary classrooms (kindergarten, primary, junior, senior, vocational)")
                return nil
            }
            guard let rooms = f["classrooms"]?.integer(0...1000, "temporary classrooms standing from this year (0 removes them)", log: &log) else { return nil }
            return PlanAction(year: year, .temporaryClassrooms(school: id, stage: stage, classrooms: rooms))
        case "close", "merge_into":
            guard let id = school(f, "school", v, log: &log) else { return nil }
            var target: SchoolID?
            if f["into"] != nil || name == "merge_into" {
                guard let t = school(f, "into", v, log: &log) else { return nil }
                target = t
            }
            return PlanAction(year: year, .close(school: id, mergeInto: target))
        case "convert_boarding":
            guard let id = school(f, "school", v, log: &log), let beds = f["beds"]?.integer(1...100_000, "beds added", log: &log) else { return nil }
            return PlanAction(year: year, .convertBoarding(school: id, beds: beds))
        case "restrict_grades":
            guard let id = school(f, "school", v, log: &log) else { return nil }
            guard let grades = GradeRange.parse(f["grades"]?.scalarText ?? "") else {
                log.error(file, line: f["grades"]?.line ?? v.line, column: "\(v.key).grades", "give the grades kept, e.g. 1-3")
                return nil
            }
            return PlanAction(year: year, .restrictGrades(school: id, grades: grades))
        case "convert":
            guard let id = school(f, "school", v, log: &log) else { return nil }
            guard let kind = SchoolKind(rawValue: f["kind"]?.scalarText ?? "") else {
                log.error(file, line: f["kind"]?.line ?? v.line, column: "\(v.key).kind", "give the kind of school the buildings become")
                return nil
            }
            guard let grades = GradeRange.parse(f["grades"]?.scalarText ?? "") else {
                log.error(file, line: f["grades"]?.line ?? v.line, column: "\(v.key).grades", "give the grades taught after the conversion, e.g. K1-K3")
                return nil
            }
            guard let rooms = classrooms(f, grades: grades, kind: kind, log: &log) else {
                if f["classrooms"] == nil { log.error(file, line: v.line, column: "\(v.key).classrooms", "give the classrooms after the conversion") }
                return nil
            }
            return PlanAction(year: year, .convert(school: id, kind: kind, grades: grades, classrooms: rooms))
        default:
            log.error(file, line: f["action"]?.line ?? v.line, column: "\(v.key).action",
                      "\"\(name)\" is not an action; use build, expand, temporary_classrooms, close, merge_into, convert_boarding, restrict_grades or convert")
            return nil
        }
    }

    private func build(_ f: [String: YAMLValue], _ v: YAMLValue, log: inout DiagnosticLog) -> NewSchool? {
        guard let idText = f["id"]?.scalarText, !idText.isEmpty else {
            log.error(file, line: v.line, column: "\(v.key).id", "a build needs the new school's id")
            return nil
        }
        if schoolIDs.contains(SchoolID(idText)) {
            log.error(file, line: f["id"]?.line, column: "\(v.key).id", "school id \(idText) is already used")
            return nil
        }
        guard let kind = SchoolKind(rawValue: f["kind"]?.scalarText ?? "") else {
            log.error(file, line: f["kind"]?.line ?? v.line, column: "\(v.key).kind", "give the kind of school built")
            return nil
        }
        guard let grades = GradeRange.parse(f["grades"]?.scalarText ?? "") else {
            log.error(file, line: f["grades"]?.line ?? v.line, column: "\(v.key).grades", "give the grades taught, e.g. 1-6")
            return nil
        }
        let site = f["site"]?.scalarText.flatMap { sites[$0] }
        if let text = f["site"]?.scalarText, site == nil {
            log.report(.unknownID(.site, id: text, also: ""), at: Location(file, line: f["site"]?.line, column: "\(v.key).site"))
            return nil
        }
        let district = (f["district"]?.scalarText).map { AreaID($0) } ?? site?.district
        guard let district, areas.contains(district) else {
            log.error(file, line: v.line, column: "\(v.key).district", "give a known district for the new school (or a candidate site)")
            return nil
        }
        let community = (f["community"]?.scalarText).map { AreaID($0) } ?? site?.community
        let lat = f["lat"]?.scalarText.flatMap(Double.init) ?? site?.latitude
        let lon = f["lon"]?.scalarText.flatMap(Double.init) ?? site?.longitude
        guard let classrooms = classrooms(f, grades: grades, kind: kind, log: &log) else { return nil }
        let beds = f["boarding_beds"]?.integer(0...100_000, "boarding beds", log: &log) ?? 0
        return NewSchool(id: SchoolID(idText), name: f["name"]?.scalarText ?? idText, site: site?.id, district: district, community: community,
                         kind: kind, grades: grades, classrooms: classrooms, boardingBeds: beds, latitude: lat, longitude: lon)
    }

    /// `classrooms:` by stage (`{kindergarten: 6}`) or a number shared among the grades' stages.
    private func classrooms(_ f: [String: YAMLValue], grades: [Grade], kind: SchoolKind, log: inout DiagnosticLog) -> [Stage: Int]? {
        if let c = f["classrooms"], c.node.mapping != nil {
            var classrooms: [Stage: Int] = [:]
            for (k, x) in c.mapping(log: &log) ?? [] {
                guard let stage = Stage(rawValue: k), let n = x.integer(0...1000, "classrooms", log: &log) else { return nil }
                classrooms[stage] = n
            }
            return classrooms
        }
        return f["classrooms"]?.integer(1...1000, "classrooms", log: &log).map { School.splitClassrooms($0, grades: grades, kind: kind) }
    }

    func catchment(_ v: YAMLValue, log: inout DiagnosticLog) -> Catchment? {
        guard let f = fields(v, log: &log) else { return nil }
        let area = AreaID(f["area"]?.scalarText ?? "")
        guard areas.contains(area) else {
            log.report(.unknownID(.area, id: area.rawValue, also: ""), at: Location(file, line: f["area"]?.line ?? v.line, column: "\(v.key).area"))
            return nil
        }
        guard let stage = Stage(rawValue: f["stage"]?.scalarText ?? "") else {
            log.error(file, line: f["stage"]?.line ?? v.line, column: "\(v.key).stage", "give the stage")
            return nil
        }
        var grades: [Grade]?
        if let text = f["grades"]?.scalarText {
            guard let g = GradeRange.parse(text), g.allSatisfy({ stage.grades.contains($0) }) else {
                log.error(file, line: f["grades"]?.line, column: "\(v.key).grades", "\"\(text)\" is not a range of \(stage.rawValue) grades")
                return nil
            }
            grades = g
        }
        guard let id = school(f, "school", v, log: &log) else { return nil }
        let year = f["from"].flatMap { $0.integer(1950...2200, "a year", log: &log) }
        return Catchment(area: area, stage: stage, school: id, grades: grades, fromYear: year)
    }
}
