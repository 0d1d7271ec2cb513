import Foundation
import SchoolAllocation
import ScenarioModel

/// The 优质均衡 (high-quality balanced compulsory education) resource check.
///
/// Per school and compulsory stage, each of the seven resources of `SchoolResources` is turned into
/// a per-pupil value (teachers and multimedia classrooms per 100 pupils; areas and equipment per
/// pupil) and compared with the national standard for the stage. A school meets the standard when
/// at least 6 of the 7 hold and none is below 85% of its standard. A nine-year school is assessed
/// in each stage with its resources shared by pupils.
///
/// Balance across schools, per stage and indicator — the pupil-weighted coefficient of variation
/// (差异系数), which must not exceed 0.50 (primary) or 0.45 (junior):
/// ```
/// X̄ = Σ Pᵢ xᵢ / P,   s = √(Σ (Pᵢ/P)(xᵢ − X̄)²),   CV = s / X̄,   P = Σ Pᵢ
/// ```
public enum BalanceCheck {
    public static let indicatorNames = ["高于规定学历教师数/百生", "县级以上骨干教师数/百生", "体育艺术专任教师数/百生",
                                        "生均教学及辅助用房面积", "生均体育运动场馆面积", "生均教学仪器设备值", "网络多媒体教室数/百生"]
    /// Per 100 pupils (true) or per pupil.
    static let perHundred = [true, true, true, false, false, false, true]
    public static let standards: [Stage: [Double]] = [
        .primary: [4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3],
        .junior: [5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4],
    ]
    public static let cvLimits: [Stage: Double] = [.primary: 0.50, .junior: 0.45]

    /// One school in one stage.
    public struct SchoolResult: Sendable, Equatable {
        public let school: SchoolID
        public let stage: Stage
        public let pupils: Double
        public let values: [Double]

        public init(school: SchoolID, stage: Stage, pupils: Double, values: [Double]) {
            self.school = school
            self.stage = stage
            self.pupils = pupils
            self.values = values
        }

        public var ratios: [Double] { zip(values, BalanceCheck.standards[stage] ?? []).map { $1 > 0 ? $0 / $1 : 0 } }
        public var indicatorsMet: Int { ratios.filter { $0 >= 1 - 1e-12 }.count }
        public var meetsStandard: Bool { indicatorsMet >= 6 && (ratios.min() ?? 0) >= 0.85 - 1e-12 }
    }

    /// One indicator's balance across a stage's schools.
    public struct StageResult: Sendable, Equatable {
        public let stage: Stage
        public let indicator: Int
        public let cv: Double
        public var limit: Double { BalanceCheck.cvLimits[stage] ?? 0.5 }
        public var met: Bool { cv <= limit + 1e-12 }
    }

    /// The pupil-weighted coefficient of variation of `values` with weights `pupils`.
    public static func weightedCV(values: [Double], pupils: [Double]) -> Double {
        let p = pupils.reduce(0, +)
        guard p > 0 else { return 0 }
        let mean = zip(values, pupils).reduce(0) { $0 + $1.0 * $1.1 } / p
        guard mean != 0 else { return 0 }
        let variance = zip(values, pupils).reduce(0) { $0 + ($1.1 / p) * ($1.0 - mean) * ($1.0 - mean) }
        return variance.squareRoot() / mean
    }

    /// Schools with resources, in the base year: pupils are `pupils` from schools.csv (shared among
    /// stages by the allocation's pupils) or, without it, the allocated pupils.
    public static func compute(_ allocation: Allocation) -> (schools: [SchoolResult], stages: [StageResult]) {
        let year = allocation.years.lowerBound
        var results: [SchoolResult] = []
        for (s, school) in allocation.network.open(in: year) {
            guard let resources = school.resources else { continue }
            let stages = school.stages.filter(\.isCompulsory)
            let allocated = stages.map { allocation.pupils(year: year, school: s, stage: $0) }
            let allocatedTotal = allocated.reduce(0, +)
            let total = school.currentPupils ?? allocatedTotal
            for (i, stage) in stages.enumerated() {
                let share = allocatedTotal > 0 ? allocated[i] / allocatedTotal : 1 / Double(stages.count)
                let pupils = total * share
                guard pupils > 0 else { continue }
                let values = resources.values.enumerated().map { k, v in v * share / pupils * (perHundred[k] ? 100 : 1) }
                results.append(SchoolResult(school: school.id, stage: stage, pupils: pupils, values: values))
            }
        }
        var stageResults: [StageResult] = []
        for stage in [Stage.primary, .junior] {
            let group = results.filter { $0.stage == stage }
            guard group.count >= 2 else { continue }
            for k in 0..<7 {
                stageResults.append(StageResult(stage: stage, indicator: k, cv: weightedCV(values: group.map { $0.values[k] }, pupils: group.map(\.pupils))))
            }
        }
        return (results, stageResults)
    }
}
