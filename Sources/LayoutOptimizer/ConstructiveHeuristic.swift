import Foundation
import ScenarioModel

/// Warm starts for the layout MILP (and the fallback when CBC finds nothing in time).
///
/// **Constructive**: every existing school stays open teaching all its groups. Where a stage's demand
/// exceeds what existing schools can hold (every expansion made, ceilings and 100% concentration
/// targets respected), build options are opened, cheapest per seat first, one per site, within the
/// budget. Demand points, most constrained first (fewest schools within reach), take their cheapest
/// arc to a school with room: a full school is expanded a classroom at a time (up to the limit,
/// within the budget), and when no open school can take a point the cheapest reachable build option
/// is built, or an option already chosen on a reachable site is replaced by a larger one. Arcs to schools outside a 100% concentration target's places are never used.
///
/// **LP-guided**: the same construction from the LP relaxation — its sites (each built with the kind
/// that serves most of the LP's pupils there, in the smallest size that holds them), its open
/// schools, and its arcs preferred in order of LP value.
///
/// Both then repair and improve: schools below their minimum size are closed when their pupils fit
/// elsewhere; shares below a concentration target are raised by moving the cheapest pupils to schools
/// in the target's places; a township without a public kindergarten gets the cheapest one; open
/// unprotected schools are closed, emptiest first, when that lowers the cost; and every point moves to
/// a cheaper school with room while one exists; pupils swapped both ways between two schools, and
/// pupils relocated beyond the cap, are sent back to the school they attend now, cheapest return
/// first. A result that still breaks a constraint is dropped.
public enum ConstructiveHeuristic {
    /// What the LP relaxation suggests.
    public struct Guide: Sendable {
        /// LP value of each arc.
        public let arcWeights: [Double]
        /// Facilities to open first.
        public let open: [Bool]
        /// Classrooms to add from the start.
        public let expansion: [Int: [Stage: Int]]
        /// Boarding beds to add from the start.
        public let beds: [Int: Int]
    }

    /// - Parameter keepBudget: when false the construction may overspend (for the model whose budget
    ///   is soft, see `LayoutModelBuilder`); every other constraint still holds.
    public static func solve(_ inst: LayoutInstance, guide: Guide? = nil, keepBudget: Bool = true) -> LayoutDecision? {
        var state = State(inst, guide: guide, keepBudget: keepBudget)
        state.prebuild()
        let order = inst.points.indices.sorted { a, b in
            if let g = guide {
                let wa = inst.pointArcs[a].map { g.arcWeights[$0] }.max() ?? 0, wb = inst.pointArcs[b].map { g.arcWeights[$0] }.max() ?? 0
                if abs(wa - wb) > 1e-9 { return wa > wb }
            }
            return (inst.pointArcs[a].count, -inst.points[a].pupils) < (inst.pointArcs[b].count, -inst.points[b].pupils)
        }
        for p in order {
            guard state.assign(p) else {
                debug("heuristic\(guide == nil ? "" : " (guided)"): cannot place \(inst.points[p].area) \(inst.points[p].group.rawValue)")
                return nil
            }
        }
        state.repairMinimum()
        state.repairConcentration()
        state.repairTownships()
        state.repairRequired()
        state.closeEmptiest()
        state.improveAssignments()
        state.repairSwaps()
        state.repairRelocation()
        let decision = state.finishedCopy()
        // Each year's budget is soft in the model solved: a start over it is still a start (the search cuts back).
        let families = Set(LayoutModel.Family.allCases).subtracting(keepBudget ? [.yearlyBudget] : [.budget, .yearlyBudget])
        let violations = Feasibility.violations(decision, inst, families: families)
        if !violations.isEmpty { debug("heuristic\(guide == nil ? "" : " (guided)"): \(violations.count) violations, e.g. \(violations.prefix(3))") }
        return violations.isEmpty ? decision : nil
    }

    /// A relaxation's solution (the LP, or the model with split assignment) as a guide; with `builds`
    /// false the builds are left to the deficit rule.
    static func guide(_ inst: LayoutInstance, model m: LayoutModel, lp x: [Double], builds: Bool = true) -> Guide {
        let weights = m.a.map { x[$0.index] }
        var open = [Bool](repeating: false, count: inst.facilities.count)
        for (s, v) in m.u { open[s] = x[v.index] > 0.5 || inst.facilities[s].protected }
        for options in inst.siteOptions where builds {
            // An option the solution builds outright is built.
            if let o = options.first(where: { m.b[$0].map { x[$0.index] > 0.5 } ?? false }) {
                open[o] = true
                continue
            }
            // Pupils the LP serves at the site, by kind; build the leading kind, smallest size that holds them.
            var byKind: [SchoolKind: Double] = [:]
            for o in options {
                let served = inst.facilityArcs[o].reduce(0.0) { $0 + weights[$1] * inst.points[inst.arcs[$1].point].peak }
                byKind[inst.facilities[o].school.kind, default: 0] += served
            }
            guard let (kind, served) = byKind.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }), served > 1e-6 else { continue }
            let sizes = options.filter { inst.facilities[$0].school.kind == kind }
                .sorted { inst.facilities[$0].seats.sumInKeyOrder < inst.facilities[$1].seats.sumInKeyOrder }
            if let o = sizes.first(where: { inst.facilities[$0].seats.sumInKeyOrder >= served }) ?? sizes.last { open[o] = true }
        }
        var expansion: [Int: [Stage: Int]] = [:]
        for (s, byStage) in m.x where open[s] {
            for (stage, v) in byStage where x[v.index] > 1e-6 { expansion[s, default: [:]][stage] = Int((x[v.index] - 1e-6).rounded(.up)) }
        }
        var beds: [Int: Int] = [:]
        for (s, v) in m.w where open[s] && x[v.index] > 1e-6 { beds[s] = Int((x[v.index] - 1e-6).rounded(.up)) }
        return Guide(arcWeights: weights, open: open, expansion: expansion, beds: beds)
    }

    struct State {
        let inst: LayoutInstance
        let guide: Guide?
        var decision: LayoutDecision
        var load: [[Stage: Double]]
        /// Design-year pupils by facility and group (for the classes).
        var groupLoad: [[PupilGroup: Double]]
        /// Pupils boarding at each facility.
        var farLoad: [Double]
        var capital = 0.0
        /// The budget the construction keeps to (nil: none, the model's budget then being soft).
        let budget: Double?
        let forbidden: Set<Int>

        init(_ inst: LayoutInstance, guide: Guide?, keepBudget: Bool) {
            self.inst = inst
            self.guide = guide
            budget = keepBudget ? inst.budget : nil
            var teaches: [Int: Set<PupilGroup>] = [:]
            var open = inst.facilities.map(\.isExisting)
            if let g = guide { open = g.open }
            for (s, f) in inst.facilities.enumerated() where f.isExisting { teaches[s] = f.groups }
            decision = LayoutDecision(open: open, teaches: teaches, expansion: [:], beds: [:],
                                      arc: [Int?](repeating: nil, count: inst.points.count))
            load = [[Stage: Double]](repeating: [:], count: inst.facilities.count)
            groupLoad = [[PupilGroup: Double]](repeating: [:], count: inst.facilities.count)
            farLoad = [Double](repeating: 0, count: inst.facilities.count)
            for (s, f) in inst.facilities.enumerated() where open[s] && !f.isExisting { capital += f.capital }
            if let g = guide {
                decision.expansion = g.expansion
                for (_, n) in g.beds { capital += Double(n) * inst.bedCost }
            }
            // Committed projects: their classrooms from the start, and the builds the bureau fixed (a
            // requirement every option of which must be built).
            for (s, byStage) in inst.committedExpansion {
                for (stage, n) in byStage { decision.expansion[s, default: [:]][stage] = max(n, decision.expansion[s]?[stage] ?? 0) }
            }
            for (_, byStage) in decision.expansion { for (stage, n) in byStage { capital += Double(n) * (inst.classroomCost[stage] ?? 0) } }
            for r in inst.requirements where r.options.count == r.count {
                for o in r.options where !decision.open[o] {
                    decision.open[o] = true
                    capital += inst.facilities[o].capital
                }
            }
            var forbidden: Set<Int> = []
            for t in inst.concentration where t.share >= 1 - 1e-9 {
                for (k, arc) in inst.arcs.enumerated()
                where t.groups.contains(inst.points[arc.point].group) && inst.facilities[arc.facility].places.isDisjoint(with: t.places) {
                    forbidden.insert(k)
                }
            }
            self.forbidden = forbidden
        }

        func totalLoad(_ s: Int) -> Double { load[s].sumInKeyOrder }
        func seats(_ s: Int) -> Double { inst.facilities[s].seats.sumInKeyOrder }

        /// Whether facility s may serve demand point p's group (open, teaching it, allowed by targets).
        func usable(_ k: Int) -> Bool {
            let arc = inst.arcs[k]
            return !forbidden.contains(k) && decision.open[arc.facility]
                && (decision.teaches[arc.facility]?.contains(inst.points[arc.point].group) ?? true)
        }

        /// Classrooms needed at s to add `pupils` of `stage`, or nil if beyond the expansion limit.
        func roomsNeeded(_ s: Int, _ stage: Stage, _ pupils: Double) -> Int? {
            let f = inst.facilities[s]
            let have = (f.seats[stage] ?? 0) + Double(decision.expansion[s]?[stage] ?? 0) * (f.seatsPerClassroom[stage] ?? 0)
            let over = (load[s][stage] ?? 0) + pupils - have
            guard over > 1e-9 else { return 0 }
            guard f.isExisting, f.isPublic, let q = f.seatsPerClassroom[stage], q > 0 else { return nil }
            let rooms = Int((over / q - 1e-9).rounded(.up))
            return (decision.expansion[s]?[stage] ?? 0) + rooms <= inst.mostExpansion(s, stage) ? rooms : nil
        }

        /// Beds to add at s so that `far` boarders have one.
        func bedsNeeded(_ s: Int, far: Double) -> Double {
            max(0, (far - Double(inst.facilities[s].school.boardingBeds + (guide?.beds[s] ?? 0)) - 1e-9).rounded(.up))
        }

        /// The yearly cost of the classes p's group needs at s with `pupils` (none without pupils: the
        /// group is then not taught there).
        func classCost(_ s: Int, _ g: PupilGroup, pupils: Double) -> Double {
            pupils > 1e-9 ? inst.facilities[s].classCost(g, pupils: pupils, taught: true) : 0
        }

        /// The yearly cost p's classes save at the school it is placed at now when it leaves.
        func classSaving(_ p: Int) -> Double {
            guard let k = decision.arc[p], inst.objective != .travel else { return 0 }
            let s = inst.arcs[k].facility, g = inst.points[p].group, have = groupLoad[s][g] ?? 0
            return classCost(s, g, pupils: have) - classCost(s, g, pupils: have - inst.points[p].pupils)
        }

        /// The change in yearly cost of moving p from its arc to arc k, or nil when k has no room.
        func moveCost(_ p: Int, to k: Int) -> (delta: Double, rooms: Int)? {
            guard let current = decision.arc[p], let c = placementCost(p, k) else { return nil }
            let leaving = inst.objective == .travel ? inst.points[p].pupils * inst.arcs[current].minutes : inst.arcs[current].cost
            return (c.cost - leaving - classSaving(p), c.rooms)
        }

        /// The yearly cost of placing p on arc k now (arc cost, the classes it adds, annualised expansion
        /// and beds), or nil when k has no room (seats, expansions, ceiling, budget).
        func placementCost(_ p: Int, _ k: Int) -> (cost: Double, rooms: Int)? {
            let point = inst.points[p], arc = inst.arcs[k], s = arc.facility
            let stage = point.group.stage
            guard totalLoad(s) + point.peak <= inst.facilities[s].ceiling + 1e-9, let rooms = roomsNeeded(s, stage, point.peak) else { return nil }
            let beds = arc.boards ? bedsNeeded(s, far: farLoad[s] + point.peak) - bedsNeeded(s, far: farLoad[s]) : 0
            if beds > 0 && (!inst.facilities[s].isPublic || (inst.facilities[s].isExisting && inst.bedsYear == nil)) { return nil }
            let extra = Double(rooms) * (inst.classroomCost[stage] ?? 0) + inst.bedCost * beds
            if let budget, capital + extra > budget + 1e-6 { return nil }
            guard inst.objective != .travel else { return (point.pupils * arc.minutes, rooms) }
            let have = groupLoad[s][point.group] ?? 0
            let classes = classCost(s, point.group, pupils: have + point.pupils) - classCost(s, point.group, pupils: have)
            return (arc.cost + classes + inst.annuityFactor * extra, rooms)
        }

        mutating func assign(_ p: Int) -> Bool {
            var best: (k: Int, key: (Double, Double), rooms: Int)?
            for k in inst.pointArcs[p] where usable(k) {
                guard let c = placementCost(p, k) else { continue }
                let key = (-(guide?.arcWeights[k] ?? 0).rounded(toPlaces: 2), c.cost)
                if best.map({ key < $0.key }) ?? true { best = (k, key, c.rooms) }
            }
            if let best {
                place(p, best.k, rooms: best.rooms)
                return true
            }
            if eject(for: p) { return true }
            // Reopen a closed existing school, or build the cheapest option, that can take the point.
            var option: (k: Int, cost: Double)?
            for k in inst.pointArcs[p] where !forbidden.contains(k) {
                let s = inst.arcs[k].facility
                let f = inst.facilities[s]
                guard !decision.open[s], (f.seats[inst.points[p].group.stage] ?? 0) >= inst.points[p].peak, !siteTaken(s) else { continue }
                let beds = inst.arcs[k].boards ? inst.bedCost * inst.points[p].peak : 0
                if let budget, capital + (f.isExisting ? 0 : f.capital) + beds > budget { continue }
                let cost = (f.isExisting ? 0 : inst.annuityFactor * f.capital) + f.fixedCost + inst.arcs[k].cost
                if option.map({ cost < $0.cost }) ?? true { option = (k, cost) }
            }
            guard let option else { return enlarge(for: p) }
            let s = inst.arcs[option.k].facility
            decision.open[s] = true
            if !inst.facilities[s].isExisting { capital += inst.facilities[s].capital }
            place(p, option.k, rooms: 0)
            return true
        }

        /// Replaces a build option already chosen on one of p's sites by a larger one on the same site
        /// (the smallest that holds its pupils and p's, within the budget), moving its pupils over.
        mutating func enlarge(for p: Int) -> Bool {
            let point = inst.points[p]
            var best: (k: Int, from: Int, capital: Double)?
            for k in inst.pointArcs[p] where !forbidden.contains(k) {
                let s = inst.arcs[k].facility
                let f = inst.facilities[s]
                guard !f.isExisting, !decision.open[s],
                      let from = inst.siteOptions.first(where: { $0.contains(s) })?.first(where: { $0 != s && decision.open[$0] }) else { continue }
                var needed = load[from]
                needed[point.group.stage, default: 0] += point.peak
                guard needed.allSatisfy({ $0.value <= (f.seats[$0.key] ?? 0) + 1e-9 }),
                      needed.sumInKeyOrder <= f.ceiling + 1e-9 else { continue }
                let movers = inst.points.indices.filter { decision.arc[$0].map { inst.arcs[$0].facility } == from }
                guard movers.allSatisfy({ q in inst.pointArcs[q].contains { inst.arcs[$0].facility == s && !forbidden.contains($0) } }) else { continue }
                let extra = f.capital - inst.facilities[from].capital
                if let budget, capital + extra > budget + 1e-6 { continue }
                if best.map({ f.capital < $0.capital }) ?? true { best = (k, from, f.capital) }
            }
            guard let best else { return false }
            let s = inst.arcs[best.k].facility
            let movers = inst.points.indices.filter { decision.arc[$0].map { inst.arcs[$0].facility } == best.from }
            for q in movers { unplace(q) }
            decision.open[best.from] = false
            decision.open[s] = true
            capital += inst.facilities[s].capital - inst.facilities[best.from].capital
            for q in movers {
                guard let k = inst.pointArcs[q].first(where: { inst.arcs[$0].facility == s }) else { continue }
                place(q, k, rooms: 0)
            }
            place(p, best.k, rooms: 0)
            return true
        }

        /// Makes room for p by moving one pupil group already placed at one of p's schools to another
        /// school with room (classrooms added where needed, within the budget); the cheapest such pair.
        mutating func eject(for p: Int) -> Bool {
            let stage = inst.points[p].group.stage
            var best: (q: Int, to: Int, k: Int, cost: Double, rooms: Int, roomsThere: Int)?
            for k in inst.pointArcs[p] where usable(k) {
                let s = inst.arcs[k].facility
                for q in inst.points.indices where q != p && inst.points[q].group.stage == stage && decision.arc[q].map({ inst.arcs[$0].facility }) == s {
                    guard let from = decision.arc[q] else { continue }
                    var trial = self
                    trial.unplace(q)
                    guard let here = trial.placementCost(p, k) else { continue }
                    trial.place(p, k, rooms: here.rooms)
                    for k2 in inst.pointArcs[q] where k2 != from && trial.usable(k2) {
                        guard let there = trial.placementCost(q, k2) else { continue }
                        let cost = here.cost + there.cost - inst.arcs[from].cost
                        if best.map({ cost < $0.cost }) ?? true { best = (q, k2, k, cost, here.rooms, there.rooms) }
                    }
                }
            }
            guard let move = best else { return false }
            unplace(move.q)
            place(p, move.k, rooms: move.rooms)
            place(move.q, move.to, rooms: move.roomsThere)
            return true
        }

        /// True when the place of facility s already has another school (`LayoutInstance.excluded(by:)`).
        func siteTaken(_ s: Int) -> Bool { inst.excluded(by: s).contains { decision.open[$0] } }

        mutating func place(_ p: Int, _ k: Int, rooms: Int) {
            let point = inst.points[p]
            let s = inst.arcs[k].facility
            let stage = point.group.stage
            if rooms > 0 {
                decision.expansion[s, default: [:]][stage, default: 0] += rooms
                capital += Double(rooms) * (inst.classroomCost[stage] ?? 0)
            }
            if inst.arcs[k].boards {
                capital += inst.bedCost * (bedsNeeded(s, far: farLoad[s] + point.peak) - bedsNeeded(s, far: farLoad[s]))
                farLoad[s] += point.peak
            }
            decision.arc[p] = k
            load[s][stage, default: 0] += point.peak
            groupLoad[s][point.group, default: 0] += point.pupils
        }

        mutating func unplace(_ p: Int) {
            guard let k = decision.arc[p] else { return }
            let s = inst.arcs[k].facility
            load[s][inst.points[p].group.stage, default: 0] -= inst.points[p].peak
            groupLoad[s][inst.points[p].group, default: 0] -= inst.points[p].pupils
            if inst.arcs[k].boards {
                capital -= inst.bedCost * (bedsNeeded(s, far: farLoad[s]) - bedsNeeded(s, far: farLoad[s] - inst.points[p].peak))
                farLoad[s] -= inst.points[p].peak
            }
            decision.arc[p] = nil
        }

        /// Opens build options where existing schools cannot hold a stage's demand.
        mutating func prebuild() {
            let F = inst.facilities
            let strict = inst.concentration.filter { $0.share >= 1 - 1e-9 }
            for stage in Stage.allCases {
                let demand = inst.demand(of: stage)
                guard demand > 0 else { continue }
                let groups = Set(PupilGroup.allCases.filter { $0.stage == stage })
                let targets = strict.filter { !$0.groups.isDisjoint(with: groups) }
                func allowed(_ f: LayoutInstance.Facility) -> Bool { targets.allSatisfy { !f.places.isDisjoint(with: $0.places) } }
                var capacity = 0.0
                for (s, f) in F.enumerated() where allowed(f) && decision.open[s] {
                    guard let seats = f.seats[stage] else { continue }
                    capacity += f.isExisting ? min(f.ceiling, seats + Double(inst.mostExpansion(s, stage)) * (f.seatsPerClassroom[stage] ?? 0)) : seats
                }
                while capacity < demand {
                    let choices = F.indices.filter { s in
                        !F[s].isExisting && !decision.open[s] && inst.offered(s) && (F[s].seats[stage] ?? 0) > 0 && allowed(F[s]) && !siteTaken(s)
                            && (budget.map { capital + F[s].capital <= $0 } ?? true)
                    }
                    func perSeat(_ s: Int) -> Double {
                        (inst.annuityFactor * F[s].capital + F[s].fixedCost) / min(F[s].seats[stage] ?? 1, demand - capacity)
                    }
                    guard let best = choices.min(by: { perSeat($0) < perSeat($1) }) else { return }
                    decision.open[best] = true
                    capital += F[best].capital
                    capacity += F[best].seats[stage] ?? 0
                }
            }
        }

        /// Moves the pupils of `s` to other open schools (cheapest first); true when all of them fit.
        mutating func empty(_ s: Int) -> Bool {
            let points = inst.points.indices.filter { decision.arc[$0].map { inst.arcs[$0].facility } == s }
            let wasOpen = decision.open[s]
            decision.open[s] = false
            for p in points { unplace(p) }
            for p in points.sorted(by: { inst.points[$0].peak > inst.points[$1].peak }) {
                var best: (k: Int, cost: Double, rooms: Int)?
                for k in inst.pointArcs[p] where usable(k) {
                    guard let c = placementCost(p, k), best.map({ c.cost < $0.cost }) ?? true else { continue }
                    best = (k, c.cost, c.rooms)
                }
                guard let best else {
                    decision.open[s] = wasOpen
                    return false
                }
                place(p, best.k, rooms: best.rooms)
            }
            return true
        }

        func belowMinimum(_ s: Int) -> Bool {
            let f = inst.facilities[s]
            guard decision.open[s], !f.protected else { return false }
            let mu = f.isExisting ? inst.minimumUtilisation : inst.newSchoolMinimumUtilisation
            return totalLoad(s) < mu * seats(s) - 1e-6
        }

        /// Closes schools below their minimum size when their pupils fit elsewhere.
        mutating func repairMinimum() {
            for s in inst.facilities.indices where belowMinimum(s) {
                var trial = self
                if trial.empty(s) { closeCommitted(s, trial) }
            }
        }

        private mutating func closeCommitted(_ s: Int, _ trial: State) {
            self = trial
            decision.teaches[s] = inst.facilities[s].isExisting ? [] : nil
            decision.expansion[s] = nil
            if !inst.facilities[s].isExisting { capital -= inst.facilities[s].capital }
        }

        /// Raises shares below a concentration target: the cheapest moves of target pupils into the
        /// target's places first.
        mutating func repairConcentration() {
            for t in inst.concentration {
                func share() -> (inside: Double, all: Double) {
                    var inside = 0.0, all = 0.0
                    for (p, point) in inst.points.enumerated() where t.groups.contains(point.group) {
                        all += point.pupils
                        if let k = decision.arc[p], !inst.facilities[inst.arcs[k].facility].places.isDisjoint(with: t.places) { inside += point.pupils }
                    }
                    return (inside, all)
                }
                while true {
                    let (inside, all) = share()
                    guard inside < t.share * all - 1e-6 else { break }
                    var best: (p: Int, k: Int, delta: Double, rooms: Int)?
                    for (p, point) in inst.points.enumerated() where t.groups.contains(point.group) {
                        guard let current = decision.arc[p], inst.facilities[inst.arcs[current].facility].places.isDisjoint(with: t.places) else { continue }
                        for k in inst.pointArcs[p] where usable(k) && !inst.facilities[inst.arcs[k].facility].places.isDisjoint(with: t.places) {
                            guard let move = moveCost(p, to: k) else { continue }
                            if best.map({ move.delta < $0.delta }) ?? true { best = (p, k, move.delta, move.rooms) }
                        }
                    }
                    guard let move = best else { break }
                    unplace(move.p)
                    place(move.p, move.k, rooms: move.rooms)
                }
            }
        }

        /// Gives every township without a public kindergarten the cheapest one it can have.
        mutating func repairTownships() {
            guard inst.kindergartensPerTownship > 0 else { return }
            for (_, facilities) in inst.townshipKindergartens {
                let have = facilities.filter { decision.open[$0] && (decision.teaches[$0]?.contains(.kindergarten) ?? true) }.count
                guard Double(have) < inst.kindergartensPerTownship else { continue }
                openCheapest(facilities, count: Int((inst.kindergartensPerTownship - Double(have)).rounded(.up)))
            }
        }

        /// Builds the new schools a requirement still lacks (`required`): the cheapest options on free
        /// sites, each filled from its nearest pupils up to its minimum size (`openCheapest`).
        mutating func repairRequired() {
            for r in inst.requirements {
                let have = r.options.filter { decision.open[$0] }.count
                if have < r.count { openCheapest(r.options, count: r.count - have) }
            }
        }

        /// Opens `count` of `facilities`, cheapest capital first, on sites not yet taken, each brought
        /// the pupils nearest to it until it reaches its minimum size, within the budget.
        mutating func openCheapest(_ facilities: [Int], count: Int) {
            var opened = 0
            for s in facilities.sorted(by: { inst.facilities[$0].capital < inst.facilities[$1].capital }) where opened < count && !decision.open[s] && inst.offered(s) && !siteTaken(s) {
                var trial = self
                trial.decision.open[s] = true
                if !inst.facilities[s].isExisting { trial.capital += inst.facilities[s].capital }
                let arcs = inst.facilityArcs[s].sorted { inst.arcs[$0].minutes < inst.arcs[$1].minutes }
                for k in arcs where trial.belowMinimum(s) {
                    let p = inst.arcs[k].point
                    guard let c = trial.placementCost(p, k) else { continue }
                    trial.unplace(p)
                    trial.place(p, k, rooms: c.rooms)
                }
                if !trial.belowMinimum(s), budget.map({ trial.capital <= $0 }) ?? true {
                    self = trial
                    opened += 1
                }
            }
        }

        /// Closes open unprotected schools, emptiest first, when their pupils fit elsewhere for less.
        mutating func closeEmptiest() {
            let order = inst.facilities.indices.filter { !inst.facilities[$0].protected }
                .sorted { totalLoad($0) / max(1, seats($0)) < totalLoad($1) / max(1, seats($1)) }
            for s in order where decision.open[s] {
                var trial = self
                let current = finishedCopy()
                guard trial.empty(s) else { continue }
                trial.closeCommitted(s, trial)
                let after = trial.finishedCopy()
                if after.objective(inst) < current.objective(inst) - 1e-6,
                   Feasibility.violations(after, inst).count <= Feasibility.violations(current, inst).count {
                    self = trial
                }
            }
        }

        /// True when moving point p from facility `from` to `to` takes its group out of a
        /// concentration target's places (moves never do: the shares stay as built).
        func leavesTarget(_ p: Int, from: Int, to: Int) -> Bool {
            let group = inst.points[p].group
            return inst.concentration.contains {
                $0.groups.contains(group) && !inst.facilities[from].places.isDisjoint(with: $0.places) && inst.facilities[to].places.isDisjoint(with: $0.places)
            }
        }

        /// No two-way swaps (`swap`): while a pair of schools has pupils of a group going both ways,
        /// sends the mover whose return costs least back home (`sendHome`); stops when none can go
        /// back (the heuristic then offers no start).
        mutating func repairSwaps() {
            for _ in 0..<(4 * inst.swapPairs.count) {
                guard let pair = decision.swaps(inst).first else { return }
                let movers = pair.firstToSecond + pair.secondToFirst
                guard sendHome(among: movers, perPupil: false) || sendElsewhere(among: movers) else { return }
            }
        }

        /// When no mover of a swap can go home: the cheapest move of one of them to a third school with
        /// room that leaves fewer swaps (never out of a concentration target's places nor leaving a
        /// school below its minimum).
        mutating func sendElsewhere(among arcs: [Int]) -> Bool {
            let swaps = decision.swaps(inst).count
            var best: (state: State, cost: Double)?
            for k in arcs where decision.arc[inst.arcs[k].point] == k {
                let p = inst.arcs[k].point, from = inst.arcs[k].facility
                for k2 in inst.pointArcs[p] where k2 != k && usable(k2) && !leavesTarget(p, from: from, to: inst.arcs[k2].facility) {
                    guard let move = moveCost(p, to: k2) else { continue }
                    var trial = self
                    trial.unplace(p)
                    trial.place(p, k2, rooms: move.rooms)
                    if trial.belowMinimum(from) || trial.decision.swaps(inst).count >= swaps { continue }
                    if best.map({ move.delta < $0.cost }) ?? true { best = (trial, move.delta) }
                }
            }
            guard let chosen = best else { return false }
            self = chosen.state
            return true
        }

        /// The relocation cap (`relocation`): while more of the design year's pupils are relocated than
        /// the cap allows, sends home the mover whose return costs least per pupil (`sendHome`).
        mutating func repairRelocation() {
            guard let cap = inst.maxRelocatedShare else { return }
            let most = cap * inst.designYearPupils
            while decision.relocated(inst) > most + 1e-6 {
                guard sendHome(among: inst.arcs.indices.filter(inst.relocates), perPupil: true) else { return }
            }
        }

        /// Sends one chosen mover among `arcs` back to the school it attends now (with the classrooms
        /// that needs): the one whose return costs least (per pupil returned with `perPupil`), never out
        /// of a concentration target's places nor leaving a school below its minimum. False when none
        /// can go back.
        mutating func sendHome(among arcs: [Int], perPupil: Bool) -> Bool {
            var best: (state: State, cost: Double)?
            for k in arcs where decision.arc[inst.arcs[k].point] == k {
                let p = inst.arcs[k].point, from = inst.arcs[k].facility
                guard let home = inst.points[p].currentSchool, let back = inst.pointArcs[p].first(where: { inst.arcs[$0].facility == home }),
                      usable(back), !leavesTarget(p, from: from, to: home), let c = placementCost(p, back) else { continue }
                var trial = self
                trial.unplace(p)
                trial.place(p, back, rooms: c.rooms)
                if trial.belowMinimum(from) { continue }
                guard let delta = moveCost(p, to: back)?.delta else { continue }
                let cost = perPupil ? delta / max(inst.points[p].pupils, 1e-9) : delta
                if best.map({ cost < $0.cost }) ?? true { best = (trial, cost) }
            }
            guard let chosen = best else { return false }
            self = chosen.state
            return true
        }

        /// Moves each point to a cheaper usable arc with room while one exists.
        mutating func improveAssignments() {
            var improved = true
            var rounds = 0
            while improved && rounds < 5 {
                improved = false
                rounds += 1
                for p in inst.points.indices {
                    guard let current = decision.arc[p] else { continue }
                    for k in inst.pointArcs[p] where k != current && usable(k) {
                        guard !leavesTarget(p, from: inst.arcs[current].facility, to: inst.arcs[k].facility) else { continue }
                        guard let move = moveCost(p, to: k), move.delta < -1e-6, move.rooms == 0 else { continue }
                        var trial = self
                        trial.unplace(p)
                        trial.place(p, k, rooms: 0)
                        let from = inst.arcs[current].facility
                        if trial.belowMinimum(from) { continue }
                        self = trial
                        improved = true
                        break
                    }
                }
            }
        }

        /// The decision with expansions recomputed from the loads and beds from the far loads.
        func finishedCopy() -> LayoutDecision {
            var d = decision
            d.expansion = [:]
            d.beds = [:]
            for (s, f) in inst.facilities.enumerated() where d.open[s] {
                for (stage, pupils) in load[s] {
                    let over = pupils - (f.seats[stage] ?? 0)
                    if over > 1e-9, let q = f.seatsPerClassroom[stage], q > 0 { d.expansion[s, default: [:]][stage] = Int((over / q - 1e-9).rounded(.up)) }
                }
                for (stage, n) in inst.committedExpansion[s] ?? [:] { d.expansion[s, default: [:]][stage] = max(n, d.expansion[s]?[stage] ?? 0) }
                let far = inst.facilityArcs[s].filter { inst.arcs[$0].boards && d.arc[inst.arcs[$0].point] == $0 }
                    .reduce(0.0) { $0 + inst.points[inst.arcs[$1].point].peak }
                let beds = max(Int((far - Double(f.school.boardingBeds) - 1e-9).rounded(.up)), 0)
                if beds > 0 { d.beds[s] = beds }
                // An existing school keeps teaching the groups it has pupils of (a group taught costs its
                // classes, `classes`), and a public kindergarten a township needs (一乡一公办).
                if f.isExisting {
                    d.teaches[s] = Set(inst.facilityArcs[s].filter { d.arc[inst.arcs[$0].point] == $0 }.map { inst.points[inst.arcs[$0].point].group })
                }
            }
            if inst.kindergartensPerTownship > 0 {
                for (_, facilities) in inst.townshipKindergartens {
                    var have = facilities.filter { d.teaches(inst, $0, .kindergarten) }.count
                    for s in facilities where Double(have) < inst.kindergartensPerTownship && d.open[s] && inst.facilities[s].isExisting
                        && !d.teaches(inst, s, .kindergarten) {
                        d.teaches[s, default: []].insert(.kindergarten)
                        have += 1
                    }
                }
            }
            return d
        }
    }
}

/// Diagnostics for developers, printed when SEATPLAN_DEBUG is set.
func debug(_ text: @autoclosure () -> String) {
    if ProcessInfo.processInfo.environment["SEATPLAN_DEBUG"] != nil { print(text()) }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10.0, Double(places))
        return (self * scale).rounded() / scale
    }
}
