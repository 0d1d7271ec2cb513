import MILP
import ScenarioModel

/// The layout MILP of docs/optimizer.md, built family by family with the document's names.
/// With `elastic`, the soft families get non-negative slacks and the objective becomes the weighted
/// sum of violations (used to explain an infeasible instance).
public struct LayoutModel: Sendable {
    public enum Family: String, Sendable, CaseIterable {
        case assign, capacity, concentration, townshipKindergarten = "township_kindergarten", budget, ceiling, minimum, swap, relocation, required, convert, yearlyBudget = "budget_y"
    }

    /// A slack of the elastic model: its family, what it belongs to, the unit of its value.
    public struct Slack: Sendable {
        public let family: Family
        public let label: String
        public let variable: LinearModel.Variable
        public let unit: String
    }

    public let model: LinearModel
    public let u: [Int: LinearModel.Variable]
    public let v: [Int: [PupilGroup: LinearModel.Variable]]
    /// `y_{eσ}`: a two-stage school keeps stage σ (its classrooms pass to the other stage otherwise).
    public let keeps: [Int: [Stage: LinearModel.Variable]]
    public let x: [Int: [Stage: LinearModel.Variable]]
    /// `r_{eσ}`: temporary classrooms at existing school e's stage σ (yearly, no capital).
    public let r: [Int: [Stage: LinearModel.Variable]]
    public let w: [Int: LinearModel.Variable]
    public let b: [Int: LinearModel.Variable]
    /// `k_{sg}`: classes of group g at facility s (continuous), where a class costs something.
    public let k: [Int: [PupilGroup: LinearModel.Variable]]
    /// One per arc.
    public let a: [LinearModel.Variable]
    /// One per swap pair (`LayoutInstance.swapPairs`): 1 when the pair's pupils may go from first to second.
    public let z: [LinearModel.Variable]
    public let slacks: [Slack]
    /// Capital spent above the budget when the budget is soft (yuan).
    public let budgetOverrun: LinearModel.Variable?
    /// Capital spent above each year's budget when soft, by year.
    public let yearlyOverruns: [Int: LinearModel.Variable]
}

public enum LayoutModelBuilder {
    /// Yearly cost charged per yuan of capital above a soft budget: about twenty times the
    /// annualised cost of capital (ρ = 0.0466 at 4% over 50 years), so overspending pays only for a
    /// plan that saves more each year than it overspends.
    public static let budgetPenalty = 1.0

    /// - Parameters:
    ///   - elastic: slacks on every soft family, minimising their weighted sum (explains infeasibility).
    ///   - softBudget: the budget row gets an overrun variable charged `budgetPenalty` per yuan, so a
    ///     warm start that overspends is still a solution and the search can bring it within budget.
    public static func build(_ inst: LayoutInstance, elastic: Bool = false, softBudget: Bool = false) -> LayoutModel {
        var m = LinearModel()
        let F = inst.facilities
        let travel = inst.objective == .travel
        var u: [Int: LinearModel.Variable] = [:], v: [Int: [PupilGroup: LinearModel.Variable]] = [:]
        var x: [Int: [Stage: LinearModel.Variable]] = [:], r: [Int: [Stage: LinearModel.Variable]] = [:], w: [Int: LinearModel.Variable] = [:], b: [Int: LinearModel.Variable] = [:]
        var slacks: [LayoutModel.Slack] = []
        func slack(_ family: LayoutModel.Family, _ label: String, weight: Double, unit: String, upper: Double = .infinity) -> LinearModel.Variable {
            let s = m.continuous("slack_\(family.rawValue)_\(label)", upper: upper, cost: weight)
            slacks.append(LayoutModel.Slack(family: family, label: label, variable: s, unit: unit))
            return s
        }
        let rho = inst.annuityFactor
        let capitalWeight = (elastic || travel) ? 0 : rho

        // Variables.
        for (s, f) in F.enumerated() {
            let boards = inst.facilityArcs[s].contains { inst.arcs[$0].boards }
            switch f.origin {
            case .existing:
                let open = m.binary("u_\(f.school.id)", cost: (elastic || travel) ? 0 : f.fixedCost)
                if f.protected { m.setBounds(open, lower: 1, upper: 1) }
                u[s] = open
                v[s] = Dictionary(uniqueKeysWithValues: f.groups.sorted().map { g in (g, m.binary("v_\(f.school.id)_\(g.rawValue)")) })
                // Public money builds only public schools: private ones are not expanded. Committed
                // classrooms are a lower bound.
                x[s] = Dictionary(uniqueKeysWithValues: f.seats.keys.sorted().map { stage in
                    let add = m.integer("x_\(f.school.id)_\(stage.rawValue)", upper: f.isPublic ? Double(inst.mostExpansion(s, stage)) : 0,
                                        cost: capitalWeight * (inst.classroomCost[stage] ?? 0))
                    if let rooms = inst.committedExpansion[s]?[stage] { m.setBounds(add, lower: Double(rooms), upper: Double(inst.mostExpansion(s, stage))) }
                    return (stage, add)
                })
                if f.isPublic && inst.temporaryLimit > 0 {
                    r[s] = Dictionary(uniqueKeysWithValues: f.seats.keys.sorted().map { stage in
                        (stage, m.integer("r_\(f.school.id)_\(stage.rawValue)", upper: Double(inst.temporaryLimit),
                                          cost: (elastic || travel) ? 0 : inst.temporaryCost))
                    })
                }
            case .option, .conversion:
                let built = m.binary("b_\(f.school.id)", cost: (elastic || travel) ? 0 : rho * f.capital + f.fixedCost)
                // An option whose lead time passes the design year is not built in it (a phased plan's early periods).
                if !inst.offered(s) { m.setBounds(built, lower: 0, upper: 0) }
                b[s] = built
            }
            if boards { w[s] = m.integer("w_\(f.school.id)", upper: f.isPublic && (inst.bedsYear != nil || !f.isExisting) ? 100_000 : 0, cost: capitalWeight * inst.bedCost) }
        }
        // (keep_stage) y_{eσ} ≥ v_eg ∀g ∈ σ, y_{eσ} ≤ u_e: a two-stage school keeps a stage while it teaches any of its groups
        var keeps: [Int: [Stage: LinearModel.Variable]] = [:]
        for s in F.indices {
            guard let open = u[s], let teach = v[s] else { continue }
            for freed in inst.freedClassrooms(s) {
                let y = m.binary("y_\(F[s].school.id)_\(freed.from.rawValue)")
                keeps[s, default: [:]][freed.from] = y
                for (g, t) in teach.sorted(by: { $0.key < $1.key }) where g.stage == freed.from {
                    m.constraint("keep_stage_\(F[s].school.id)_\(g.rawValue)", [(y, 1), (t, -1)], .greaterOrEqual, 0)
                }
                m.constraint("keep_stage_open_\(F[s].school.id)_\(freed.from.rawValue)", [(y, 1), (open, -1)], .lessOrEqual, 0)
            }
        }
        /// `q_τ n_{eσ} (u_e − y_{eσ})`: the seats stage τ of s gains from the stages it gives up.
        func freedSeats(_ s: Int, _ stage: Stage) -> [(LinearModel.Variable, Double)] {
            guard let open = u[s] else { return [] }
            return inst.freedClassrooms(s).filter { $0.to == stage }.flatMap { freed -> [(LinearModel.Variable, Double)] in
                guard let y = keeps[s]?[freed.from] else { return [] }
                let seats = (F[s].seatsPerClassroom[stage] ?? 0) * Double(freed.rooms)
                return [(open, seats), (y, -seats)]
            }
        }
        let a = inst.arcs.map { arc in
            m.binary("a_\(arc.point)_\(F[arc.facility].school.id)",
                     cost: elastic ? 0 : travel ? inst.points[arc.point].pupils * arc.minutes : arc.cost)
        }

        // (classes) k_sg ≥ Σ_p d_p a_ps / q_sσ;  k_sg ≥ floor_sg v_sg (b_s for a new school): a class per
        // grade taught however few its pupils, costed κ_sσ a class
        var k: [Int: [PupilGroup: LinearModel.Variable]] = [:]
        for (s, f) in F.enumerated() {
            for g in f.groups.sorted() {
                guard let c = f.costPerClass[g.stage], c > 0, let q = f.seatsPerClassroom[g.stage], q > 0,
                      let taught = v[s]?[g] ?? b[s] else { continue }
                let classes = m.continuous("k_\(f.school.id)_\(g.rawValue)", cost: (elastic || travel) ? 0 : c)
                k[s, default: [:]][g] = classes
                let filled = inst.facilityArcs[s].filter { inst.points[inst.arcs[$0].point].group == g }
                    .map { (a[$0], -inst.points[inst.arcs[$0].point].pupils / q) }
                m.constraint("classes_\(f.school.id)_\(g.rawValue)", [(classes, 1)] + filled, .greaterOrEqual, 0)
                m.constraint("class_floor_\(f.school.id)_\(g.rawValue)", [(classes, 1), (taught, -f.school.classFloor(g))], .greaterOrEqual, 0)
            }
        }

        // (assign) Σ_s a_ps = 1
        for (p, point) in inst.points.enumerated() {
            var terms = inst.pointArcs[p].map { (a[$0], 1.0) }
            if elastic { terms.append((slack(.assign, "\(point.area)_\(point.group.rawValue)", weight: point.pupils, unit: "share of pupils", upper: 1), 1)) }
            m.constraint("assign_\(p)", terms, .equal, 1)
        }
        for (k, arc) in inst.arcs.enumerated() {
            let g = inst.points[arc.point].group
            if let teach = v[arc.facility]?[g] {
                // (teach) a_pe ≤ v_eg
                m.constraint("teach_\(k)", [(a[k], 1), (teach, -1)], .lessOrEqual, 0)
            } else if let built = b[arc.facility] {
                // (built) a_po ≤ b_o
                m.constraint("built_\(k)", [(a[k], 1), (built, -1)], .lessOrEqual, 0)
            }
        }
        for (s, f) in F.enumerated() {
            let arcsIn = inst.facilityArcs[s]
            func load(_ stage: Stage?) -> [(LinearModel.Variable, Double)] {
                arcsIn.filter { stage == nil || inst.points[inst.arcs[$0].point].group.stage == stage }
                    .map { (a[$0], inst.points[inst.arcs[$0].point].peak) }
            }
            if let open = u[s], let teach = v[s] {
                // (open) v_eg ≤ u_e;  u_e ≤ Σ_g v_eg
                for (g, t) in teach.sorted(by: { $0.key < $1.key }) { m.constraint("open_\(f.school.id)_\(g.rawValue)", [(t, 1), (open, -1)], .lessOrEqual, 0) }
                if !f.protected { m.constraint("open_\(f.school.id)", [(open, 1)] + teach.sorted(by: { $0.key < $1.key }).map { ($0.value, -1.0) }, .lessOrEqual, 0) }
                for (stage, seats) in f.seats.sorted(by: { $0.key < $1.key }) {
                    guard let add = x[s]?[stage] else { continue }
                    // (capacity) Σ d_p a_pe ≤ q (n + x + r) + freed seats
                    var terms = load(stage) + [(add, -(f.seatsPerClassroom[stage] ?? 0))] + freedSeats(s, stage).map { ($0.0, -$0.1) }
                    if let temporary = r[s]?[stage] {
                        terms.append((temporary, -(f.seatsPerClassroom[stage] ?? 0)))
                        // (temporary_open) r ≤ T u
                        m.constraint("temporary_open_\(f.school.id)_\(stage.rawValue)", [(temporary, 1), (open, -Double(inst.temporaryLimit))], .lessOrEqual, 0)
                    }
                    if elastic { terms.append((slack(.capacity, "\(f.school.id)_\(stage.rawValue)", weight: 1, unit: "pupils"), -1)) }
                    m.constraint("capacity_\(f.school.id)_\(stage.rawValue)", terms, .lessOrEqual, seats)
                    // (expand_open) x ≤ X u
                    m.constraint("expand_open_\(f.school.id)_\(stage.rawValue)", [(add, 1), (open, -Double(inst.mostExpansion(s, stage)))], .lessOrEqual, 0)
                }
                if !f.protected {
                    // (minimum) Σ d a ≥ μ cap u
                    let total = f.seats.sumInKeyOrder
                    var terms = load(nil) + [(open, -inst.minimumUtilisation * total)]
                    if elastic { terms.append((slack(.minimum, f.school.id.rawValue, weight: 1, unit: "pupils"), 1)) }
                    m.constraint("minimum_\(f.school.id)", terms, .greaterOrEqual, 0)
                }
            } else if let built = b[s] {
                for (stage, seats) in f.seats.sorted(by: { $0.key < $1.key }) {
                    // (capacity_new) Σ d a ≤ cap b
                    m.constraint("capacity_new_\(f.school.id)_\(stage.rawValue)", load(stage) + [(built, -seats)], .lessOrEqual, 0)
                }
                if !f.protected {
                    m.constraint("minimum_new_\(f.school.id)", load(nil) + [(built, -inst.newSchoolMinimumUtilisation * f.seats.sumInKeyOrder)],
                                 .greaterOrEqual, 0)
                }
            }
            // (ceiling) Σ d a ≤ H
            if f.ceiling.isFinite, load(nil).reduce(0, { $0 + $1.1 }) > f.ceiling {
                var terms = load(nil)
                if elastic { terms.append((slack(.ceiling, f.school.id.rawValue, weight: 1, unit: "pupils"), -1)) }
                m.constraint("ceiling_\(f.school.id)", terms, .lessOrEqual, f.ceiling)
            }
            // (boarding) Σ_{far} d a ≤ beds + w
            if let beds = w[s] {
                let far = arcsIn.filter { inst.arcs[$0].boards }.map { (a[$0], inst.points[inst.arcs[$0].point].peak) }
                m.constraint("boarding_\(f.school.id)", far + [(beds, -1)], .lessOrEqual, Double(f.school.boardingBeds))
            }
        }
        // (one_option) one school per site
        for (c, options) in inst.siteOptions.enumerated() where options.count > 1 {
            m.constraint("one_option_\(inst.siteNames[c])", options.compactMap { b[$0] }.map { ($0, 1.0) }, .lessOrEqual, 1)
        }
        // (convert) a school's buildings are converted only once it closes, to one kind: u_e + Σ_c b_c ≤ 1
        for (e, options) in inst.conversions {
            guard let open = u[e] else { continue }
            m.constraint("convert_\(F[e].school.id)", [(open, 1.0)] + options.compactMap { b[$0] }.map { ($0, 1.0) }, .lessOrEqual, 1)
        }
        // (swap) no two-way swaps: pupils of a group go from A to B, or from B to A, not both
        //   Σ_{p now at A} a_pB ≤ n_AB z_ABg;   Σ_{p now at B} a_pA ≤ n_BA (1 − z_ABg)
        var z: [LinearModel.Variable] = []
        for pair in inst.swapPairs {
            let name = "\(F[pair.first].school.id)_\(F[pair.second].school.id)_\(pair.group.rawValue)"
            let choice = m.binary("z_\(name)")
            z.append(choice)
            let n1 = Double(pair.firstToSecond.count), n2 = Double(pair.secondToFirst.count)
            m.constraint("swap_\(name)_a", pair.firstToSecond.map { (a[$0], 1.0) } + [(choice, -n1)], .lessOrEqual, 0)
            m.constraint("swap_\(name)_b", pair.secondToFirst.map { (a[$0], 1.0) } + [(choice, n2)], .lessOrEqual, n2)
        }
        // (relocation) Σ_{p, s ≠ e(p)} d_p a_ps ≤ r_max Σ_p d_p
        if let cap = inst.maxRelocatedShare {
            var terms = inst.arcs.indices.filter(inst.relocates).map { (a[$0], inst.points[inst.arcs[$0].point].pupils) }
            if elastic { terms.append((slack(.relocation, "pupils", weight: 1, unit: "pupils"), -1)) }
            m.constraint("relocation", terms, .lessOrEqual, cap * inst.designYearPupils)
        }
        // (required) Σ_{o∈O_r} b_o ≥ n_r: committed builds, required new schools
        for (i, r) in inst.requirements.enumerated() {
            var terms = r.options.compactMap { b[$0] }.map { ($0, 1.0) }
            if elastic { terms.append((slack(.required, r.label, weight: 1000, unit: "schools"), 1)) }
            m.constraint("required_\(i)", terms, .greaterOrEqual, Double(r.count))
        }
        // (concentration) Σ_{p∈G_τ, s∈Q_τ} d a ≥ share Σ_{p∈G_τ} d
        for t in inst.concentration {
            let points = inst.points.indices.filter { t.groups.contains(inst.points[$0].group) }
            let total = points.reduce(0.0) { $0 + inst.points[$1].pupils }
            var terms: [(LinearModel.Variable, Double)] = []
            for p in points {
                for k in inst.pointArcs[p] where !F[inst.arcs[k].facility].places.isDisjoint(with: t.places) {
                    terms.append((a[k], inst.points[p].pupils))
                }
            }
            if elastic { terms.append((slack(.concentration, t.label, weight: 1, unit: "pupils"), 1)) }
            m.constraint("concentration_\(t.label)", terms, .greaterOrEqual, t.share * total)
        }
        // (township_kindergarten) Σ public kindergartens in the township ≥ required
        if inst.kindergartensPerTownship > 0 {
            for (district, facilities) in inst.townshipKindergartens {
                var terms: [(LinearModel.Variable, Double)] = facilities.compactMap { s in
                    if let teach = v[s]?[.kindergarten] { return (teach, 1) }
                    return b[s].map { ($0, 1) }
                }
                if elastic { terms.append((slack(.townshipKindergarten, district.rawValue, weight: 1000, unit: "kindergartens"), 1)) }
                m.constraint("township_kindergarten_\(district)", terms, .greaterOrEqual, inst.kindergartensPerTownship)
            }
        }
        // (budget) capital ≤ B  (+ overrun when soft)
        var overrun: LinearModel.Variable?
        if let budget = inst.budget {
            var terms: [(LinearModel.Variable, Double)] = b.sorted { $0.key < $1.key }.map { ($0.value, F[$0.key].capital) }
            for (_, byStage) in x.sorted(by: { $0.key < $1.key }) {
                for (stage, add) in byStage.sorted(by: { $0.key < $1.key }) { terms.append((add, inst.classroomCost[stage] ?? 0)) }
            }
            for (_, beds) in w.sorted(by: { $0.key < $1.key }) { terms.append((beds, inst.bedCost)) }
            if elastic { terms.append((slack(.budget, "capital", weight: 1e-4, unit: "yuan"), -1)) }
            if softBudget && !elastic {
                let o = m.continuous("budget_overrun", cost: budgetPenalty)
                terms.append((o, -1))
                overrun = o
            }
            m.constraint("budget", terms, .lessOrEqual, budget)
        }
        // (budget_y) capital of the projects opening in year y ≤ B_y  (+ overrun when soft)
        var yearlyOverruns: [Int: LinearModel.Variable] = [:]
        for (year, budget) in inst.budgetByYear.sorted(by: { $0.key < $1.key }) {
            var terms: [(LinearModel.Variable, Double)] = b.sorted { $0.key < $1.key }.filter { inst.capitalYear($0.key) == year }.map { ($0.value, F[$0.key].capital) }
            for (s, byStage) in x.sorted(by: { $0.key < $1.key }) where inst.capitalYear(s) == year {
                for (stage, add) in byStage.sorted(by: { $0.key < $1.key }) { terms.append((add, inst.classroomCost[stage] ?? 0)) }
            }
            for (s, beds) in w.sorted(by: { $0.key < $1.key }) where inst.bedsCapitalYear(s) == year { terms.append((beds, inst.bedCost)) }
            guard !terms.isEmpty else { continue }
            if elastic { terms.append((slack(.yearlyBudget, "capital_\(year)", weight: 1e-4, unit: "yuan"), -1)) }
            if softBudget && !elastic {
                let o = m.continuous("budget_overrun_\(year)", cost: budgetPenalty)
                terms.append((o, -1))
                yearlyOverruns[year] = o
            }
            m.constraint("budget_\(year)", terms, .lessOrEqual, budget)
        }
        // (aggregate) enough seats per stage (redundant; tightens the LP bound)
        if !elastic {
            for stage in Stage.allCases {
                let demand = inst.demand(of: stage)
                guard demand > 0 else { continue }
                var terms: [(LinearModel.Variable, Double)] = []
                for (s, f) in F.enumerated() {
                    guard let seats = f.seats[stage] else { continue }
                    if let open = u[s] {
                        terms.append((open, seats))
                        if let add = x[s]?[stage] { terms.append((add, f.seatsPerClassroom[stage] ?? 0)) }
                        if let temporary = r[s]?[stage] { terms.append((temporary, f.seatsPerClassroom[stage] ?? 0)) }
                        terms += freedSeats(s, stage)
                    } else if let built = b[s] {
                        terms.append((built, seats))
                    }
                }
                m.constraint("aggregate_\(stage.rawValue)", terms, .greaterOrEqual, demand)
            }
        }
        return LayoutModel(model: m, u: u, v: v, keeps: keeps, x: x, r: r, w: w, b: b, k: k, a: a, z: z, slacks: slacks, budgetOverrun: overrun, yearlyOverruns: yearlyOverruns)
    }
}
