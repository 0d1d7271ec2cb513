import Demography

/// A school's base-year figures from the county's statistics (教育事业统计): pupils by grade and,
/// where given, classes (by grade or for a whole stage) and the statistics' own counts of big and
/// super-big classes. When `schools.csv` carries them, the simulated base year equals them exactly.
public struct ObservedEnrollment: Sendable, Equatable {
    /// Classes of one stage: one count per grade (`classes_K1`, `classes_7`, …) or one for the
    /// whole stage (`classes_primary`).
    public enum StageClasses: Sendable, Equatable {
        case byGrade([Grade: Int])
        case total(Int)

        /// All classes of the stage.
        public var count: Int {
            switch self {
            case .byGrade(let k): return k.values.reduce(0, +)
            case .total(let n): return n
            }
        }
    }

    /// Pupils of every grade the school teaches (0 where none).
    public let pupils: [Grade: Double]
    /// Classes by stage; empty when `schools.csv` gives none (classes are then formed by the
    /// standard sizes, as in projected years).
    public let classes: [Stage: StageClasses]
    /// Big classes (大班额) by stage as the statistics count them (`big_classes_<stage>`).
    public let bigClasses: [Stage: Int]
    /// Super-big classes (超大班额) by stage as the statistics count them.
    public let superBigClasses: [Stage: Int]

    public init(pupils: [Grade: Double], classes: [Stage: StageClasses] = [:], bigClasses: [Stage: Int] = [:],
                superBigClasses: [Stage: Int] = [:]) {
        self.pupils = pupils
        self.classes = classes
        self.bigClasses = bigClasses
        self.superBigClasses = superBigClasses
    }

    /// All pupils (summed in grade order, so the sum is the same on every run).
    public var total: Double { pupils.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } }

    /// Pupils of a slot (0 for a grade not recorded).
    public func pupils(_ slot: Slot) -> Double { pupils[slot.grade] ?? 0 }
}

/// Who attends where in the base year (生源), from 学籍 records (`attendance.csv`): the pupils of a
/// stage living in an area and enrolled at a school.
public struct AttendanceRecord: Sendable, Equatable {
    public let area: AreaID
    public let school: SchoolID
    public let stage: Stage
    public let pupils: Double
    /// Line in `attendance.csv`, for messages.
    public let line: Int

    public init(area: AreaID, school: SchoolID, stage: Stage, pupils: Double, line: Int = 0) {
        self.area = area
        self.school = school
        self.stage = stage
        self.pupils = pupils
        self.line = line
    }
}

/// County residents of a stage studying outside the county (外出就读, `out_of_county.csv`): in the
/// resident population, in no school of the county, counted in the county's gross enrollment rates.
public struct OutOfCountyPupils: Sendable, Equatable {
    public let stage: Stage
    /// Pupils by year; a path (held before its first year and after its last).
    public let pupils: YearPath

    public init(stage: Stage, pupils: YearPath) {
        self.stage = stage
        self.pupils = pupils
    }
}
