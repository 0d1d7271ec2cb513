import EnrollmentDemand
import ScenarioModel
import SeatMetrics
import SimulationPipeline

/// The observed base year as a planner checks it against the county's statistics (教育事业统计):
/// `base_year.csv` (rates and classes by district and stage) and `attendance.csv` (who attends where).
enum BaseYearReport {
    /// One district's (or the county's) figures of one stage in the base year.
    struct Figures {
        var children = 0.0, resident = 0.0, migrants = 0.0, outside = 0.0, atSchools = 0.0
        var formation = ClassFormation(classes: 0, bigClasses: 0, superBigClasses: 0, largest: 0)

        /// Residents' gross rate: `(resident pupils − migrant pupils + out of county) / children`.
        var residentRate: Double? { children > 0 ? (resident - migrants + outside) / children : nil }
        /// Children of the ages enrolled nowhere: `children − (resident pupils − migrant pupils) − out of
        /// county`; negative where the gross rate exceeds 100% (pupils older or younger than the grades' ages).
        var notEnrolled: Double { children - (resident - migrants) - outside }
        /// Pupils at the area's schools per child of the age living there.
        var locationRatio: Double? { children > 0 ? atSchools / children : nil }
    }

    /// `base_year.csv`: by district and for the county, per stage, the base year's children, pupils
    /// by residence and by school location, the implied (observed) rates and the classes. Every child is
    /// counted: `children = resident pupils − migrant pupils + out of county + not enrolled`.
    /// ```
    /// resident_rate  = (pupils living in the area − migrant pupils + studying outside the county) / children
    /// location_ratio = pupils at the area's schools / children living in the area
    /// ```
    static func rates(_ r: SimulationResult, scenario: Scenario) -> ReportTable {
        var t = ReportTable(file: "base_year.csv", sheet: "基年 base_year", columns: [
            ("level", "层级"), ("id", "编号"), ("name", "名称"), ("stage", "学段"), ("children", "适龄人口"),
            ("resident_pupils", "本地生源在校生"), ("migrant_pupils", "随迁子女"), ("out_of_county", "外出就读"),
            ("not_enrolled", "未入学"), ("resident_rate", "毛入学率(按居住地)"), ("pupils_at_schools", "本地学校在校生"), ("location_ratio", "在校生/适龄人口"),
            ("classes", "班数"), ("avg_class_size", "平均班额"), ("big_classes", "大班额班数"), ("big_class_share", "大班额比例"),
            ("super_big_classes", "超大班额班数"),
        ])
        let year = r.allocation.years.lowerBound
        let demand = r.demand
        let districtOf = scenario.districtOfArea
        var districts: [AreaID: [Stage: Figures]] = [:]
        var county: [Stage: Figures] = [:]
        func add(_ f: inout Figures, _ o: Int, _ k: Int) {
            f.children += demand.schoolAgePopulation[o + k]
            f.resident += demand.pupils[o + k]
            f.migrants += demand.migrantPupils[o + k]
            f.outside += demand.outOfCounty[o + k]
        }
        for (a, area) in demand.areas.enumerated() {
            let district = districtOf[area] ?? area
            let o = demand.offset(year: year, area: a)
            for slot in Slot.all {
                add(&districts[district, default: [:]][slot.stage, default: Figures()], o, slot.index)
                add(&county[slot.stage, default: Figures()], o, slot.index)
            }
        }
        for row in r.seatGaps where row.year == year {
            switch row.level {
            case .county:
                county[row.stage, default: Figures()].atSchools = row.enrolled
                county[row.stage, default: Figures()].formation = row.formation
            case .district:
                districts[AreaID(row.id), default: [:]][row.stage, default: Figures()].atSchools = row.enrolled
                districts[AreaID(row.id), default: [:]][row.stage, default: Figures()].formation = row.formation
            case .school:
                break
            }
        }
        let rows: [(level: String, id: String, name: String, figures: [Stage: Figures])] =
            scenario.districts.map { ("district", $0.id.rawValue, $0.name, districts[$0.id] ?? [:]) } + [("county", "county", scenario.name, county)]
        for (level, id, name, byStage) in rows {
            for stage in Stage.allCases {
                guard let f = byStage[stage], f.children > 0 || f.atSchools > 0 else { continue }
                let classes = f.formation.classes
                t.add([.text(level), .text(id), .text(name), .stage(stage),
                       .count(f.children), .count(f.resident), .count(f.migrants), .count(f.outside), .count(f.notEnrolled),
                       .optionalShare(f.residentRate),
                       .count(f.atSchools), .optionalShare(f.locationRatio), .integer(classes),
                       .optional(classes > 0 ? f.atSchools / Double(classes) : nil, places: 2), .integer(f.formation.bigClasses),
                       .optionalShare(classes > 0 ? Double(f.formation.bigClasses) / Double(classes) : nil),
                       .integer(f.formation.superBigClasses)])
            }
        }
        return t
    }

    /// `attendance.csv` of the run: the base year's pupils by area, school and stage, in the input's
    /// own format (so a planner can correct it and give it back as `tables.attendance`).
    static func attendance(_ r: SimulationResult, _ names: EntityNames) -> ReportTable {
        var t = ReportTable(file: "attendance.csv", sheet: "生源 attendance", columns: [
            ("community", "村/社区"), ("community_name", "村/社区名称"), ("school", "学校"), ("school_name", "校名"), ("stage", "学段"), ("pupils", "学生数"),
        ], workbookOnly: ["community_name", "school_name"])
        guard let attendance = r.demand.attendance else { return t }
        let schools = r.allocation.schools
        for (a, area) in r.demand.areas.enumerated() {
            for stage in Stage.allCases {
                var bySchool: [Int: Double] = [:]
                for g in stage.grades {
                    for flow in attendance.flows(area: a, slot: Slot(stage, g)) { bySchool[flow.school, default: 0] += flow.pupils }
                }
                for (s, pupils) in bySchool.sorted(by: { $0.key < $1.key }) where pupils >= 0.0005 {
                    t.add([.text(area.rawValue), .text(names(area.rawValue)), .text(schools[s].id.rawValue), .text(schools[s].name), .stage(stage),
                           .count(pupils)])
                }
            }
        }
        return t
    }
}
