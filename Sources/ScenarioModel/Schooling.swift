import Demography

/// How pupils are counted from population or school records.
public enum EnrollmentMethod: Sendable, Equatable {
    /// Enrollment = school-age population × rate (`RateBasedDemand`).
    case rates(EnrollmentRates)
    /// Grade-progression ratios from school records (`GradeProgressionDemand`).
    case gradeProgression(GradeProgressionSettings)
}

/// Rate paths of the rate-based method.
public struct EnrollmentRates: Sendable, Equatable {
    /// Gross enrollment rate by stage: kindergarten (毛入园率), primary, junior, and the senior
    /// secondary stage (高中阶段毛入学率, general + vocational).
    public var kindergarten: YearPath
    public var primary: YearPath
    public var junior: YearPath
    public var senior: YearPath
    /// Share of the senior stage in vocational schools (default 0).
    public var vocationalShare: YearPath
    /// Nine-year consolidation rate (九年义务教育巩固率): grade-9 pupils ÷ the same cohort's grade-1
    /// pupils eight years earlier; applied as a grade-to-grade retention `c^(1/8)` (default 1).
    public var consolidation: YearPath

    public init(kindergarten: YearPath = YearPath(constant: 1), primary: YearPath = YearPath(constant: 1),
                junior: YearPath = YearPath(constant: 1), senior: YearPath = YearPath(constant: 1),
                vocationalShare: YearPath = YearPath(constant: 0), consolidation: YearPath = YearPath(constant: 1)) {
        self.kindergarten = kindergarten
        self.primary = primary
        self.junior = junior
        self.senior = senior
        self.vocationalShare = vocationalShare
        self.consolidation = consolidation
    }

    public func rate(_ stage: Stage) -> YearPath {
        switch stage {
        case .kindergarten: return kindergarten
        case .primary: return primary
        case .junior: return junior
        case .senior, .vocational: return senior
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
    /// Records `school,year,grade,pupils`.
    public var history: [EnrollmentRecord]

    public init(fit: Fit = .average, history: [EnrollmentRecord]) {
        self.fit = fit
        self.history = history
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
    /// Lower bound of a big class (大班额), default 56.
    public var big: Int
    /// Lower bound of a super-big class (超大班额), default 66.
    public var superBig: Int

    /// Defaults from the national norms: K1/K2/K3 25/30/35, primary 45, junior 50, senior 50,
    /// vocational 50 (verify), teaching point 30.
    public static let national: ClassSizes = {
        var s = [Int](repeating: 50, count: Slot.count)
        for slot in Slot.all {
            switch slot.stage {
            case .kindergarten: s[slot.index] = [25, 30, 35][slot.grade.ordinal]
            case .primary: s[slot.index] = 45
            default: s[slot.index] = 50
            }
        }
        return ClassSizes(standard: s, teachingPoint: 30, big: 56, superBig: 66)
    }()

    public init(standard: [Int], teachingPoint: Int, big: Int, superBig: Int) {
        self.standard = standard
        self.teachingPoint = teachingPoint
        self.big = big
        self.superBig = superBig
    }

    /// The standard class for a slot at a school of `kind`.
    public func standard(_ slot: Slot, kind: SchoolKind) -> Int {
        kind == .teachingPoint ? teachingPoint : standard[slot.index]
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
}
