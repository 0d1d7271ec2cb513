import EnrollmentDemand
import PlanComparison
import ScenarioModel
import SeatMetrics
import SimulationPipeline

/// Names beside ids in the workbook: a school's, a township's or a community's name, the county's.
struct EntityNames {
    private let byID: [String: String]

    init(_ scenario: Scenario, schools: [School]) {
        var names = ["county": "全县 \(scenario.name)"]
        for d in scenario.districts { names[d.id.rawValue] = d.name }
        for c in scenario.communities { names[c.id.rawValue] = c.name }
        for s in schools { names[s.id.rawValue] = s.name }
        byID = names
    }

    func callAsFunction(_ id: String) -> String { byID[id] ?? "" }
}

/// The tables `seatplan simulate` writes, built once for both CSV and the workbook: the summary first,
/// then the seat gaps, targets and the rest.
public enum SimulationTables {
    public static func make(_ result: SimulationResult, scenario: Scenario) -> [ReportTable] {
        let names = EntityNames(scenario, schools: result.allocation.schools)
        var tables = [summary(result, scenario: scenario), seatGap(result, names), targets(result), indicators(result), warnings(result, names),
                      enrollment(result.demand), enrollmentByTownship(result.demand, scenario: scenario, names), travel(result, names), balance(result, names), staffing(result, names), schools(result, names)]
        if result.demand.attendance != nil {
            tables.insert(contentsOf: [BaseYearReport.rates(result, scenario: scenario), BaseYearReport.attendance(result, names)], at: 4)
        }
        return tables
    }

    /// The county by stage in the base year, three and six years on and the horizon: what a reader of
    /// the workbook looks at first (workbook only; every figure is the county row of the seat-gap or
    /// the staffing table).
    static func summary(_ r: SimulationResult, scenario: Scenario) -> ReportTable {
        var t = ReportTable(file: nil, sheet: "摘要 summary", columns: [
            ("stage", "学段"), ("year", "年份"), ("school_age_population", "适龄人口"), ("demand", "学位需求"), ("seats", "学位供给"),
            ("gap", "学位缺口"), ("utilisation", "学位使用率"), ("avg_class_size", "平均班额"), ("big_class_share", "大班额比例"),
            ("schools_short", "学位不足学校数"), ("schools_red", "红色预警学校数"), ("schools_yellow", "黄色预警学校数"),
            ("staff_needed", "所需教职工编制"), ("targets_missed", "当年未达标目标数"),
        ])
        let staff = Dictionary(r.staffing.filter { $0.level == .county }.map { ("\($0.stage?.rawValue ?? "")|\($0.year)", $0.needed) },
                               uniquingKeysWith: { a, _ in a })
        let missed = Dictionary(grouping: r.targets.filter { $0.met == false }, by: \.year).mapValues(\.count)
        for stage in Stage.allCases {
            for year in PlanComparison.defaultYears(scenario.years) {
                guard let c = r.seatGaps.first(where: { $0.level == .county && $0.stage == stage && $0.year == year }), c.seats > 0 || c.demand > 0 else { continue }
                let schools = r.seatGaps.filter { $0.level == .school && $0.stage == stage && $0.year == year }
                t.add([.stage(stage), .year(year), .optional(c.schoolAgePopulation, places: 0), .count(c.demand), .count(c.seats), .count(c.gap),
                       .optionalShare(c.utilisation), .optional(c.averageClassSize, places: 1), .optionalShare(c.bigClassShare),
                       .integer(schools.filter { $0.gap > 0.5 }.count), .integer(schools.filter { $0.warning == .red }.count),
                       .integer(schools.filter { $0.warning == .yellow }.count), .optional(staff["\(stage.rawValue)|\(year)"], places: 0),
                       .integer(missed[year] ?? 0)])
            }
        }
        return t
    }

    /// `seat_gap.csv`, columns exactly as the issue fixes them (the workbook adds the name).
    static func seatGap(_ r: SimulationResult, _ names: EntityNames) -> ReportTable {
        var t = ReportTable(file: "seat_gap.csv", sheet: "学位缺口 seat_gap", columns: [
            ("level", "层级"), ("id", "编号"), ("name", "名称"), ("stage", "学段"), ("year", "年份"), ("school_age_population", "适龄人口"),
            ("demand", "学位需求"), ("seats", "学位供给"), ("gap", "学位缺口"), ("utilisation", "学位使用率"),
            ("classes_needed", "所需班数"), ("classrooms", "教室数"), ("avg_class_size", "平均班额"),
            ("big_classes", "大班额班数"), ("big_class_share", "大班额比例"), ("warning", "学位预警"),
            ("classes", "班数"), ("super_big_classes", "超大班额班数"),
        ], workbookOnly: ["name"])
        for row in r.seatGaps {
            t.add([.text(row.level.rawValue), .text(row.id), .text(names(row.id)), .stage(row.stage), .year(row.year),
                   .optional(row.schoolAgePopulation, places: 3), .count(row.demand), .count(row.seats), .count(row.gap),
                   .optionalShare(row.utilisation), .integer(row.classesNeeded), .integer(row.classrooms),
                   .optional(row.averageClassSize, places: 2), .integer(row.formation.bigClasses),
                   .optionalShare(row.bigClassShare), .warning(row.warning), .integer(row.formation.classes),
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
            func value(_ v: Double?) -> ReportCell { row.isRatio ? .optionalShare(v) : .optional(v, places: 4) }
            t.add([.text(row.target), .text("\(row.nameZH) \(required)"), .year(row.year), value(row.required), value(row.achieved),
                   .optionalFlag(row.met)])
        }
        return t
    }

    /// `indicators.csv`: every indicator by its official definition, year by year.
    static func indicators(_ r: SimulationResult) -> ReportTable {
        var t = ReportTable(file: "indicators.csv", sheet: "指标 indicators", columns: [
            ("indicator", "指标"), ("name_zh", "指标名称"), ("stage", "学段"), ("year", "年份"), ("value", "值"), ("note", "说明"),
        ])
        for row in r.indicators {
            t.add([.text(row.indicator.rawValue), .text(row.indicator.nameZH(row.stage)), row.stage.map { .stage($0) } ?? .empty, .year(row.year),
                   row.indicator.isRatio ? .optionalShare(row.value) : .optional(row.value, places: 4), .text(row.note ?? "")])
        }
        return t
    }

    static func warnings(_ r: SimulationResult, _ names: EntityNames) -> ReportTable {
        var t = ReportTable(file: "warnings.csv", sheet: "预警 warnings", columns: [
            ("level", "层级"), ("id", "编号"), ("name", "名称"), ("stage", "学段"), ("now", "基年预警"), ("worst", "最高预警"),
            ("first_yellow_year", "首次黄色预警年份"), ("first_red_year", "首次红色预警年份"),
        ], workbookOnly: ["name"])
        for w in r.warnings {
            t.add([.text(w.level.rawValue), .text(w.id), .text(names(w.id)), .stage(w.stage), .warning(w.now), .warning(w.worst),
                   w.firstYellow.map { .year($0) } ?? .empty, w.firstRed.map { .year($0) } ?? .empty])
        }
        return t
    }

    /// `enrollment.csv`: pupils by area, year, stage and grade (CSV only: the workbook has them by township).
    static func enrollment(_ d: Demand) -> ReportTable {
        var t = ReportTable(file: "enrollment.csv", sheet: nil, columns: [
            ("area", "地区"), ("year", "年份"), ("stage", "学段"), ("grade", "年级"), ("pupils", "学生数"),
        ])
        for year in d.years {
            for (a, area) in d.areas.enumerated() {
                for slot in Slot.all {
                    t.add([.text(area.rawValue), .year(year), .stage(slot.stage), .text(slot.grade.id), .count(d.pupils(year: year, area: a, slot: slot))])
                }
            }
        }
        return t
    }

    /// Pupils living in each township by stage, a column per year, and the county (workbook only:
    /// `enrollment.csv` summed over the township's areas and the stage's grades).
    static func enrollmentByTownship(_ d: Demand, scenario: Scenario, _ names: EntityNames) -> ReportTable {
        var t = ReportTable(file: nil, sheet: "在校生 enrollment", columns: [("township", "乡镇编号"), ("name", "乡镇"), ("stage", "学段")]
                            + d.years.map { (String($0), "") })
        let districtOf = scenario.districtOfArea
        let townships: [(id: String, areas: [Int])] = scenario.districts.map { district in
            (district.id.rawValue, d.areas.indices.filter { (districtOf[d.areas[$0]] ?? d.areas[$0]) == district.id })
        } + [("county", Array(d.areas.indices))]
        for (id, areas) in townships {
            for stage in Stage.allCases {
                let pupils = d.years.map { year in
                    areas.reduce(0.0) { sum, a in stage.grades.reduce(sum) { $0 + d.pupils(year: year, area: a, slot: Slot(stage, $1)) } }
                }
                guard pupils.contains(where: { $0 > 0 }) else { continue }
                t.add([.text(id), .text(names(id)), .stage(stage)] + pupils.map { .number($0, places: 0) })
            }
        }
        return t
    }

    static func travel(_ r: SimulationResult, _ names: EntityNames) -> ReportTable {
        var t = ReportTable(file: "travel.csv", sheet: "通学 travel", columns: [
            ("district", "乡镇"), ("name", "名称"), ("year", "年份"), ("group", "学段组"), ("pupils", "学生数"),
            ("beyond_limit", "超出时限人数"), ("unknown_time", "通学时间未知人数"), ("share", "超出时限比例"),
        ], workbookOnly: ["name"])
        for row in r.travel {
            t.add([.text(row.district.rawValue), .text(names(row.district.rawValue)), .year(row.year), .term(row.group.rawValue, zh: row.group.nameZH),
                   .count(row.pupils), .count(row.beyondLimit), .count(row.unknown), .optionalShare(row.share)])
        }
        return t
    }

    static func balance(_ r: SimulationResult, _ names: EntityNames) -> ReportTable {
        var t = ReportTable(file: "balance.csv", sheet: "均衡 balance", columns: [
            ("level", "层级"), ("id", "编号"), ("name", "名称"), ("stage", "学段"), ("indicator", "指标序号"), ("name_zh", "指标"),
            ("value", "值"), ("standard", "标准"), ("ratio", "达标比"), ("met", "是否达标"),
        ], workbookOnly: ["name"])
        for s in r.balance.schools {
            let standards = BalanceCheck.standards[s.stage] ?? []
            for k in 0..<7 {
                t.add([.text("school"), .text(s.school.rawValue), .text(names(s.school.rawValue)), .stage(s.stage), .integer(k + 1),
                       .text(BalanceCheck.indicatorNames[k]), .number(s.values[k], places: 4), .number(standards[k], places: 2),
                       .number(s.ratios[k], places: 4), .flag(s.ratios[k] >= 1 - 1e-12)])
            }
            t.add([.text("school"), .text(s.school.rawValue), .text(names(s.school.rawValue)), .stage(s.stage), .text("all"),
                   .text("达到优质均衡标准 (≥6 of 7, none < 85%)"), .integer(s.indicatorsMet), .integer(6),
                   .number(s.ratios.min() ?? 0, places: 4), .flag(s.meetsStandard)])
        }
        for c in r.balance.stages {
            t.add([.text("county"), .text("county"), .text(names("county")), .stage(c.stage), .integer(c.indicator + 1),
                   .text("\(BalanceCheck.indicatorNames[c.indicator]) 差异系数"), .number(c.cv, places: 4),
                   .number(c.limit, places: 2), .number(c.limit > 0 ? c.cv / c.limit : 0, places: 4), .flag(c.met)])
        }
        return t
    }

    /// `staffing.csv`: the staff (教职工编制) each school, district and the county needs by stage and
    /// year, by pupils and by classes (`StaffingTable`), against the staff the schools have.
    static func staffing(_ r: SimulationResult, _ names: EntityNames) -> ReportTable {
        var t = ReportTable(file: "staffing.csv", sheet: "教职工编制 staffing", columns: [
            ("level", "层级"), ("id", "编号"), ("name", "名称"), ("stage", "学段"), ("year", "年份"), ("pupils", "在校生"), ("classes", "班数"),
            ("staff_by_pupils", "按生师比编制"), ("staff_by_classes", "按班师比编制"), ("staff_needed", "所需编制"), ("staff_now", "现有教职工"),
            ("staff_gap", "编制缺口"),
        ], workbookOnly: ["name"])
        for row in r.staffing {
            t.add([.text(row.level.rawValue), .text(row.id), .text(names(row.id)), row.stage.map { .stage($0) } ?? .term("all", zh: "合计"),
                   .year(row.year), .count(row.pupils), .integer(row.classes), .number(row.byPupils, places: 1), .number(row.byClasses, places: 1),
                   .number(row.needed, places: 1), .optional(row.current, places: 0), .optional(row.gap, places: 1)])
        }
        return t
    }

    /// The network, for reading the other sheets (workbook only).
    static func schools(_ r: SimulationResult, _ names: EntityNames) -> ReportTable {
        var t = ReportTable(file: nil, sheet: "学校 schools", columns: [
            ("id", "编号"), ("name", "校名"), ("district", "乡镇"), ("community", "村/社区"), ("kind", "类型"),
            ("grades", "年级"), ("classrooms", "教室数"), ("boarding_beds", "床位"), ("public", "公办"),
            ("pupils", "现有学生数"), ("floor_area_m2", "校舍面积"), ("site_area_m2", "占地面积"),
        ])
        for s in r.allocation.schools {
            t.add([.text(s.id.rawValue), .text(s.name), .text("\(s.district.rawValue) \(names(s.district.rawValue))"),
                   .text(s.community.map { "\($0.rawValue) \(names($0.rawValue))" } ?? ""),
                   .term(s.kind.rawValue, zh: s.kind.nameZH), .text(s.grades.map(\.id).joined(separator: ",")),
                   .integer(s.totalClassrooms), .integer(s.boardingBeds), .flag(s.isPublic),
                   .optional(s.currentPupils, places: 0), .optional(s.floorArea, places: 0), .optional(s.siteArea, places: 0)])
        }
        return t
    }
}
