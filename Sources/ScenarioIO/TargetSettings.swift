import Demography
import ScenarioModel

/// `targets:` in `scenario.yaml` — the plan's targets (shared/domain/plan-targets.md).
enum TargetSettings {
    static func read(_ value: YAMLValue, log: inout DiagnosticLog) -> PlanTargets {
        var t = PlanTargets()
        guard let e = value.mapping(log: &log) else { return t }
        let rates: [(String, WritableKeyPath<PlanTargets, YearPath?>, Bounds, String)] = [
            ("preschool_gross_enrollment", \.preschoolGrossEnrollment, .within(0...2), "学前三年毛入园率"),
            ("compulsory_consolidation", \.compulsoryConsolidation, .unitInterval, "九年义务教育巩固率"),
            ("high_school_gross_enrollment", \.highSchoolGrossEnrollment, .within(0...2), "高中阶段毛入学率"),
            ("public_kindergarten_share", \.publicKindergartenShare, .unitInterval, "公办园在园幼儿占比"),
            ("inclusive_kindergarten_coverage", \.inclusiveKindergartenCoverage, .unitInterval, "普惠性幼儿园覆盖率"),
            ("super_big_classes", \.superBigClasses, .within(0...100_000), "超大班额班数"),
            ("oversized_schools", \.oversizedSchools, .within(0...100_000), "大校额学校数"),
            ("public_kindergartens_per_township", \.publicKindergartensPerTownship, .within(0...100), "每乡公办园数"),
            ("disabled_children_enrollment", \.disabledChildrenEnrollment, .unitInterval, "残疾儿童少年入学率"),
        ]
        YAMLValue.warnUnknown(e, allowed: Set(rates.map(\.0) + ["concentration", "big_class_share"]), log: &log)
        for (k, x) in e {
            if k == "concentration" {
                t.concentration = concentration(x, log: &log)
            } else if k == "big_class_share" {
                t.bigClassShare = bigClassShare(x, log: &log) ?? t.bigClassShare
            } else if let (_, path, bounds, zh) = rates.first(where: { $0.0 == k }) {
                t[keyPath: path] = x.yearPath(bounds, "the target \(k) (\(zh))", log: &log)
            }
        }
        return t
    }

    /// `big_class_share`: a share or path for the compulsory stages, or a map by stage
    /// (`{primary: 0.05, junior: 0.05, senior: 0}`) naming every stage it applies to.
    private static func bigClassShare(_ x: YAMLValue, log: inout DiagnosticLog) -> [Stage: YearPath]? {
        let what = "the target big_class_share (大班额比例)"
        let byStage = x.node.mapping.map { m in m.keys.allSatisfy { Stage(rawValue: $0.scalar?.string ?? "") != nil } } ?? false
        guard byStage else {
            return x.yearPath(.unitInterval, what, log: &log).map { [.primary: $0, .junior: $0] }
        }
        var out: [Stage: YearPath] = [:]
        for (stage, y) in x.keyedBy(Stage.self, "stage", log: &log) ?? [] {
            if let path = y.yearPath(.unitInterval, what, log: &log) { out[stage] = path }
        }
        return out
    }

    /// A list of `{grades: 4-6, where: [town, admin_village], share: 0.9}` (or `stage:` instead of `grades:`).
    private static func concentration(_ value: YAMLValue, log: inout DiagnosticLog) -> [ConcentrationTarget] {
        guard let items = value.node.sequence else {
            log.error(value.file, line: value.line, column: value.key, "expected a list of {grades or stage, where, share}")
            return []
        }
        let places = Set(DistrictKind.allCases.map(\.rawValue) + CommunityKind.allCases.map(\.rawValue))
        var out: [ConcentrationTarget] = []
        for (i, node) in items.enumerated() {
            let item = YAMLValue(node: node, key: "\(value.key)[\(i)]", file: value.file)
            guard let e = item.mapping(log: &log) else { continue }
            YAMLValue.warnUnknown(e, allowed: ["grades", "stage", "where", "share", "label"], log: &log)
            let map = Dictionary(e.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            var grades: [Grade]?
            var stageOfTarget: Stage?
            if let g = map["grades"] {
                grades = GradeRange.parse(g.scalarText ?? "")
                if grades == nil { log.error(g.file, line: g.line, column: g.key, "\"\(g.scalarText ?? "")\" is not a grade range like 4-6") }
            } else if let s = map["stage"] {
                if let stage = Stage(rawValue: s.scalarText ?? "") {
                    grades = stage.grades
                    stageOfTarget = stage
                } else {
                    log.error(s.file, line: s.line, column: s.key, "\"\(s.scalarText ?? "")\" is not a stage")
                }
            } else {
                log.error(item.file, line: item.line, column: item.key, "a concentration target needs grades: or stage:")
            }
            var whereSet: Set<String> = []
            if let w = map["where"], let seq = w.node.sequence {
                for p in seq {
                    let text = p.scalar?.string ?? ""
                    if places.contains(text) { whereSet.insert(text) } else {
                        log.error(w.file, line: p.mark?.line, column: w.key, "\"\(text)\" is not a district or community kind (\(places.sorted().joined(separator: ", ")))")
                    }
                }
            } else {
                log.error(item.file, line: item.line, column: "\(item.key).where", "give where: as a list of district or community kinds")
            }
            let share = map["share"].flatMap { $0.yearPath(.unitInterval, "a share of pupils", log: &log) }
            if map["share"] == nil { log.error(item.file, line: item.line, column: "\(item.key).share", "give share: (0–1)") }
            guard let grades, let share, !whereSet.isEmpty else { continue }
            let label = map["label"]?.scalarText ?? "grades \(grades.first?.id ?? "")–\(grades.last?.id ?? "") in \(whereSet.sorted().joined(separator: "/"))"
            out.append(ConcentrationTarget(label: label, grades: grades, stage: stageOfTarget, places: whereSet, share: share))
        }
        return out
    }
}
