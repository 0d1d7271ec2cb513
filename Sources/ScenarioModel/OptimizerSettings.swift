/// Costs of building and running schools (`optimizer.costs`); scenario inputs, never constants in code.
public struct LayoutCosts: Sendable, Equatable {
    /// Capital cost of one classroom (with its share of function rooms, canteen, yard), by stage, yuan.
    public var classroom: [Stage: Double]
    /// Capital cost of one boarding bed (dormitory), yuan.
    public var bed: Double
    /// Yearly fixed operating cost of an open school, by kind, yuan.
    public var schoolFixed: [SchoolKind: Double]
    /// Yearly cost of one class besides its staff (running, materials), yuan.
    public var classCost: Double
    /// Yearly cost of one staff member (编制: salary, the employer's insurance, 乡村教师生活补助), yuan;
    /// a class costs the staff the staffing norms give it (`costPerClass`).
    public var staffSalary: Double
    /// Yearly cost of one boarder (supervision, food subsidy), yuan.
    public var boardingPerPupil: Double
    /// Yearly cost of daily transport per pupil per km of one-way road distance, yuan.
    public var transportPerPupilKm: Double
    /// One-time cost of sending a pupil to another school than the one they attend now (transition:
    /// new uniforms and books, parents' meetings, the receiving school's induction), yuan; annualised
    /// like capital in the yearly objective.
    public var relocationPerPupil: Double
    /// Capital cost of converting one classroom to another kind of school (改建: toilets, fittings,
    /// outdoor area for a kindergarten), yuan.
    public var conversionPerClassroom: Double
    /// Yearly cost of one temporary classroom (rented or modular, 临时/周转教室: rent or depreciation,
    /// set-up spread over its years, upkeep), yuan; no capital.
    public var temporaryClassroom: Double = 120_000

    /// Illustrative defaults (yuan, verify locally): classrooms 0.6 M (kindergarten) to 1.2 M (senior);
    /// beds 30,000; fixed 0.1 M (teaching point) to 2 M (senior) a year; class 0.2 M a year, staff 0 (the
    /// class cost then stands for its teachers too); boarder
    /// 3,000 a year; transport 200 per pupil-km a year; relocation 0 (not counted); conversion 300,000
    /// per classroom.
    public static let defaults = LayoutCosts(
        classroom: [.kindergarten: 600_000, .primary: 900_000, .junior: 1_000_000, .senior: 1_200_000, .vocational: 1_200_000],
        bed: 30_000,
        schoolFixed: [.kindergarten: 300_000, .teachingPoint: 100_000, .primary: 800_000, .junior: 1_200_000, .nineYear: 1_500_000,
                      .completeSecondary: 1_800_000, .senior: 2_000_000, .twelveYear: 2_200_000, .vocational: 2_000_000],
        classCost: 200_000, boardingPerPupil: 3_000, transportPerPupilKm: 200, relocationPerPupil: 0,
        conversionPerClassroom: 300_000)

    public init(classroom: [Stage: Double], bed: Double, schoolFixed: [SchoolKind: Double], classCost: Double,
                boardingPerPupil: Double, transportPerPupilKm: Double, relocationPerPupil: Double = 0, conversionPerClassroom: Double = 300_000) {
        self.classroom = classroom
        self.bed = bed
        self.schoolFixed = schoolFixed
        self.classCost = classCost
        self.boardingPerPupil = boardingPerPupil
        self.transportPerPupilKm = transportPerPupilKm
        self.relocationPerPupil = relocationPerPupil
        self.conversionPerClassroom = conversionPerClassroom
        staffSalary = 0
    }

    /// The yearly cost of one class of `q` seats of a stage:
    /// ```
    /// κ_σ(q) = class + staff_salary × max(q / pupils_per_staff_σ, staff_per_class_σ)
    /// ```
    /// its staff by the staffing norms (`StaffingNorms.staff`, 中央编办发〔2014〕72号 and 教师〔2013〕1号).
    public func costPerClass(_ stage: Stage, seats q: Double, staffing: StaffingNorms) -> Double {
        classCost + staffSalary * staffing.staff(stage, pupils: q, classes: 1).needed
    }

    /// The classes a pupil group needs at a school: one per grade taught however few its pupils (a
    /// class of 20 costs the teachers of a class of 45), more when its pupils fill them:
    /// ```
    /// classes = max(pupils / q, floor),   floor = min(grades of the group, max(1, classrooms of its stage))
    /// ```
    /// (a school with fewer classrooms than grades teaches mixed-grade classes, 复式班).
    public static func classes(pupils: Double, seatsPerClass q: Double, floor: Double) -> Double {
        max(q > 0 ? pupils / q : 0, floor)
    }

    public static func classFloor(grades: Int, classrooms: Int) -> Double { Double(min(grades, max(1, classrooms))) }
}

extension School {
    /// The fewest classes the school runs for a group it teaches (`LayoutCosts.classes`): a class per
    /// grade of the group, at most the group's share of its stage's classrooms (by grades), at least 1.
    public func classFloor(_ group: PupilGroup) -> Double {
        let stageGrades = grades.filter { kind.stage(of: $0) == group.stage }.count
        let rooms = classrooms[group.stage] ?? 0
        let share = stageGrades > 0 ? rooms * group.grades.count / stageGrades : rooms
        return LayoutCosts.classFloor(grades: group.grades.count, classrooms: share)
    }
}

/// A project the bureau has already decided (已立项: seed plans name them, "2021年新建县第二幼儿园"),
/// fixed in every optimized plan (`optimizer.committed`).
public struct CommittedProject: Sendable, Equatable {
    public enum Work: Sendable, Equatable {
        /// A new school of `kind` on candidate site `site`, of `classes` classes (nil: the optimizer
        /// chooses among the kind's standard sizes).
        case build(site: String, kind: SchoolKind, classes: Int?)
        /// Classrooms added to an existing school's stage.
        case expand(school: SchoolID, stage: Stage, classrooms: Int)
    }

    /// The bureau's name of the project (the new school's name in the plan).
    public let name: String?
    public let work: Work
    /// Where it is written (file, line, key such as `optimizer.committed[0]`), for messages.
    public let file: String
    public let line: Int?
    public let key: String

    public init(name: String?, work: Work, file: String = "scenario.yaml", line: Int? = nil, key: String = "optimizer.committed") {
        self.name = name
        self.work = work
        self.file = file
        self.line = line
        self.key = key
    }
}

/// New schools every optimized plan builds, at least (`optimizer.required_new`: seed 000's
/// "新建3所公办幼儿园、2所义务教育学校、1所普通高中").
public struct RequiredNewSchools: Sendable, Equatable {
    /// The key as written: a school kind, or `compulsory` (义务教育学校).
    public let label: String
    public let kinds: Set<SchoolKind>
    public let count: Int

    /// `compulsory`: the kinds that teach compulsory grades only (义务教育学校).
    public static let compulsory: Set<SchoolKind> = [.teachingPoint, .primary, .junior, .nineYear]

    public init(label: String, kinds: Set<SchoolKind>, count: Int) {
        self.label = label
        self.kinds = kinds
        self.count = count
    }
}

/// The optimizer's settings (`optimizer:` in `scenario.yaml`; see docs/optimizer.md).
public struct OptimizerSettings: Sendable, Equatable {
    public enum Objective: String, Sendable, CaseIterable { case cost, travel }

    /// nil: the year of peak total demand after the base year.
    public var designYear: Int?
    /// The years of a phased plan (`optimizer.periods`, increasing): each period's decisions hold from
    /// its year until the next period's, the last until the horizon. Empty: one period, the design year.
    public var periods: [Int] = []
    /// The most temporary classrooms (rented or modular, 临时/周转教室) one school stage may have in a
    /// period (0: none offered).
    public var maxTemporaryClassrooms: Int = 0
    /// Seats must hold each area's pupils in every year from the design year to this one (nil: the
    /// design year only).
    public var seatsThrough: Int?
    public var objective: Objective
    /// Capital budget, yuan (nil: unlimited).
    public var budget: Double?
    /// Capital budget of each year listed (the year's 年度投资计划), yuan, for the projects opening that
    /// year; years not listed are limited only by `budget`.
    public var budgetByYear: [Int: Double] = [:]
    public var discountRate: Double
    public var lifetimeYears: Double
    /// New buildings open this many years after the base year (unless `leadYears` says otherwise).
    public var openingLeadYears: Int
    /// Years from the base year until a project opens (`optimizer.lead_years`); projects not listed
    /// take `openingLeadYears`.
    public var leadYears: [Project: Int]
    /// Schools and options considered for each demand point (nearest first).
    public var candidatesPerPoint: Int
    /// Groups that may board beyond their travel limit.
    public var boardingGroups: Set<PupilGroup>
    /// One-way travel limits, minutes.
    public var travelLimits: [PupilGroup: Double]
    public var minimumUtilisation: Double
    public var newSchoolMinimumUtilisation: Double
    public var maxExpansionClassrooms: Int
    /// Utilisation band outside which the report flags a school.
    public var utilisationBand: ClosedRange<Double>
    public var costs: LayoutCosts
    /// Standard sizes (classes) of new schools by kind (建标102/109).
    public var sizes: [SchoolKind: [Int]]
    /// Schools never closed (besides the `keep` column).
    public var keep: Set<SchoolID>
    /// A township keeps its central school and kindergarten (schools.csv's `central`).
    public var keepCentralSchools: Bool
    /// Townships whose kindergarten and primary pupils may go to another township's schools (by
    /// default none: they stay in the township of the school they attend now).
    public var crossTownship: Set<AreaID>
    /// The most of the design year's pupils the plan may send to another school than the one they
    /// attend now (nil: no cap).
    public var maxRelocatedShare: Double?
    /// Groups whose travel limit is hard (国办发〔2018〕27号: kindergarten and grades 1–3 within 30
    /// minutes): a pupil of these groups beyond the limit of the school attended now is moved to a school
    /// within it when one can take them; only when none within the limit exists (in the township
    /// where the township rule applies) do they keep their long trip.
    public var hardTravelLimits: Set<PupilGroup>
    /// The kinds of school a closed school's buildings may be converted to (改建), by its kind
    /// (`optimizer.conversions`); by default an emptied primary or teaching point into a kindergarten
    /// (seed 004: idle school buildings for preschool) and a junior school into a primary.
    public var conversions: [SchoolKind: [SchoolKind]]
    public static let defaultConversions: [SchoolKind: [SchoolKind]] = [.primary: [.kindergarten], .teachingPoint: [.kindergarten], .junior: [.primary]]
    /// Projects fixed in every optimized plan.
    public var committed: [CommittedProject]
    /// New schools every optimized plan builds, at least.
    public var requiredNew: [RequiredNewSchools]
    /// The groups kept in their township unless it is in `crossTownship`.
    public static let townshipGroups: Set<PupilGroup> = [.kindergarten, .lowerPrimary, .upperPrimary]

    /// A project that waits for its lead time: a new school of a kind, classrooms added, boarding beds.
    public enum Project: Hashable, Sendable {
        case build(SchoolKind), expand, convertBoarding, convert
    }

    /// The year a project decided in the base year opens: base + its lead time, at least base + 1.
    public func openingYear(of project: Project, baseYear: Int) -> Int {
        baseYear + max(1, leadYears[project] ?? openingLeadYears)
    }

    public static let standardSizes: [SchoolKind: [Int]] = [
        .kindergarten: [6, 9, 12], .primary: [12, 18, 24, 30, 36], .junior: [12, 18, 24, 30], .nineYear: [18, 27, 36, 45],
        .senior: [18, 24, 30, 36], .completeSecondary: [18, 24, 30, 36], .twelveYear: [24, 36, 48], .vocational: [18, 24, 30],
        .teachingPoint: [2, 3, 4],
    ]

    public init(designYear: Int? = nil, seatsThrough: Int? = nil, objective: Objective = .cost, budget: Double? = nil, discountRate: Double = 0.04,
                lifetimeYears: Double = 50, openingLeadYears: Int = 2, candidatesPerPoint: Int = 12,
                boardingGroups: Set<PupilGroup> = [.upperPrimary, .junior, .senior, .vocational],
                travelLimits: [PupilGroup: Double] = [.kindergarten: 30, .lowerPrimary: 30, .upperPrimary: 45, .junior: 60, .senior: 90, .vocational: 90],
                minimumUtilisation: Double = 0.3, newSchoolMinimumUtilisation: Double = 0.5, maxExpansionClassrooms: Int = 12,
                utilisationBand: ClosedRange<Double> = 0.70...1.05, costs: LayoutCosts = .defaults,
                sizes: [SchoolKind: [Int]] = OptimizerSettings.standardSizes, keep: Set<SchoolID> = [], keepCentralSchools: Bool = true,
                crossTownship: Set<AreaID> = [], maxRelocatedShare: Double? = nil, leadYears: [Project: Int] = [:],
                committed: [CommittedProject] = [], requiredNew: [RequiredNewSchools] = [],
                hardTravelLimits: Set<PupilGroup> = [.kindergarten, .lowerPrimary],
                conversions: [SchoolKind: [SchoolKind]] = OptimizerSettings.defaultConversions) {
        self.designYear = designYear
        self.seatsThrough = seatsThrough
        self.objective = objective
        self.budget = budget
        self.discountRate = discountRate
        self.lifetimeYears = lifetimeYears
        self.openingLeadYears = openingLeadYears
        self.candidatesPerPoint = candidatesPerPoint
        self.boardingGroups = boardingGroups
        self.travelLimits = travelLimits
        self.minimumUtilisation = minimumUtilisation
        self.newSchoolMinimumUtilisation = newSchoolMinimumUtilisation
        self.maxExpansionClassrooms = maxExpansionClassrooms
        self.utilisationBand = utilisationBand
        self.costs = costs
        self.sizes = sizes
        self.keep = keep
        self.keepCentralSchools = keepCentralSchools
        self.crossTownship = crossTownship
        self.maxRelocatedShare = maxRelocatedShare
        self.leadYears = leadYears
        self.committed = committed
        self.requiredNew = requiredNew
        self.hardTravelLimits = hardTravelLimits
        self.conversions = conversions
    }

    /// `ρ = r / (1 − (1 + r)^−L)`: yearly cost of one yuan of capital.
    public var annuityFactor: Double {
        guard discountRate > 0 else { return 1 / lifetimeYears }
        return discountRate / (1 - pow(1 + discountRate, -lifetimeYears))
    }
}

import Foundation
