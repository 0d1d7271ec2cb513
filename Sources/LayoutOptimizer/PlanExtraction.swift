import ScenarioModel

/// Turns a `LayoutDecision` into an ordinary, dated `Plan` (docs/optimizer.md, "From a solution to a
/// plan"). Construction is dated by its lead time (`OptimizerSettings.openingYear(of:baseYear:)`: a
/// new school by its kind, classrooms, beds); changes that need none take effect the year after the
/// base year; a school closes or gives up grades only once every school receiving its pupils is
/// ready (先建后撤).
public enum PlanExtraction {
    public static func plan(_ d: LayoutDecision, inst: LayoutInstance, baseYear: Int, name: String) -> Plan {
        let F = inst.facilities
        let startYear = min(baseYear + 1, inst.designYear)
        func id(_ s: Int) -> SchoolID { inst.planID(s) }
        var ready = [Int](repeating: startYear, count: F.count)
        var actions: [PlanAction] = []
        for (s, f) in F.enumerated() where d.open[s] {
            let beds = d.beds[s] ?? 0
            switch f.origin {
            case .conversion:
                continue  // below, once the schools receiving its pupils are ready
            case .option(let site, let kind, let classes):
                let opening = f.openingYear ?? startYear
                ready[s] = opening
                actions.append(build(s, inst, site: site, kind: kind, classes: classes, beds: beds, year: opening))
            case .existing:
                for (stage, rooms) in (d.expansion[s] ?? [:]).sorted(by: { $0.key < $1.key }) where rooms > 0 {
                    let opening = inst.expansionYear ?? inst.designYear
                    actions.append(PlanAction(year: opening, .expand(school: id(s), stage: stage, classrooms: rooms)))
                    ready[s] = max(ready[s], opening)
                }
                if beds > 0 {
                    let opening = inst.bedsYear ?? inst.designYear
                    actions.append(PlanAction(year: opening, .convertBoarding(school: id(s), beds: beds)))
                    ready[s] = max(ready[s], opening)
                }
            }
        }
        let (receivers, groupsWithPupils) = movements(d, inst)
        /// The year the schools receiving s's pupils (of `groups`, default all) are ready. Points
        /// without a current school (a county-wide pool, as senior secondary) may be taught at s now,
        /// so their receivers count too.
        func changeYear(_ s: Int, groups: Set<PupilGroup>? = nil) -> Int {
            let affected = groups ?? F[s].groups
            let moved = inst.points.indices.filter { p in
                affected.contains(inst.points[p].group) && (inst.points[p].currentSchool == s || inst.points[p].currentSchool == nil)
            }
            return moved.compactMap { d.arc[$0].map { ready[inst.arcs[$0].facility] } }.max() ?? startYear
        }
        // Conversions: a closed school's buildings become another kind of school (改建) once its pupils'
        // new schools are ready, and no earlier than the conversion's lead time; beds come with it.
        // A conversion may wait for another (a primary's pupils sent to a junior school becoming a
        // primary): the years are settled together, as many passes as there are conversions.
        let chosen = inst.conversions.compactMap { e, options in options.first(where: { d.open[$0] }).map { (e, $0) } }
        for (_, c) in chosen { ready[c] = F[c].openingYear ?? startYear }
        for _ in chosen.indices {
            for (e, c) in chosen { ready[c] = max(F[c].openingYear ?? startYear, changeYear(e)) }
        }
        var converted: Set<Int> = []
        for (e, c) in chosen {
            guard case .conversion(_, let kind) = F[c].origin else { continue }
            converted.insert(e)
            actions.append(PlanAction(year: ready[c], .convert(school: id(c), kind: kind, grades: F[c].school.grades, classrooms: F[c].school.classrooms)))
            if let beds = d.beds[c], beds > 0 { actions.append(PlanAction(year: ready[c], .convertBoarding(school: id(c), beds: beds))) }
        }
        for (s, f) in F.enumerated() where f.isExisting && !converted.contains(s) {
            if !d.open[s] {
                let target = receivers[s]?.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { id($0.key) }
                actions.append(PlanAction(year: max(startYear, changeYear(s)), .close(school: id(s), mergeInto: target)))
                continue
            }
            // The groups it has pupils of, and those the decision keeps without (a township's public kindergarten).
            let kept = (groupsWithPupils[s] ?? []).union(d.teaches[s] ?? [])
            let dropped = f.groups.subtracting(kept)
            guard !dropped.isEmpty, !kept.isEmpty else { continue }
            let grades = keptGrades(f, kept)
            actions.append(PlanAction(year: max(startYear, changeYear(s, groups: dropped)), .restrictGrades(school: id(s), grades: grades)))
        }
        // Catchments: every demand point to its school, from the year that school is ready.
        var catchments: [Catchment] = []
        for p in inst.points.indices {
            guard let k = d.arc[p] else { continue }
            let s = inst.arcs[k].facility
            catchments.append(catchment(p, to: s, inst, from: ready[s]))
        }
        actions.sort { ($0.year, order($0)) < ($1.year, order($1)) }
        return Plan(name: name, actions: actions, catchments: catchments)
    }

    /// Where the decision sends each existing school's pupils (school now → school planned → pupils), and
    /// the groups each facility has pupils of.
    static func movements(_ d: LayoutDecision, _ inst: LayoutInstance) -> (receivers: [Int: [Int: Double]], groups: [Int: Set<PupilGroup>]) {
        var receivers: [Int: [Int: Double]] = [:]
        var groups: [Int: Set<PupilGroup>] = [:]
        for (p, point) in inst.points.enumerated() {
            guard let k = d.arc[p] else { continue }
            let s = inst.arcs[k].facility
            groups[s, default: []].insert(point.group)
            if let now = point.currentSchool, now != s { receivers[now, default: [:]][s, default: 0] += point.pupils }
        }
        return (receivers, groups)
    }

    /// The order of a year's actions in `plan.yaml`: what adds seats before what takes pupils away.
    static func order(_ a: PlanAction) -> Int {
        switch a.kind {
        case .build: return 0
        case .expand, .temporaryClassrooms: return 1
        case .convertBoarding: return 2
        case .restrictGrades: return 3
        case .convert: return 4
        case .close: return 5
        }
    }

    /// `build` for option s (`b_o = 1`), opening in `year` with `beds`.
    static func build(_ s: Int, _ inst: LayoutInstance, site: Int, kind: SchoolKind, classes: Int, beds: Int, year: Int) -> PlanAction {
        let f = inst.facilities[s], school = f.school
        return PlanAction(year: year, .build(NewSchool(
            id: inst.planID(s), name: inst.projectNames[s] ?? "新建\(kind.nameZH)(\(inst.siteNames[site]), \(classes)班)", site: inst.siteNames[site],
            district: school.district, community: school.community, kind: kind, grades: school.grades, classrooms: school.classrooms,
            boardingBeds: beds, latitude: school.latitude, longitude: school.longitude, capitalCost: f.capital)))
    }

    /// The grades an existing facility keeps when it teaches only the groups `kept` (its grades of no
    /// pupil group, as a kindergarten's, stay).
    static func keptGrades(_ f: LayoutInstance.Facility, _ kept: Set<PupilGroup>) -> [Grade] {
        f.school.grades.filter { g in kept.contains { $0.grades.contains(g) } || !PupilGroup.allCases.contains { $0.grades.contains(g) && f.groups.contains($0) } }
    }

    /// The catchment sending point p to facility s from `year`.
    static func catchment(_ p: Int, to s: Int, _ inst: LayoutInstance, from year: Int) -> Catchment {
        let point = inst.points[p]
        let grades = point.grades ?? point.group.grades
        return Catchment(area: point.area, stage: point.group.stage, school: inst.planID(s), grades: grades == point.group.stage.grades ? nil : grades,
                         fromYear: year)
    }
}
