import Foundation
import Demography

/// A layout concentration target (校点布局): at least `share` of the pupils in `grades` are taught in
/// schools located in one of `places` — district kinds (`county_seat`, `town`, …) or community
/// kinds (`admin_village`, …); a school qualifies when its district's kind or its community's kind
/// is listed. Example (seed 004): grades 4–6 in market towns or administrative villages ≥ 90%.
public struct ConcentrationTarget: Sendable, Equatable {
    public let label: String
    public let grades: [Grade]
    /// The stage, when the target is given by stage (`stage: senior` counts general high schools only,
    /// not vocational ones); nil when given by grades (every stage with those grades).
    public let stage: Stage?
    public let places: Set<String>
    public let share: YearPath

    public init(label: String, grades: [Grade], stage: Stage? = nil, places: Set<String>, share: YearPath) {
        self.label = label
        self.grades = grades
        self.stage = stage
        self.places = places
        self.share = share
    }

    /// True when the target counts pupils of `slot`.
    public func covers(_ slot: Slot) -> Bool { grades.contains(slot.grade) && (stage.map { $0 == slot.stage } ?? true) }
}

/// The plan's targets (`targets:` in `scenario.yaml`; see `shared/domain/plan-targets.md`). A target
/// given as a path applies from its first year on; a number applies in every year.
public struct PlanTargets: Sendable, Equatable {
    /// 学前三年毛入园率 ≥ (kindergarten pupils ÷ population aged 3–5).
    public var preschoolGrossEnrollment: YearPath?
    /// 九年义务教育巩固率 ≥ (grade-9 pupils ÷ the cohort's grade-1 pupils eight years earlier).
    public var compulsoryConsolidation: YearPath?
    /// 高中阶段毛入学率 ≥ (senior + vocational pupils ÷ population aged 15–17).
    public var highSchoolGrossEnrollment: YearPath?
    /// 公办园在园幼儿占比 ≥.
    public var publicKindergartenShare: YearPath?
    /// 普惠性幼儿园覆盖率 ≥.
    public var inclusiveKindergartenCoverage: YearPath?
    /// 大班额比例 ≤ by stage: share of classes of big size (56+ in school stages); primary and junior
    /// 0.05 unless set, other stages only when set (seeds 000 and 001 eliminate them in senior high schools).
    public var bigClassShare: [Stage: YearPath]
    /// 超大班额 ≤: number of classes with 66+ pupils in primary, junior and general senior schools (default 0).
    public var superBigClasses: YearPath?
    /// 大校额 ≤: number of schools above the size ceiling (default 0).
    public var oversizedSchools: YearPath?
    /// 一乡一公办: public kindergartens in every township ≥ (default 1).
    public var publicKindergartensPerTownship: YearPath?
    /// 残疾儿童少年入学率: accepted and reported; not assessed without disability data.
    public var disabledChildrenEnrollment: YearPath?
    public var concentration: [ConcentrationTarget]

    /// 56人及以上大班额比例控制在5%以内, in the compulsory stages.
    public static let defaultBigClassShare: [Stage: YearPath] = [.primary: YearPath(constant: 0.05), .junior: YearPath(constant: 0.05)]

    public init(preschoolGrossEnrollment: YearPath? = nil, compulsoryConsolidation: YearPath? = nil,
                highSchoolGrossEnrollment: YearPath? = nil, publicKindergartenShare: YearPath? = nil,
                inclusiveKindergartenCoverage: YearPath? = nil, bigClassShare: [Stage: YearPath] = PlanTargets.defaultBigClassShare,
                superBigClasses: YearPath? = nil, oversizedSchools: YearPath? = nil,
                publicKindergartensPerTownship: YearPath? = nil, disabledChildrenEnrollment: YearPath? = nil,
                concentration: [ConcentrationTarget] = []) {
        self.preschoolGrossEnrollment = preschoolGrossEnrollment
        self.compulsoryConsolidation = compulsoryConsolidation
        self.highSchoolGrossEnrollment = highSchoolGrossEnrollment
        self.publicKindergartenShare = publicKindergartenShare
        self.inclusiveKindergartenCoverage = inclusiveKindergartenCoverage
        self.bigClassShare = bigClassShare
        self.superBigClasses = superBigClasses
        self.oversizedSchools = oversizedSchools
        self.publicKindergartensPerTownship = publicKindergartensPerTownship
        self.disabledChildrenEnrollment = disabledChildrenEnrollment
        self.concentration = concentration
    }
}

/// Everything about schools in a scenario: the network, how demand is counted, the norms and the
/// plan's targets.
public struct Schooling: Sendable, Equatable {
    public var schools: [School]
    public var method: EnrollmentMethod
    public var calendar: SchoolCalendar
    public var classSizes: ClassSizes
    /// Pupils ceiling by school kind (大校额 above it).
    public var sizeCeilings: [SchoolKind: Int]
    public var catchments: [Catchment]
    public var travel: TravelSettings
    public var migrantChildren: [MigrantChildren]
    public var warnings: WarningThresholds
    public var targets: PlanTargets
    public var candidateSites: [CandidateSite]
    public var optimizer: OptimizerSettings
    /// Past pupils by school, year and grade (`enrollment_history.csv`): the grade-progression method's
    /// records, and the grade-1 entrants that 九年义务教育巩固率 needs before the base year + 8.
    public var history: [EnrollmentRecord]
    /// Base-year attendance from 学籍 records (`attendance.csv`); empty: calibrated (see `attendance`).
    public var attendance: [AttendanceRecord]
    /// How attendance is estimated when `attendance.csv` is not given.
    public var attendanceModel: AttendanceModel
    /// County residents studying outside the county, by stage (`out_of_county.csv`).
    public var outOfCounty: [OutOfCountyPupils]
    /// Staff needed per pupil and per class (`staffing`).
    public var staffing: StaffingNorms

    /// 优质均衡 ceilings: primary and junior 2000, nine-year and twelve-year 2500; kindergartens 360
    /// (12 classes); others 3000 (verify).
    public static let nationalSizeCeilings: [SchoolKind: Int] = [
        .kindergarten: 360, .teachingPoint: 2000, .primary: 2000, .junior: 2000, .nineYear: 2500,
        .twelveYear: 2500, .completeSecondary: 3000, .senior: 3000, .vocational: 3000,
    ]

    public init(schools: [School], method: EnrollmentMethod = .rates(EnrollmentRates()), calendar: SchoolCalendar = SchoolCalendar(),
                classSizes: ClassSizes = .national, sizeCeilings: [SchoolKind: Int] = Schooling.nationalSizeCeilings,
                catchments: [Catchment] = [], travel: TravelSettings = TravelSettings(),
                migrantChildren: [MigrantChildren] = [], warnings: WarningThresholds = WarningThresholds(),
                targets: PlanTargets = PlanTargets(), candidateSites: [CandidateSite] = [], optimizer: OptimizerSettings = OptimizerSettings(),
                history: [EnrollmentRecord] = [], attendance: [AttendanceRecord] = [], attendanceModel: AttendanceModel = AttendanceModel(),
                outOfCounty: [OutOfCountyPupils] = [], staffing: StaffingNorms = StaffingNorms()) {
        self.schools = schools
        self.method = method
        self.calendar = calendar
        self.classSizes = classSizes
        self.sizeCeilings = sizeCeilings
        self.catchments = catchments
        self.travel = travel
        self.migrantChildren = migrantChildren
        self.warnings = warnings
        self.targets = targets
        self.candidateSites = candidateSites
        self.optimizer = optimizer
        self.history = history
        self.attendance = attendance
        self.attendanceModel = attendanceModel
        self.outOfCounty = outOfCounty
        self.staffing = staffing
    }

    /// True when the base year is the county's statistics: every school gives its pupils by grade.
    public var hasObservedBaseYear: Bool { Self.observedBaseYear(schools) }

    /// True when `schools` carry the base year's statistics (every one of them).
    public static func observedBaseYear(_ schools: [School]) -> Bool { !schools.isEmpty && schools.allSatisfy { $0.observed != nil } }

    /// Out-of-county pupils of a stage in a year (0 when not given).
    public func outOfCounty(_ stage: Stage, in year: Int) -> Double {
        outOfCounty.filter { $0.stage == stage }.reduce(0) { $0 + $1.pupils.value(in: year) }
    }
}

/// The gravity model that estimates base-year attendance when `attendance.csv` is not given
/// (`AttendanceCalibration`): the pull of a school on an area's children halves every
/// `halfMinutes` of one-way travel, by pupil group.
/// ```
/// f(t) = 2^(−t / h_group)
/// ```
public struct AttendanceModel: Sendable, Equatable {
    /// Minutes of one-way travel over which a school's pull halves.
    public var halfMinutes: [PupilGroup: Double]

    /// SeatPlan's defaults (calibrate locally against 学籍 records): kindergarten and grades 1–3
    /// 2 minutes, grades 4–6 3, junior 5, senior and vocational 10 — young children go to the nearest
    /// school (就近入学), older ones travel and board. On the default county they place 79% of pupils
    /// at the school its generator sent them to (`calibration/true_attendance.csv`); halves 2.5 times
    /// as long place 73%, 10 times 63%.
    public static let defaultHalfMinutes: [PupilGroup: Double] = [
        .kindergarten: 2, .lowerPrimary: 2, .upperPrimary: 3, .junior: 5, .senior: 10, .vocational: 10,
    ]

    public init(halfMinutes: [PupilGroup: Double] = AttendanceModel.defaultHalfMinutes) {
        self.halfMinutes = halfMinutes
    }

    /// `f(t)` for a group.
    public func pull(minutes: Double, group: PupilGroup) -> Double {
        let h = halfMinutes[group] ?? 10
        return pow(2, -minutes / h)
    }
}
