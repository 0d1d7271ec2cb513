import Demography

/// How pupils are counted from population or school records.
public enum EnrollmentMethod: Sendable, Equatable {
    /// Enrollment = school-age population × rate (`RateBasedDemand`).
    case rates(EnrollmentRates)
    /// Grade-progression ratios from school records (`GradeProgressionDemand`).
    case gradeProgression(GradeProgressionSettings)
}

/// An enrollment-rate path that may start from the observed base year: `{2024: observed, 2027: 0.92}`
/// starts at the rate the base year's statistics imply and moves linearly to 0.92 by 2027, so the
/// projection does not jump in its first year. A number is a constant; a map without `observed` is an
/// ordinary `YearPath`.
public struct RatePath: Sendable, Equatable, CustomStringConvertible {
    /// The numeric anchors; nil when the path is only `{base: observed}`.
    public let given: YearPath?
    /// The year written as `observed` (always the base year), if any.
    public let observedYear: Int?

    public init(_ path: YearPath) {
        given = path
        observedYear = nil
    }

    public init(given: YearPath?, observedYear: Int?) {
        precondition(given != nil || observedYear != nil, "a rate path needs a number or the word observed")
        self.given = given
        self.observedYear = observedYear
    }

    public static func constant(_ value: Double) -> RatePath { RatePath(YearPath(constant: value)) }

    /// True when the path starts at the observed value.
    public var startsObserved: Bool { observedYear != nil }

    /// The path with `observed` replaced by the observed value (ignored when the path has no
    /// `observed` anchor; without an observed value — a stage with no children in the base year — the
    /// numeric anchors alone, or 1 when there are none, which then multiplies no child).
    public func resolved(observed: Double?) -> YearPath {
        guard let year = observedYear, let observed else { return given ?? YearPath(constant: observed ?? 1) }
        var points = [year: observed]
        if let given { for (y, v) in zip(given.years, given.values) where y != year { points[y] = v } }
        return YearPath(points: points) ?? YearPath(constant: observed)
    }

    public var description: String {
        guard let year = observedYear else { return given?.description ?? "" }
        let rest = given.map { zip($0.years, $0.values).map { "\($0): \($1)" } } ?? []
        return "{" + (["\(year): observed"] + rest).joined(separator: ", ") + "}"
    }
}

/// Rate paths of the rate-based method. Each is a rate of the resident children of the stage's ages
/// (in or outside the county); migrant pupils from outside the resident population come on top.
public struct EnrollmentRates: Sendable, Equatable {
    /// Gross enrollment rate by stage: kindergarten (毛入园率), primary, junior, and the senior
    /// secondary stage (高中阶段毛入学率, general + vocational).
    public var kindergarten: RatePath
    public var primary: RatePath
    public var junior: RatePath
    public var senior: RatePath
    /// Share of the senior stage in vocational schools (default 0).
    public var vocationalShare: RatePath
    /// Nine-year consolidation rate (九年义务教育巩固率): grade-9 pupils ÷ the same cohort's grade-1
    /// pupils eight years earlier; shapes the grades of primary and junior as a grade-to-grade
    /// retention `c^(1/8)` (default 1), relative to the base year when the base year is observed.
    public var consolidation: YearPath

    public init(kindergarten: RatePath = .constant(1), primary: RatePath = .constant(1), junior: RatePath = .constant(1),
                senior: RatePath = .constant(1), vocationalShare: RatePath = .constant(0), consolidation: YearPath = YearPath(constant: 1)) {
        self.kindergarten = kindergarten
        self.primary = primary
        self.junior = junior
        self.senior = senior
        self.vocationalShare = vocationalShare
        self.consolidation = consolidation
    }

    /// The five rate paths.
    public enum Key: String, CaseIterable, Sendable {
        case kindergarten, primary, junior, senior
        case vocationalShare = "vocational_share"

        /// The key in `scenario.yaml`.
        public var yamlKey: String { self == .vocationalShare ? "enrollment.vocational_share" : "enrollment.rates.\(rawValue)" }
    }

    public subscript(key: Key) -> RatePath {
        get {
            switch key {
            case .kindergarten: return kindergarten
            case .primary: return primary
            case .junior: return junior
            case .senior: return senior
            case .vocationalShare: return vocationalShare
            }
        }
        set {
            switch key {
            case .kindergarten: kindergarten = newValue
            case .primary: primary = newValue
            case .junior: junior = newValue
            case .senior: senior = newValue
            case .vocationalShare: vocationalShare = newValue
            }
        }
    }
}

/// Settings of the grade-progression method.
public struct GradeProgressionSettings: Sendable, Equatable {
    public enum Fit: String, Sendable, CaseIterable {
        /// The mean of the observed ratios.
        case average
        /// A straight line through the observed ratios by year (least squares), extrapolated.
        case trend
    }

    public var fit: Fit

    public init(fit: Fit = .average) {
        self.fit = fit
    }
}

/// One row of `enrollment_history.csv`.
public struct EnrollmentRecord: Sendable, Equatable {
    public let school: SchoolID
    public let year: Int
    public let grade: Grade
    public let pupils: Double

    public init(school: SchoolID, year: Int, grade: Grade, pupils: Double) {
        self.school = school
        self.year = year
        self.grade = grade
        self.pupils = pupils
    }
}

/// When children enter school and how single-year ages map to grades.
///
/// Grade `g` of a stage enrolls children aged `entry + (g − first grade)` at the school-year cut-off
/// (`08-31`: the September intake is children aged 6 on 31 August). Population counts refer to
/// another date (the census counts on 1 November), by which a share `φ` of the grade's cohort has had
/// its next birthday, `φ` = (days from the cut-off to the population date) / 365. So
///
/// ```
/// children of grade g in year t = (1 − φ) · P(t, a_g) + φ · P(t, a_g + 1)
/// ```
public struct SchoolCalendar: Sendable, Equatable {
    /// Age of K1 children at the cut-off (default 3).
    public var kindergartenEntryAge: Int
    /// Age of grade-1 children at the cut-off (default 6).
    public var primaryEntryAge: Int
    /// Share of a grade's cohort counted one year older at the population date.
    public var shiftToNextAge: Double

    public init(kindergartenEntryAge: Int = 3, primaryEntryAge: Int = 6, shiftToNextAge: Double = 62.0 / 365) {
        self.kindergartenEntryAge = kindergartenEntryAge
        self.primaryEntryAge = primaryEntryAge
        self.shiftToNextAge = shiftToNextAge
    }

    /// Age at the cut-off of children in `grade`.
    public func age(of grade: Grade) -> Int {
        grade.isKindergarten ? kindergartenEntryAge + grade.ordinal : primaryEntryAge + grade.number - 1
    }
}

/// Standard class sizes (标准班额) by slot, and the class-size bands.
public struct ClassSizes: Sendable, Equatable {
    /// Pupils per class by `Slot.index`.
    public var standard: [Int]
    /// Standard class of a teaching point (rural incomplete primary, 建标109).
    public var teachingPoint: Int
    /// Smallest big class (大班额) by `Slot.index`: 56 in the school stages; in kindergarten a class
    /// more than 5 above its norm (31, 36, 41 for 小班/中班/大班 of 25/30/35; verify locally).
    public var big: [Int]
    /// Smallest super-big class (超大班额) by `Slot.index`: 66 in the school stages; in kindergarten
    /// 11 above its norm, 5 above the big-class bound (36, 41, 46; SeatPlan's choice, verify locally).
    public var superBig: [Int]

    /// A kindergarten class is big from its norm + 6 and super-big from its norm + 11.
    public static let kindergartenBigMargin = 6, kindergartenSuperBigMargin = 11

    /// Defaults from the national norms: K1/K2/K3 25/30/35, primary 45, junior 50, senior 50,
    /// vocational 50 (verify), teaching point 30; big and super-big classes 56 and 66, kindergarten
    /// 31/36/41 and 36/41/46.
    public static let national: ClassSizes = {
        var standard = [Int](repeating: 50, count: Slot.count)
        var big = [Int](repeating: 56, count: Slot.count)
        var superBig = [Int](repeating: 66, count: Slot.count)
        for slot in Slot.all {
            switch slot.stage {
            case .kindergarten:
                standard[slot.index] = [25, 30, 35][slot.grade.ordinal]
                big[slot.index] = standard[slot.index] + kindergartenBigMargin
                superBig[slot.index] = standard[slot.index] + kindergartenSuperBigMargin
            case .primary: standard[slot.index] = 45
            default: break
            }
        }
        return ClassSizes(standard: standard, teachingPoint: 30, big: big, superBig: superBig)
    }()

    public init(standard: [Int], teachingPoint: Int, big: [Int], superBig: [Int]) {
        precondition(standard.count == Slot.count && big.count == Slot.count && superBig.count == Slot.count)
        self.standard = standard
        self.teachingPoint = teachingPoint
        self.big = big
        self.superBig = superBig
    }

    /// The standard class for a slot at a school of `kind`.
    public func standard(_ slot: Slot, kind: SchoolKind) -> Int {
        kind == .teachingPoint ? teachingPoint : standard[slot.index]
    }

    /// The class-size bands of a slot.
    public func bands(_ slot: Slot) -> ClassBands { ClassBands(big: big[slot.index], superBig: superBig[slot.index]) }

    /// Seats per classroom of a school's stage: the mean standard class of the grades it teaches there.
    /// ```
    /// seats per classroom = mean(s_g over the school's grades g of the stage)
    /// ```
    public func seatsPerClassroom(_ school: School, _ stage: Stage) -> Double {
        let slots = school.slots.filter { $0.stage == stage }
        guard !slots.isEmpty else { return 0 }
        return slots.reduce(0.0) { $0 + Double(standard($1, kind: school.kind)) } / Double(slots.count)
    }

    /// Standard seats (学位) of a school's stage: `classrooms × seats per classroom`.
    public func seats(_ school: School, _ stage: Stage) -> Double {
        Double(school.classrooms[stage] ?? 0) * seatsPerClassroom(school, stage)
    }
}

/// The smallest big (大班额) and super-big (超大班额) class of a grade.
public struct ClassBands: Sendable, Equatable {
    public let big: Int
    public let superBig: Int

    public init(big: Int, superBig: Int) {
        self.big = big
        self.superBig = superBig
    }

    /// Bands of classes mixing several grades (复式班): the strictest of theirs.
    public static func mixed(_ bands: [ClassBands]) -> ClassBands {
        ClassBands(big: bands.map(\.big).min() ?? 56, superBig: bands.map(\.superBig).min() ?? 66)
    }
}

/// Travel between communities and schools.
public struct TravelSettings: Sendable, Equatable {
    /// Road distance ÷ great-circle distance (default 1.4; mountain roads wind).
    public var detourFactor: Double
    /// Door-to-door speed used to turn distance into minutes (default 15 km/h, verify locally).
    public var speedKmh: Double
    /// One-way limit for grades 1–3 and kindergarten, minutes (国办发〔2018〕27号: about 30).
    public var youngLimitMinutes: Double
    /// Minutes from an area to a school (`travel_times.csv`), overriding distance where given.
    public var minutes: [AreaID: [SchoolID: Double]]

    public init(detourFactor: Double = 1.4, speedKmh: Double = 15, youngLimitMinutes: Double = 30,
                minutes: [AreaID: [SchoolID: Double]] = [:]) {
        self.detourFactor = detourFactor
        self.speedKmh = speedKmh
        self.youngLimitMinutes = youngLimitMinutes
        self.minutes = minutes
    }
}

/// Seat-warning bands (学位预警): red where demand exceeds seats, yellow from `yellow` utilisation.
public struct WarningThresholds: Sendable, Equatable {
    public var yellow: Double
    public var red: Double

    public init(yellow: Double = 0.90, red: Double = 1.0) {
        self.yellow = yellow
        self.red = red
    }
}

/// Children added to an area's demand (随迁子女 of the receiving district), from `migrant_children.csv`.
public struct MigrantChildren: Sendable, Equatable {
    public let area: AreaID
    public let stage: Stage
    /// `nil`: every year.
    public let year: Int?
    public let pupils: Double

    public init(area: AreaID, stage: Stage, year: Int?, pupils: Double) {
        self.area = area
        self.stage = stage
        self.year = year
        self.pupils = pupils
    }
}

/// A catchment (划片) from `catchments.csv` or a plan: the school that serves an area for a stage
/// (or only some of its grades, as when grades 4–6 go to a central school), from a year on.
public struct Catchment: Sendable, Equatable {
    public let area: AreaID
    public let stage: Stage
    public let school: SchoolID
    /// nil: every grade of the stage the school teaches.
    public let grades: [Grade]?
    /// nil: every year.
    public let fromYear: Int?

    public init(area: AreaID, stage: Stage, school: SchoolID, grades: [Grade]? = nil, fromYear: Int? = nil) {
        self.area = area
        self.stage = stage
        self.school = school
        self.grades = grades
        self.fromYear = fromYear
    }

    /// True when the catchment covers `slot` in `year`.
    public func covers(_ slot: Slot, year: Int) -> Bool {
        slot.stage == stage && (grades?.contains(slot.grade) ?? true) && (fromYear.map { year >= $0 } ?? true)
    }

    /// The catchment of `catchments` in force for an area's `slot` in `year`: the area's own first, else
    /// its district's (a district's catchment applies to its villages without one of their own); the
    /// latest in force of each (by `fromYear`; the first in the list among equals). `accepts` filters the schools that can take the pupils.
    public static func named(_ catchments: [Catchment], area: AreaID, district: AreaID, slot: Slot, year: Int,
                             accepts: (SchoolID) -> Bool = { _ in true }) -> Catchment? {
        let inForce = catchments.filter { $0.covers(slot, year: year) && accepts($0.school) }
        /// The latest in force: a phased plan's catchment of a later period replaces an earlier one.
        func latest(_ c: [Catchment]) -> Catchment? { c.max { ($0.fromYear ?? Int.min) < ($1.fromYear ?? Int.min) } }
        return latest(inForce.filter { $0.area == area }) ?? latest(inForce.filter { $0.area == district })
    }
}
