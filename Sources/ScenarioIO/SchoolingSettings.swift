import Demography
import Foundation
import ScenarioModel

/// The school-related keys of `scenario.yaml`: `enrollment`, `class_size`, `big_class`,
/// `super_big_class`, `school_calendar`, `travel`, `warnings`, `school_size_ceiling`, `staffing`, `targets`.
struct SchoolingSettings {
    static let keys: Set<String> = ["enrollment", "class_size", "big_class", "super_big_class", "school_calendar",
                                    "travel", "warnings", "school_size_ceiling", "staffing", "targets", "optimizer", "attendance"]

    var methodName = "rates"
    var methodLine: Int?
    var rates = EnrollmentRates()
    var fit = GradeProgressionSettings.Fit.average
    var calendar = SchoolCalendar()
    var classSizes = ClassSizes.national
    var sizeCeilings = Schooling.nationalSizeCeilings
    var travel = TravelSettings()
    var warnings = WarningThresholds()
    var targets = PlanTargets()
    var optimizer = OptimizerSettings()
    var attendanceModel = AttendanceModel()
    var staffing = StaffingNorms()
    /// Where a rate path says `observed`: its key, year and line (checked against the base year).
    var observedAnchors: [(key: String, year: Int, line: Int?)] = []
    /// The file and line of each `optimizer:` setting the loader checks against the schools and years.
    var optimizerLocations: [String: (file: String, line: Int?)] = [:]

    static func read(_ map: [String: YAMLValue], log: inout DiagnosticLog) -> SchoolingSettings {
        var s = SchoolingSettings()
        if let v = map["enrollment"] { s.readEnrollment(v, log: &log) }
        if let v = map["class_size"] { s.readClassSizes(v, log: &log) }
        // Kindergarten bands follow the kindergarten norms as read: big from norm + 6, super-big from norm + 11.
        for slot in Slot.all where slot.stage == .kindergarten {
            s.classSizes.big[slot.index] = s.classSizes.standard[slot.index] + ClassSizes.kindergartenBigMargin
            s.classSizes.superBig[slot.index] = s.classSizes.standard[slot.index] + ClassSizes.kindergartenSuperBigMargin
        }
        if let v = map["big_class"] { s.classSizes.big = Self.bands(v, s.classSizes.big, "the smallest big class (大班额)", log: &log) }
        if let v = map["super_big_class"] {
            s.classSizes.superBig = Self.bands(v, s.classSizes.superBig, "the smallest super-big class (超大班额)", log: &log)
        }
        for slot in Slot.all where s.classSizes.superBig[slot.index] < s.classSizes.big[slot.index] {
            let v = map["super_big_class"] ?? map["big_class"]
            log.error(v?.file ?? ScenarioSettings.file, line: v?.line, column: "super_big_class",
                      "the super-big class of \(slot) (\(s.classSizes.superBig[slot.index])) is smaller than its big class (\(s.classSizes.big[slot.index]))")
            break
        }
        if let v = map["attendance"], let e = v.mapping(log: &log) {
            YAMLValue.warnUnknown(e, allowed: ["half_minutes"], log: &log)
            for (k, x) in e where k == "half_minutes" {
                for (group, y) in x.keyedBy(PupilGroup.self, "pupil group", log: &log) ?? [] {
                    if let h = y.number(.within(0.1...600), "minutes over which a school's pull halves", log: &log) { s.attendanceModel.halfMinutes[group] = h }
                }
            }
        }
        if let v = map["school_calendar"] { s.readCalendar(v, log: &log) }
        if let v = map["travel"], let e = v.mapping(log: &log) {
            YAMLValue.warnUnknown(e, allowed: ["detour_factor", "speed_kmh", "young_limit_minutes"], log: &log)
            for (k, x) in e {
                switch k {
                case "detour_factor": s.travel.detourFactor = x.number(.within(1...5), "road distance ÷ straight distance", log: &log) ?? s.travel.detourFactor
                case "speed_kmh": s.travel.speedKmh = x.number(.within(1...120), "travel speed in km/h", log: &log) ?? s.travel.speedKmh
                case "young_limit_minutes": s.travel.youngLimitMinutes = x.number(.within(1...240), "minutes", log: &log) ?? s.travel.youngLimitMinutes
                default: break
                }
            }
        }
        if let v = map["warnings"], let e = v.mapping(log: &log) {
            YAMLValue.warnUnknown(e, allowed: ["yellow"], log: &log)
            for (k, x) in e where k == "yellow" {
                s.warnings.yellow = x.number(.within(0...1), "the utilisation that turns a warning yellow", log: &log) ?? s.warnings.yellow
            }
        }
        if let v = map["school_size_ceiling"], let e = v.keyedBy(SchoolKind.self, "school kind", log: &log) {
            for (kind, x) in e {
                if let n = x.integer(1...100_000, "pupils", log: &log) { s.sizeCeilings[kind] = n }
            }
        }
        if let v = map["staffing"], let e = v.mapping(log: &log) {
            YAMLValue.warnUnknown(e, allowed: ["pupils_per_staff", "staff_per_class"], log: &log)
            for (k, x) in e {
                for (stage, y) in x.keyedBy(Stage.self, "stage", log: &log) ?? [] {
                    if k == "pupils_per_staff", let n = y.number(.within(1...100), "pupils per staff member (教职工与学生比)", log: &log) {
                        s.staffing.pupilsPerStaff[stage] = n
                    }
                    if k == "staff_per_class", let n = y.number(.within(0...10), "staff per class (班师比)", log: &log) { s.staffing.staffPerClass[stage] = n }
                }
            }
        }
        if let v = map["targets"] { s.targets = TargetSettings.read(v, log: &log) }
        if let v = map["optimizer"] {
            s.optimizer = OptimizerSettingsReader.read(v, log: &log)
            for (key, node) in v.node.mapping ?? [:] {
                guard let name = key.string else { continue }
                let value = YAMLValue(node: node, key: "optimizer.\(name)", file: v.file, origins: v.origins)
                s.optimizerLocations[value.key] = (value.file, value.line)
            }
        }
        return s
    }

    private mutating func readEnrollment(_ value: YAMLValue, log: inout DiagnosticLog) {
        guard let e = value.mapping(log: &log) else { return }
        YAMLValue.warnUnknown(e, allowed: ["method", "rates", "vocational_share", "consolidation", "fit"], log: &log)
        for (k, x) in e {
            switch k {
            case "method":
                methodLine = x.line
                let m = x.string(log: &log) ?? ""
                if ["rates", "grade_progression"].contains(m) { methodName = m } else {
                    log.error(x.file, line: x.line, column: x.key, "\"\(m)\" is not a method; use rates or grade_progression")
                }
            case "rates":
                guard let r = x.mapping(log: &log) else { continue }
                YAMLValue.warnUnknown(r, allowed: ["kindergarten", "primary", "junior", "senior"], log: &log)
                for (stage, p) in r {
                    guard let path = ratePath(p, .within(0...2), "an enrollment rate (gross rates may exceed 1)", log: &log) else { continue }
                    switch stage {
                    case "kindergarten": rates.kindergarten = path
                    case "primary": rates.primary = path
                    case "junior": rates.junior = path
                    case "senior": rates.senior = path
                    default: break
                    }
                }
            case "vocational_share":
                rates.vocationalShare = ratePath(x, .unitInterval, "the vocational share of the senior stage", log: &log) ?? rates.vocationalShare
            case "consolidation":
                rates.consolidation = x.yearPath(.within(0.5...1), "the nine-year consolidation rate", log: &log) ?? rates.consolidation
            case "fit":
                let f = x.string(log: &log) ?? ""
                if let fit = GradeProgressionSettings.Fit(rawValue: f) { self.fit = fit } else {
                    log.error(x.file, line: x.line, column: x.key, "\"\(f)\" is not a fit; use average or trend")
                }
            default: break
            }
        }
    }

    /// A rate path, remembering where it says `observed`.
    private mutating func ratePath(_ x: YAMLValue, _ bounds: Bounds, _ what: String, log: inout DiagnosticLog) -> RatePath? {
        guard let (path, line) = x.ratePath(bounds, what, log: &log) else { return nil }
        if let year = path.observedYear { observedAnchors.append((x.key, year, line)) }
        return path
    }

    /// `big_class` or `super_big_class`: a number for every school stage, or a map by stage whose
    /// kindergarten entry may be a number or `{K1: 31, K2: 36, K3: 41}`.
    private static func bands(_ v: YAMLValue, _ current: [Int], _ what: String, log: inout DiagnosticLog) -> [Int] {
        var out = current
        if v.node.mapping == nil {
            if let n = v.integer(2...500, what, log: &log) { for slot in Slot.all where slot.stage != .kindergarten { out[slot.index] = n } }
            return out
        }
        for (stage, x) in v.keyedBy(Stage.self, "stage", log: &log) ?? [] {
            if x.node.mapping != nil {
                for (g, y) in x.mapping(log: &log) ?? [] {
                    guard let grade = Grade(id: g), stage.grades.contains(grade) else {
                        log.error(y.file, line: y.line, column: y.key, "\"\(g)\" is not a grade of the \(stage.rawValue) stage")
                        continue
                    }
                    if let n = y.integer(2...500, what, log: &log) { out[Slot(stage, grade).index] = n }
                }
            } else if let n = x.integer(2...500, what, log: &log) {
                for g in stage.grades { out[Slot(stage, g).index] = n }
            }
        }
        return out
    }

    private mutating func readClassSizes(_ value: YAMLValue, log: inout DiagnosticLog) {
        guard let e = value.mapping(log: &log) else { return }
        let stages = Stage.allCases.map(\.rawValue)
        YAMLValue.warnUnknown(e, allowed: Set(stages + ["teaching_point"]), log: &log)
        for (k, x) in e {
            if k == "teaching_point" {
                classSizes.teachingPoint = x.integer(1...200, "pupils per class", log: &log) ?? classSizes.teachingPoint
                continue
            }
            guard let stage = Stage(rawValue: k) else { continue }
            if x.node.mapping != nil, let byGrade = x.mapping(log: &log) {
                for (g, y) in byGrade {
                    guard let grade = Grade(id: g), stage.grades.contains(grade) else {
                        log.error(y.file, line: y.line, column: y.key, "\"\(g)\" is not a grade of the \(stage.rawValue) stage")
                        continue
                    }
                    if let n = y.integer(1...200, "pupils per class", log: &log) { classSizes.standard[Slot(stage, grade).index] = n }
                }
            } else if let n = x.integer(1...200, "pupils per class", log: &log) {
                for g in stage.grades { classSizes.standard[Slot(stage, g).index] = n }
            }
        }
    }

    private mutating func readCalendar(_ value: YAMLValue, log: inout DiagnosticLog) {
        guard let e = value.mapping(log: &log) else { return }
        YAMLValue.warnUnknown(e, allowed: ["kindergarten_entry_age", "primary_entry_age", "cutoff", "population_date"], log: &log)
        var cutoff = 243, population = 305  // 31 August, 1 November (day of a non-leap year)
        for (k, x) in e {
            switch k {
            case "kindergarten_entry_age": calendar.kindergartenEntryAge = x.integer(2...5, "an age", log: &log) ?? calendar.kindergartenEntryAge
            case "primary_entry_age": calendar.primaryEntryAge = x.integer(5...8, "an age", log: &log) ?? calendar.primaryEntryAge
            case "cutoff": cutoff = Self.dayOfYear(x, log: &log) ?? cutoff
            case "population_date": population = Self.dayOfYear(x, log: &log) ?? population
            default: break
            }
        }
        let days = (population - cutoff + 365) % 365
        calendar.shiftToNextAge = Double(days) / 365
    }

    /// `MM-DD` as the day of a non-leap year (1 … 365).
    private static func dayOfYear(_ x: YAMLValue, log: inout DiagnosticLog) -> Int? {
        let text = x.scalarText ?? ""
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard parts.count == 2, (1...12).contains(parts[0]), (1...lengths[parts[0] - 1]).contains(parts[1]) else {
            log.error(x.file, line: x.line, column: x.key, "\"\(text)\" is not a date like 08-31 (month-day)")
            return nil
        }
        return lengths[0..<(parts[0] - 1)].reduce(0, +) + parts[1]
    }
}
