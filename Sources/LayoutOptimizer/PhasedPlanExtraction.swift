import ScenarioModel

/// Turns a phased solution — a decision per period — into one dated `Plan` (docs/optimizer.md,
/// "Phased plans"): each change is dated by the period in which it first appears, so the plan's
/// actions fall over the whole horizon; a catchment is written for a period only where it changes.
public enum PhasedPlanExtraction {
    public static func plan(_ decisions: [LayoutDecision], phased p: PhasedInstance, name: String) -> Plan {
        var actions: [PlanAction] = []
        var catchments: [Catchment] = []
        var previous: (decision: LayoutDecision, instance: LayoutInstance, index: [SchoolID: Int])?
        var lastCatchment: [String: SchoolID] = [:]
        for (period, d) in zip(p.periods, decisions) {
            let inst = period.instance, year = period.year, F = inst.facilities
            func before(_ s: Int) -> Int? { previous?.index[F[s].school.id] }
            func wasOpen(_ s: Int) -> Bool { before(s).map { previous!.decision.open[$0] } ?? F[s].isExisting }
            func earlierBeds(_ s: Int) -> Int { before(s).flatMap { previous!.decision.beds[$0] } ?? 0 }
            // Who each existing school's pupils go to this period.
            let (receivers, groupsWithPupils) = PlanExtraction.movements(d, inst)
            var converted: Set<Int> = []
            for (s, f) in F.enumerated() where d.open[s] {
                let beds = d.beds[s] ?? 0
                switch f.origin {
                case let .option(site, kind, classes):
                    if !wasOpen(s) {
                        actions.append(PlanExtraction.build(s, inst, site: site, kind: kind, classes: classes, beds: beds, year: year))
                        continue
                    }
                case let .conversion(school, kind):
                    converted.insert(school)
                    if !wasOpen(s) {
                        actions.append(PlanAction(year: year, .convert(school: inst.planID(s), kind: kind, grades: f.school.grades, classrooms: f.school.classrooms)))
                    }
                case .existing:
                    let earlier = before(s).flatMap { previous!.decision.expansion[$0] } ?? [:]
                    for (stage, rooms) in (d.expansion[s] ?? [:]).sorted(by: { $0.key < $1.key }) where rooms > (earlier[stage] ?? 0) {
                        actions.append(PlanAction(year: year, .expand(school: inst.planID(s), stage: stage, classrooms: rooms - (earlier[stage] ?? 0))))
                    }
                    let standing = before(s).flatMap { previous!.decision.temporary[$0] } ?? [:]
                    let now = d.temporary[s] ?? [:]
                    for stage in Set(standing.keys).union(now.keys).sorted() where (now[stage] ?? 0) != (standing[stage] ?? 0) {
                        actions.append(PlanAction(year: year, .temporaryClassrooms(school: inst.planID(s), stage: stage, classrooms: now[stage] ?? 0)))
                    }
                }
                // Beds added this period (a new school's come with its `build`).
                let added = beds - (wasOpen(s) ? earlierBeds(s) : 0)
                if added > 0 { actions.append(PlanAction(year: year, .convertBoarding(school: inst.planID(s), beds: added))) }
            }
            let groupsBefore = previous.map { PlanExtraction.movements($0.decision, $0.instance).groups } ?? [:]
            for (s, f) in F.enumerated() where f.isExisting && wasOpen(s) {
                // Temporary classrooms of a school leaving the network go with it (`Plan.temporaryClassrooms`).
                if !d.open[s] {
                    guard !converted.contains(s) else { continue }
                    let target = receivers[s]?.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { inst.planID($0.key) }
                    actions.append(PlanAction(year: year, .close(school: inst.planID(s), mergeInto: target)))
                    continue
                }
                let kept = (groupsWithPupils[s] ?? []).union(d.teaches[s] ?? [])
                let keptBefore = before(s).map { e in
                    (groupsBefore[e] ?? []).union(previous!.decision.teaches[e] ?? [])
                } ?? f.groups
                let dropped = keptBefore.subtracting(kept)
                guard !dropped.isEmpty, !kept.isEmpty else { continue }
                actions.append(PlanAction(year: year, .restrictGrades(school: inst.planID(s), grades: PlanExtraction.keptGrades(f, kept))))
            }
            // Catchments: a point's school from this period, where it changes.
            for q in inst.points.indices {
                guard let k = d.arc[q] else { continue }
                let c = PlanExtraction.catchment(q, to: inst.arcs[k].facility, inst, from: year)
                let key = "\(c.area)|\(c.stage.rawValue)|\((c.grades ?? []).map(\.id).joined(separator: ","))"
                guard lastCatchment[key] != c.school else { continue }
                lastCatchment[key] = c.school
                catchments.append(c)
            }
            previous = (d, inst, inst.facilityIndex)
        }
        actions.sort { ($0.year, PlanExtraction.order($0)) < ($1.year, PlanExtraction.order($1)) }
        return Plan(name: name, actions: actions, catchments: catchments)
    }
}
