import EnrollmentDemand
import SchoolNetwork
import ScenarioModel

/// The share of an area's pupils of a slot that attends each school, year by year.
///
/// **Base year.** With an observed base year, the shares of the base-year attendance
/// (`BaseYearAttendance`). Otherwise — and for an area and slot the attendance leaves empty — by
/// rule: the catchment (`catchments.csv`) naming the area or its district; grades 10–12 shared
/// county-wide among the schools teaching them in proportion to their seats (high schools admit by
/// the county's entrance examination); else the nearest school teaching the grade (travel minutes,
/// ties to the lower id; an area without a location goes to the lowest-id school in its district).
///
/// **Later years** keep the base year's shares (as district enrollment forecasters apportion
/// residence-based projections to schools) and move them only where the plan changes the network:
/// 1. a plan catchment in force naming the area (or its district) sends all its pupils of the slot
///    to the school it names;
/// 2. **kindergarten, primary, junior** (就近入学): a share at a school that has closed or no longer
///    teaches the slot goes to the school it merged into (`merge_into`, followed while that one has
///    closed too), else to the nearest open school teaching the slot; a share at a school farther
///    from the area than a school the plan has built moves to the nearest such new school, up to its
///    seats — its catchment is drawn when it opens (学区划片), nearest areas first:
///    ```
///    left_n   = seats_n(σ) − Σ pupils already sent to n (receivers, nearest, plan catchments, and
///               those at n that a nearer new school could take, in case it is full)
///    M_a      = Σ_{slots of σ} Σ_{shares of a that n would take} w · E(t_n, a, slot)
///    f_a      = min(1, max(0, left_n) / M_a), areas by minutes to n (ties by area order); left_n −= f_a · M_a
///    ```
///    with `E(t_n, …)` the pupils in the school's opening year `t_n`; the fraction `1 − f_a` stays;
/// 3. **senior, vocational** (county-wide admission): a school's draw on an area is proportional to
///    its seats, `w_j = S₀_j · seats_j(t) / seats_j(base)`; a closed school's draw goes to the school
///    it merged into (else to the others in proportion); a new school draws like the area's base
///    schools on average per seat, `w_n = seats_n(t) / Σ_{j ∈ base} seats_j(base)`; shares are
///    `w / Σ w`.
/// Pupils of a share that no open school can take are unserved.
struct AttendanceShares {
    typealias Share = (school: Int, share: Double)

    let network: NetworkTimeline
    let schooling: Schooling
    let areas: [AreaID]
    let districts: [AreaID]
    /// Minutes from area to school, `areas × schools`; nil where unknown.
    let minutes: [Double?]
    /// Base-year shares by `area × Slot.count + slot`.
    private(set) var base: [[Share]] = []
    /// Index of each school in `network.schools`.
    private let index: [SchoolID: Int]
    /// Pupils by `(year, area, slot)` as in `Demand.pupils`.
    private let pupils: [Double]
    /// The first year each new school is open.
    private let opening: [Int: Int]
    /// The network in the base year.
    private let baseView: YearView

    /// The network in one year as the rules read it: which school teaches which slot, the seats of
    /// each school's stages, and the schools teaching each slot.
    struct YearView {
        let year: Int
        /// `school × Slot.count + slot`.
        let teaches: [Bool]
        /// `school × stages + stage` (0 when closed).
        let seats: [Double]
        /// By slot: the schools teaching it, in index order.
        let teaching: [[Int]]

        init(_ network: NetworkTimeline, year: Int, classSizes: ClassSizes) {
            self.year = year
            let n = network.schools.count, stages = Stage.allCases
            var teaches = [Bool](repeating: false, count: n * Slot.count)
            var seats = [Double](repeating: 0, count: n * stages.count)
            var teaching = [[Int]](repeating: [], count: Slot.count)
            for (s, school) in network.open(in: year) {
                for slot in school.slots {
                    teaches[s * Slot.count + slot.index] = true
                    teaching[slot.index].append(s)
                }
                for stage in school.stages { seats[s * stages.count + stage.index] = classSizes.seats(school, stage) }
            }
            self.teaches = teaches
            self.seats = seats
            self.teaching = teaching
        }

        func teaches(_ s: Int, _ slot: Slot) -> Bool { teaches[s * Slot.count + slot.index] }
        func seats(_ s: Int, _ stage: Stage) -> Double { seats[s * Stage.allCases.count + stage.index] }
    }

    init(demand: Demand, scenario: Scenario, schooling: Schooling, network: NetworkTimeline) {
        self.network = network
        self.schooling = schooling
        pupils = demand.pupils
        opening = Dictionary(uniqueKeysWithValues: (network.existingCount..<network.schools.count).compactMap { s in
            network.years.first { network.school(s, in: $0) != nil }.map { (s, $0) }
        })
        index = Dictionary(network.schools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        areas = demand.areas
        let districtOf = scenario.districtOfArea
        districts = demand.areas.map { districtOf[$0] ?? $0 }
        let travel = TravelModel(scenario: scenario, schools: network.schools, travel: schooling.travel)
        minutes = demand.areas.flatMap { a in network.schools.map { travel.minutes(from: a, to: $0) } }
        baseView = YearView(network, year: network.years.lowerBound, classSizes: schooling.classSizes)
        base = (0..<(areas.count * Slot.count)).map { k in
            let (a, slot) = (k / Slot.count, Slot.all[k % Slot.count])
            if let flows = demand.attendance?.flows(area: a, slot: slot) {
                let total = flows.reduce(0) { $0 + $1.pupils }
                if total > 0 { return flows.map { ($0.school, $0.pupils / total) } }
            }
            return rule(area: a, slot: slot, view: baseView)
        }
    }

    func minutes(area: Int, school: Int) -> Double? { minutes[area * network.schools.count + school] }

    /// The shares of every area and slot in `year`.
    func shares(in year: Int) -> [[Share]] {
        let view = year == baseView.year ? baseView : YearView(network, year: year, classSizes: schooling.classSizes)
        var moves: [[Move]] = Array(repeating: [], count: areas.count * Slot.count)
        var fixed: [[Share]] = (0..<(areas.count * Slot.count)).map { k in
            let (a, slot) = (k / Slot.count, Slot.all[k % Slot.count])
            if let named = planCatchment(area: a, slot: slot, view: view) { return [(named, 1)] }
            switch slot.stage {
            case .senior, .vocational: return countyWide(base[k], area: a, slot: slot, view: view)
            default:
                let (stay, move) = nearestFirst(base[k], area: a, slot: slot, view: view)
                moves[k] = move
                return stay
            }
        }
        drawCatchments(&fixed, moves: moves, view: view)
        return fixed.map(Self.merged)
    }

    /// Shares with positive weight, one per school, in school order.
    private static func merged(_ shares: [Share]) -> [Share] {
        var out: [Share] = []
        for (s, w) in shares.filter({ $0.share > 0 }).sorted(by: { $0.school < $1.school }) {
            if let last = out.last, last.school == s { out[out.count - 1].share += w } else { out.append((s, w)) }
        }
        return out
    }

    /// A share that would move from the school it is at to a nearer new school.
    struct Move { let from: Int; let to: Int; let share: Double }

    /// Rule 2's new schools: each takes the shares that would move to it, nearest areas first, up to its
    /// seats with the pupils of its opening year; what it cannot take stays where it was.
    private func drawCatchments(_ shares: inout [[Share]], moves: [[Move]], view: YearView) {
        let targets = Set(moves.flatMap { $0.map(\.to) }).sorted()
        for n in targets {
            guard let school = network.school(n, in: view.year), let opened = opening[n] else { continue }
            let y = opened - network.years.lowerBound
            func enrolled(_ k: Int) -> Double { pupils[y * areas.count * Slot.count + k] }
            for stage in school.stages where stage != .senior && stage != .vocational {
                let slots = Slot.all.filter { $0.stage == stage }
                // Seats left: less the pupils already sent here (with what schools drawn before sent
                // back), and those that may move on from here to a school drawn after (they come back
                // if it is full).
                var left = view.seats(n, stage)
                for a in areas.indices {
                    for slot in slots {
                        let k = a * Slot.count + slot.index
                        let staying = shares[k].filter { $0.school == n }.reduce(0) { $0 + $1.share }
                        let leaving = moves[k].filter { $0.from == n && $0.to > n }.reduce(0) { $0 + $1.share }
                        left -= (staying + leaving) * enrolled(k)
                    }
                }
                let candidates = areas.indices.compactMap { a -> (area: Int, minutes: Double, pupils: Double)? in
                    let m = slots.reduce(0.0) { sum, slot in
                        let k = a * Slot.count + slot.index
                        return sum + moves[k].filter { $0.to == n }.reduce(0) { $0 + $1.share } * enrolled(k)
                    }
                    let movable = slots.contains { moves[a * Slot.count + $0.index].contains { $0.to == n } }
                    return movable ? minutes(area: a, school: n).map { (a, $0, m) } : nil
                }.sorted { ($0.minutes, $0.area) < ($1.minutes, $1.area) }
                for c in candidates {
                    let f = c.pupils > 0 ? min(1, max(0, left) / c.pupils) : (left > 0 ? 1 : 0)
                    left -= f * c.pupils
                    for slot in slots {
                        let k = c.area * Slot.count + slot.index
                        for m in moves[k] where m.to == n {
                            shares[k].append((n, m.share * f))
                            shares[k].append((m.from, m.share * (1 - f)))
                        }
                    }
                }
            }
        }
    }

    /// The school a plan catchment in force sends the area's pupils of `slot` to, if it is open and teaches it.
    private func planCatchment(area a: Int, slot: Slot, view: YearView) -> Int? {
        guard !network.planCatchments.isEmpty else { return nil }
        return Catchment.named(network.planCatchments, area: areas[a], district: districts[a], slot: slot, year: view.year) {
            teaching(slot, $0, view) != nil
        }.flatMap { teaching(slot, $0.school, view) }
    }

    /// The index of school `id` when it is open and teaches `slot` in the view's year.
    private func teaching(_ slot: Slot, _ id: SchoolID, _ view: YearView) -> Int? {
        guard let s = index[id], view.teaches(s, slot) else { return nil }
        return s
    }

    /// Rule 2: closed schools' shares to their receiver or the nearest school (`stay`); the shares a
    /// nearer new school would take (`move`, drawn by `drawCatchments`).
    private func nearestFirst(_ shares: [Share], area a: Int, slot: Slot, view: YearView) -> (stay: [Share], move: [Move]) {
        let available = view.teaching[slot.index]
        var stay: [Share] = [], move: [Move] = []
        for (s, w) in shares {
            guard let target = receiver(of: s, slot: slot, view: view) ?? nearest(area: a, among: available) else { continue }
            if let here = minutes(area: a, school: target) {
                var best: (school: Int, minutes: Double)?
                for n in available where n >= network.existingCount {
                    guard let m = minutes(area: a, school: n), m < here else { continue }
                    if let b = best, (m, network.schools[n].id) >= (b.minutes, network.schools[b.school].id) { continue }
                    best = (n, m)
                }
                if let best {
                    move.append(Move(from: target, to: best.school, share: w))
                    continue
                }
            }
            stay.append((target, w))
        }
        return (stay, move)
    }

    /// Rule 3: county-wide admission by seats.
    private func countyWide(_ shares: [Share], area a: Int, slot: Slot, view: YearView) -> [Share] {
        var weight: [Share] = []
        var baseSeats = 0.0
        for (s, w) in shares {
            baseSeats += baseView.seats(s, slot.stage)
            guard let target = receiver(of: s, slot: slot, view: view) else { continue }
            let before = baseView.seats(target, slot.stage)
            weight.append((target, before > 0 ? w * view.seats(target, slot.stage) / before : w))
        }
        let available = view.teaching[slot.index]
        for n in available where n >= network.existingCount && !weight.contains(where: { $0.school == n }) {
            weight.append((n, baseSeats > 0 ? view.seats(n, slot.stage) / baseSeats : 1 / Double(max(1, available.count))))
        }
        let sorted = Self.merged(weight)
        let total = sorted.reduce(0) { $0 + $1.share }
        guard total > 0 else { return nearest(area: a, among: available).map { [($0, 1)] } ?? [] }
        return sorted.map { ($0.school, $0.share / total) }
    }

    /// The school itself if it teaches the slot in the view's year, else the school it merged into (followed).
    private func receiver(of s: Int, slot: Slot, view: YearView) -> Int? {
        var current = s
        for _ in 0...network.schools.count {
            if view.teaches(current, slot) { return current }
            guard let next = network.mergeTargets[current] else { return nil }
            current = next
        }
        return nil
    }

    /// The base-year rule for an area without observed attendance.
    private func rule(area a: Int, slot: Slot, view: YearView) -> [Share] {
        let available = view.teaching[slot.index]
        if let c = Catchment.named(schooling.catchments, area: areas[a], district: districts[a], slot: slot, year: view.year, accepts: {
            teaching(slot, $0, view) != nil
        }), let s = teaching(slot, c.school, view) {
            return [(s, 1)]
        }
        if slot.stage == .senior || slot.stage == .vocational {
            let seats = available.map { (s: $0, seats: view.seats($0, slot.stage)) }
            let total = seats.reduce(0) { $0 + $1.seats }
            return seats.map { ($0.s, total > 0 ? $0.seats / total : 1 / Double(seats.count)) }
        }
        return nearest(area: a, among: available).map { [($0, 1)] } ?? []
    }

    /// The nearest of `candidates` by travel minutes (ties to the lower id); an area without travel
    /// times goes to the lowest-id candidate in its district.
    func nearest(area a: Int, among candidates: [Int]) -> Int? {
        var best: (index: Int, minutes: Double, id: SchoolID)?
        for s in candidates {
            guard let m = minutes(area: a, school: s) else { continue }
            let id = network.schools[s].id
            if let b = best, m > b.minutes || (m == b.minutes && id > b.id) { continue }
            best = (s, m, id)
        }
        if let best { return best.index }
        return candidates.filter { network.schools[$0].district == districts[a] }.min { network.schools[$0].id < network.schools[$1].id }
    }
}
