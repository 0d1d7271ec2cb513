import EnrollmentDemand
import ScenarioModel
import SeatMetrics
import SimulationPipeline

/// The tables `seatplan simulate` writes, built once for both CSV and the workbook.
public enum SimulationTables {
    public static func make(_ result: SimulationResult, scenario: Scenario) -> [ReportTable] {
        var tables = [seatGap(result), targets(result), indicators(result), warnings(result), enrollment(result.demand), travel(result),
                      balance(result), schools(result)]
        if result.demand.attendance != nil {
            tables.insert(contentsOf: [BaseYearReport.rates(result, scenario: scenario), BaseYearReport.attendance(result)], at: 3)
        }
        return tables
    }

    /// `seat_gap.csv`, columns exactly as the issue fixes them.
    static func seatGap(_ r: SimulationResult) -> ReportTable {
        var t = ReportTable(file: "seat_gap.csv", sheet: "学位缺口 seat_gap", columns: [
            ("level", "层级"), ("id", "编号"), ("stage", "学段"), ("year", "年份"), ("school_age_population", "适龄人口"),
            ("demand", "学位需求"), ("seats", "学位供给"), ("gap", "学位缺口"), ("utilisation", "学位使用率"),
            ("classes_needed", "所需班数"), ("classrooms", "教室数"), ("avg_class_size", "平均班额"),
            ("big_classes", "大班额班数"), ("big_class_share", "大班额比例"), ("warning", "学位预警"),
            ("classes", "班数"), ("super_big_classes", "超大班额班数"),
        ])
        for row in r.seatGaps {
            t.add([.text(row.level.rawValue), .text(row.id), .text(row.stage.rawValue), .integer(row.year),
                   .optional(row.schoolAgePopulation, places: 3), .count(row.demand), .count(row.seats), .count(row.gap),
                   .optional(row.utilisation, places: 4), .integer(row.classesNeeded), .integer(row.classrooms),
                   .optional(row.averageClassSize, places: 2), .integer(row.formation.bigClasses),
                   .optional(row.bigClassShare, places: 4), .text(row.warning.rawValue), .integer(row.formation.classes),
                   .integer(row.formation.superBigClasses)])
        }
        return t
    }

    static func targets(_ r: SimulationResult) -> ReportTable {
        var t = ReportTable(file: "targets.csv", sheet: "目标 targets", columns: [
            ("target", "指标"), ("name_zh", "指标名称"), ("year", "年份"), ("required", "目标值"), ("achieved", "实现值"), ("met", "是否达标"),
        ])
        for row in r.targets {
            let required = (row.comparison == .atLeast ? "≥" : "≤")
            t.add([.text(row.target), .text("\(row.nameZH) \(required)"), .integer(row.year), .number(row.required, places: 4),
                   .optional(row.achieved, places: 4), .flag(row.met)])
        }
        return t
    }

    /// `indicators.csv`: every indicator by its official definition, year by year.
    static func indicators(_ r: SimulationResult) -> ReportTable {
        var t = ReportTable(file: "indicators.csv", sheet: "指标 indicators", columns: [
            ("indicator", "指标"), ("name_zh", "指标名称"), ("stage", "学段"), ("year", "年份"), ("value", "值"), ("note", "说明"),
        ])
        for row in r.indicators {
            t.add([.text(row.indicator.rawValue), .text(row.indicator.nameZH(row.stage)), .text(row.stage?.rawValue ?? ""), .integer(row.year),
                   .optional(row.value, places: 4), .text(row.note ?? "")])
        }
        return t
    }

    static func warnings(_ r: SimulationResult) -> ReportTable {
        var t = ReportTable(file: "warnings.csv", sheet: "预警 warnings", columns: [
            ("level", "层级"), ("id", "编号"), ("stage", "学段"), ("now", "基年预警"), ("worst", "最高预警"),
            ("first_yellow_year", "首次黄色预警年份"), ("first_red_year", "首次红色预警年份"),
        ])
        for w in r.warnings {
            t.add([.text(w.level.rawValue), .text(w.id), .text(w.stage.rawValue), .text(w.now.rawValue), .text(w.worst.rawValue),
                   w.firstYellow.map { .integer($0) } ?? .empty, w.firstRed.map { .integer($0) } ?? .empty])
        }
        return t
    }

    /// `enrollment.csv`: pupils by area, year, stage and grade.
    static func enrollment(_ d: Demand) -> ReportTable {
        var t = ReportTable(file: "enrollment.csv", sheet: "在校生 enrollment", columns: [
            ("area", "地区"), ("year", "年份"), ("stage", "学段"), ("grade", "年级"), ("pupils", "学生数"),
        ])
        for year in d.years {
            for (a, area) in d.areas.enumerated() {
                for slot in Slot.all {
                    t.add([.text(area.rawValue), .integer(year), .text(slot.stage.rawValue), .text(slot.grade.id),
                           .count(d.pupils(year: year, area: a, slot: slot))])
                }
            }
        }
        return t
    }

    static func travel(_ r: SimulationResult) -> ReportTable {
        var t = ReportTable(file: "travel.csv", sheet: "通学 travel", columns: [
            ("district", "乡镇"), ("year", "年份"), ("group", "学段组"), ("pupils", "学生数"),
            ("beyond_limit", "超出时限人数"), ("unknown_time", "通学时间未知人数"), ("share", "超出时限比例"),
        ])
        for row in r.travel {
            t.add([.text(row.district.rawValue), .integer(row.year), .text(row.group.rawValue), .count(row.pupils),
                   .count(row.beyondLimit), .count(row.unknown), .optional(row.share, places: 4)])
        }
        return t
    }

    static func balance(_ r: SimulationResult) -> ReportTable {
        var t = ReportTable(file: "balance.csv", sheet: "均衡 balance", columns: [
            ("level", "层级"), ("id", "编号"), ("stage", "学段"), ("indicator", "指标序号"), ("name_zh", "指标"),
            ("value", "值"), ("standard", "标准"), ("ratio", "达标比"), ("met", "是否达标"),
        ])
        for s in r.balance.schools {
            let standards = BalanceCheck.standards[s.stage] ?? []
            for k in 0..<7 {
                t.add([.text("school"), .text(s.school.rawValue), .text(s.stage.rawValue), .integer(k + 1),
                       .text(BalanceCheck.indicatorNames[k]), .number(s.values[k], places: 4), .number(standards[k], places: 2),
                       .number(s.ratios[k], places: 4), .flag(s.ratios[k] >= 1 - 1e-12)])
            }
            t.add([.text("school"), .text(s.school.rawValue), .text(s.stage.rawValue), .text("all"),
                   .text("达到优质均衡标准 (≥6 of 7, none < 85%)"), .integer(s.indicatorsMet), .integer(6),
                   .number(s.ratios.min() ?? 0, places: 4), .flag(s.meetsStandard)])
        }
        for c in r.balance.stages {
            t.add([.text("county"), .text("county"), .text(c.stage.rawValue), .integer(c.indicator + 1),
                   .text("\(BalanceCheck.indicatorNames[c.indicator]) 差异系数"), .number(c.cv, places: 4),
                   .number(c.limit, places: 2), .number(c.limit > 0 ? c.cv / c.limit : 0, places: 4), .flag(c.met)])
        }
        return t
    }

    /// The network, for reading the other sheets (workbook only).
    static func schools(_ r: SimulationResult) -> ReportTable {
        var t = ReportTable(file: nil, sheet: "学校 schools", columns: [
            ("id", "编号"), ("name", "校名"), ("district", "乡镇"), ("community", "村/社区"), ("kind", "类型"),
            ("grades", "年级"), ("classrooms", "教室数"), ("boarding_beds", "床位"), ("public", "公办"),
            ("pupils", "现有学生数"), ("floor_area_m2", "校舍面积"), ("site_area_m2", "占地面积"),
        ])
        for s in r.allocation.schools {
            t.add([.text(s.id.rawValue), .text(s.name), .text(s.district.rawValue), .text(s.community?.rawValue ?? ""),
                   .text("\(s.kind.rawValue) \(s.kind.nameZH)"), .text(s.grades.map(\.id).joined(separator: ",")),
                   .integer(s.totalClassrooms), .integer(s.boardingBeds), .flag(s.isPublic),
                   .optional(s.currentPupils, places: 0), .optional(s.floorArea, places: 0), .optional(s.siteArea, places: 0)])
        }
        return t
    }
}
