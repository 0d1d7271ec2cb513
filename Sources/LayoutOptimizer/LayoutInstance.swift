import ScenarioModel

/// The optimizer's input, as arrays and ids (no files): demand points, existing schools, build
/// options, and for each demand point the schools and options that may serve it with their travel
/// times and yearly costs. Symbols as in docs/optimizer.md.
public struct LayoutInstance: Sendable {
    /// A demand point `p = (a, g)`.
    public struct Point: Sendable {
        public let area: AreaID
        public let district: AreaID
        public let group: PupilGroup
        /// `d_p`, pupils in the design year (costs, concentration shares).
        public let pupils: Double
        /// `D_p`, the most pupils in any year from the design year to `seatsThrough`: the seats the
        /// point needs (capacity, ceilings, beds, minimum sizes).
        public let peak: Double
        /// The school serving p in the base network in the design year (nil: pooled or none).
        public let currentSchool: Int?
        /// The grades of the group the point has, when only some (a community too large for one school,
        /// split by grade: `LayoutInstanceBuilder`); nil: all of them.
        public var grades: [Grade]? = nil

        /// True when serving p from facility s sends its pupils to another school than the one they
        /// attend now (`relocation`; a conversion is its school's buildings); points without a current
        /// school (the county-wide senior stages, new areas) never relocate.
        public func relocates(to s: Int, _ facilities: [Facility]) -> Bool {
            guard let now = currentSchool else { return false }
            if case .conversion(let school, _) = facilities[s].origin { return school != now }
            return s != now
        }
    }

    /// A place that can teach: an existing school or a build option.
    public struct Facility: Sendable {
        public enum Origin: Sendable, Equatable {
            case existing(index: Int)
            case option(site: Int, kind: SchoolKind, classes: Int)
            /// Existing facility `school`'s buildings converted to a school of `kind` (改建), once it closes.
            case conversion(school: Int, kind: SchoolKind)
        }

        public let origin: Origin
        /// The school as it stands (existing) or would stand (option).
        public let school: School
        /// Groups it can teach (all slots of the group taught).
        public let groups: Set<PupilGroup>
        /// `cap_{sσ}`: seats by stage now (existing) or once built (option).
        public let seats: [Stage: Double]
        /// Seats per classroom by stage, `q_{sσ}`.
        public let seatsPerClassroom: [Stage: Double]
        /// Yearly fixed operating cost `F_s`.
        public let fixedCost: Double
        /// Capital cost of building it (options) `K_o`, yuan.
        public let capital: Double
        /// Pupil ceiling `H_k`.
        public let ceiling: Double
        /// Never closed, no minimum size.
        public let protected: Bool
        /// Public school (for 一乡一公办).
        public let isPublic: Bool
        /// The place kinds it stands in (district kind, community kind).
        public let places: Set<String>
        /// The year an option would open (its kind's lead time after the base year); nil for existing schools.
        public let openingYear: Int?
        /// `κ_{sσ}`: the yearly cost of one class of each stage (`LayoutCosts.costPerClass`).
        public let costPerClass: [Stage: Double]

        public var isExisting: Bool { if case .existing = origin { return true } else { return false } }

        /// The most seats of `stage` the facility can offer: its seats, plus `expansion` classrooms and
        /// `temporary` temporary ones if it is an existing public school, never above its size ceiling.
        public func mostSeats(_ stage: Stage, expansion: Int, temporary: Int) -> Double {
            guard let seats = seats[stage] else { return 0 }
            let added = isExisting && isPublic ? Double(expansion + temporary) * (seatsPerClassroom[stage] ?? 0) : 0
            return min(ceiling, seats + added)
        }

        /// The same facility, protected.
        func protecting() -> Facility {
            Facility(origin: origin, school: school, groups: groups, seats: seats, seatsPerClassroom: seatsPerClassroom, fixedCost: fixedCost,
                     capital: capital, ceiling: ceiling, protected: true, isPublic: isPublic, places: places, openingYear: openingYear,
                     costPerClass: costPerClass)
        }

        /// `κ_{sσ} max(pupils / q, floor)`: the yearly cost of the classes group g needs with `pupils`
        /// design-year pupils (0 when the facility does not teach it).
        public func classCost(_ g: PupilGroup, pupils: Double, taught: Bool) -> Double {
            guard taught, let c = costPerClass[g.stage], c > 0 else { return 0 }
            return c * LayoutCosts.classes(pupils: pupils, seatsPerClass: seatsPerClassroom[g.stage] ?? 0, floor: school.classFloor(g))
        }
    }

    /// A possible assignment of point p to facility s.
    public struct Arc: Sendable {
        public let point: Int
        public let facility: Int
        public let minutes: Double
        public let kilometres: Double
        /// True when the trip exceeds the group's limit (the pupils board).
        public let boards: Bool
        /// `c_ps`, yuan a year.
        public let cost: Double
    }

    /// Two existing schools between which pupils of one group could change places (`swap`): the arcs
    /// that send points now at `first` to `second`, and those that send points now at `second` to `first`.
    public struct SwapPair: Sendable {
        public let group: PupilGroup
        public let first: Int, second: Int
        public let firstToSecond: [Int]
        public let secondToFirst: [Int]
    }

    /// New schools the plan must build (`required`): at least `count` of `options` — a committed
    /// build (its site's options of its kind, or its one size) or `optimizer.required_new`.
    public struct Requirement: Sendable {
        public let label: String
        public let options: [Int]
        public let count: Int
    }

    /// A concentration target over groups.
    public struct Concentration: Sendable {
        public let label: String
        public let groups: Set<PupilGroup>
        public let places: Set<String>
        public let share: Double
    }

    public let designYear: Int
    /// The last year whose pupils the seats must hold (`D_p`).
    public let seatsThrough: Int
    /// The year classrooms added to existing schools open (`expand`'s lead time), and new boarding
    /// beds (`convert_boarding`'s); nil when after the design year (no such project then).
    public let expansionYear: Int?
    public let bedsYear: Int?
    public let points: [Point]
    public let facilities: [Facility]
    public let arcs: [Arc]
    /// Arcs of each point (indices into `arcs`).
    public let pointArcs: [[Int]]
    /// Arcs of each facility.
    public let facilityArcs: [[Int]]
    /// Options of each candidate site (facility indices), for "one option per site".
    public let siteOptions: [[Int]]
    public let concentration: [Concentration]
    /// Townships and the facilities that would give each a public kindergarten.
    public let townshipKindergartens: [(district: AreaID, facilities: [Int])]
    /// Required public kindergartens per township (0: none required).
    public let kindergartensPerTownship: Double
    public let budget: Double?
    /// `B_y`: the capital budget of each year listed, for the projects opening that year.
    public let budgetByYear: [Int: Double]
    public let annuityFactor: Double
    public let classroomCost: [Stage: Double]
    public let bedCost: Double
    public let maxExpansion: Int
    public let minimumUtilisation: Double
    public let newSchoolMinimumUtilisation: Double
    public let objective: OptimizerSettings.Objective
    public let siteNames: [String]
    /// District and community names, for messages.
    public let areaNames: [AreaID: String]
    /// The conversions each convertible existing facility offers (`convert`).
    public let conversions: [(school: Int, options: [Int])]
    /// Every pair of existing schools and group with arcs both ways between the schools' current pupils.
    public let swapPairs: [SwapPair]
    /// `r_max`: the most of the design year's pupils the plan may send to another school than the one
    /// they attend now (nil: no cap).
    public let maxRelocatedShare: Double?
    public let requirements: [Requirement]
    /// Classrooms the bureau has committed to add, by existing facility and stage (lower bounds on `x`).
    public let committedExpansion: [Int: [Stage: Int]]
    /// The bureau's names of committed new schools, by option.
    public let projectNames: [Int: String]
    /// `T`: the most temporary classrooms one existing public school's stage may have, and `h`, the
    /// yearly cost of one (`optimizer.max_temporary_classrooms`, `costs.temporary_classroom`).
    public let temporaryLimit: Int
    public let temporaryCost: Double

    public init(designYear: Int, seatsThrough: Int, expansionYear: Int?, bedsYear: Int?, points: [Point], facilities: [Facility], arcs: [Arc], siteOptions: [[Int]],
                concentration: [Concentration], townshipKindergartens: [(district: AreaID, facilities: [Int])],
                kindergartensPerTownship: Double, budget: Double?, annuityFactor: Double, classroomCost: [Stage: Double],
                bedCost: Double, maxExpansion: Int, minimumUtilisation: Double, newSchoolMinimumUtilisation: Double,
                objective: OptimizerSettings.Objective, siteNames: [String], areaNames: [AreaID: String] = [:],
                maxRelocatedShare: Double? = nil, requirements: [Requirement] = [], committedExpansion: [Int: [Stage: Int]] = [:],
                projectNames: [Int: String] = [:], budgetByYear: [Int: Double] = [:], conversions: [(school: Int, options: [Int])] = [],
                temporaryLimit: Int = 0, temporaryCost: Double = 0) {
        self.temporaryLimit = temporaryLimit
        self.temporaryCost = temporaryCost
        self.designYear = designYear
        self.seatsThrough = seatsThrough
        self.expansionYear = expansionYear
        self.bedsYear = bedsYear
        self.points = points
        self.facilities = facilities
        self.arcs = arcs
        var pa = [[Int]](repeating: [], count: points.count)
        var fa = [[Int]](repeating: [], count: facilities.count)
        for (k, arc) in arcs.enumerated() {
            pa[arc.point].append(k)
            fa[arc.facility].append(k)
        }
        pointArcs = pa
        facilityArcs = fa
        self.siteOptions = siteOptions
        self.concentration = concentration
        self.townshipKindergartens = townshipKindergartens
        self.kindergartensPerTownship = kindergartensPerTownship
        self.budget = budget
        self.budgetByYear = budgetByYear
        self.conversions = conversions
        self.annuityFactor = annuityFactor
        self.classroomCost = classroomCost
        self.bedCost = bedCost
        self.maxExpansion = maxExpansion
        self.minimumUtilisation = minimumUtilisation
        self.newSchoolMinimumUtilisation = newSchoolMinimumUtilisation
        self.objective = objective
        self.siteNames = siteNames
        self.areaNames = areaNames
        self.maxRelocatedShare = maxRelocatedShare
        self.requirements = requirements
        self.committedExpansion = committedExpansion
        self.projectNames = projectNames
        swapPairs = Self.swapPairs(points: points, facilities: facilities, arcs: arcs)
    }

    /// Arcs from a point's current school to another existing school, grouped by (group, from, to);
    /// the pairs that have arcs in both directions, in the order of (group, first, second).
    static func swapPairs(points: [Point], facilities: [Facility], arcs: [Arc]) -> [SwapPair] {
        struct Key: Hashable { let group: PupilGroup, from: Int, to: Int }
        var moves: [Key: [Int]] = [:]
        for (k, arc) in arcs.enumerated() {
            let point = points[arc.point]
            guard let now = point.currentSchool, now != arc.facility, facilities[arc.facility].isExisting else { continue }
            moves[Key(group: point.group, from: now, to: arc.facility), default: []].append(k)
        }
        return moves.keys.filter { $0.from < $0.to }.sorted { ($0.group, $0.from, $0.to) < ($1.group, $1.from, $1.to) }.compactMap { key in
            guard let back = moves[Key(group: key.group, from: key.to, to: key.from)], let there = moves[key] else { return nil }
            return SwapPair(group: key.group, first: key.from, second: key.to, firstToSecond: there, secondToFirst: back)
        }
    }

    /// The id facility s has in a plan: an existing school's own (a conversion keeps its school's),
    /// `NEW-<site>-<kind>` for a new school.
    public func planID(_ s: Int) -> SchoolID {
        switch facilities[s].origin {
        case .existing: return facilities[s].school.id
        case let .option(site, kind, _): return SchoolID("NEW-\(siteNames[site])-\(kind.rawValue)")
        case let .conversion(school, _): return facilities[school].school.id
        }
    }

    /// Each facility's index by its school id (unique: an existing school's, `<site>-<kind>-<classes>`
    /// for an option, `<school>-to-<kind>-<classes>` for a conversion): the periods of a phased plan
    /// name the same facility so.
    public var facilityIndex: [SchoolID: Int] { Dictionary(uniqueKeysWithValues: facilities.enumerated().map { ($1.school.id, $0) }) }

    /// The facilities s excludes (one school per place): the other options of its candidate site; for
    /// an existing school its conversions, for a conversion its school and the school's other conversions.
    public func excluded(by s: Int) -> [Int] {
        switch facilities[s].origin {
        case .option: return (siteOptions.first { $0.contains(s) } ?? []).filter { $0 != s }
        case .existing: return conversions.first { $0.school == s }?.options ?? []
        case let .conversion(school, _): return [school] + (conversions.first { $0.school == school }?.options ?? []).filter { $0 != s }
        }
    }

    /// `n_{eσ} → τ`: for an existing school of two stages, each stage's classrooms and the stage that
    /// takes them over if the school gives the stage up (`School.receivingStage`); none for other
    /// schools (the model then counts no freed classrooms, the simulation still keeps them).
    public func freedClassrooms(_ s: Int) -> [(from: Stage, to: Stage, rooms: Int)] {
        let f = facilities[s]
        guard f.isExisting, f.seats.count == 2 else { return [] }
        let stages = f.seats.keys.sorted()
        return stages.compactMap { from in
            guard let to = School.receivingStage(of: from, kept: stages), let rooms = f.school.classrooms[from], rooms > 0 else { return nil }
            return (from, to, rooms)
        }
    }

    /// `X_{eσ}`: the most classrooms the plan may add to facility s's stage — the expansion limit, or
    /// the classrooms committed there if more.
    public func mostExpansion(_ s: Int, _ stage: Stage) -> Int { max(maxExpansion, committedExpansion[s]?[stage] ?? 0) }

    /// The most seats of `stage` facility s can offer (`Facility.mostSeats`, every expansion and temporary classroom).
    public func mostSeats(_ s: Int, _ stage: Stage) -> Double {
        facilities[s].mostSeats(stage, expansion: mostExpansion(s, stage), temporary: temporaryLimit)
    }

    /// `y(s)`: the year facility s's capital is spent — an option's opening year, else the year
    /// classrooms added to an existing school open; `bedsYear` for an existing school's beds.
    public func capitalYear(_ s: Int) -> Int { facilities[s].openingYear ?? expansionYear ?? designYear }
    public func bedsCapitalYear(_ s: Int) -> Int { facilities[s].isExisting ? bedsYear ?? designYear : capitalYear(s) }

    /// True when facility s can serve the design year: an existing school, or an option whose lead
    /// time lets it open by then (a phased plan offers every period the options of the horizon).
    public func offered(_ s: Int) -> Bool { (facilities[s].openingYear ?? designYear) <= designYear }

    /// True when arc k relocates its point (`Point.relocates(to:)`).
    public func relocates(_ k: Int) -> Bool { points[arcs[k].point].relocates(to: arcs[k].facility, facilities) }

    /// `Σ_p d_p`: the design year's pupils, the base of the relocation share.
    public var designYearPupils: Double { points.reduce(0) { $0 + $1.pupils } }

    /// "D0907 (阿迪)" for messages.
    public func name(_ area: AreaID) -> String { areaNames[area].map { "\(area) (\($0))" } ?? area.rawValue }

    /// Seats the points of a stage need: the sum of their peaks `D_p`.
    public func demand(of stage: Stage) -> Double {
        points.filter { $0.group.stage == stage }.reduce(0) { $0 + $1.peak }
    }
}
