import ScenarioModel

/// `optimizer:` in `scenario.yaml` (see docs/optimizer.md and Scenarios/README.md).
enum OptimizerSettingsReader {
    static func read(_ value: YAMLValue, log: inout DiagnosticLog) -> OptimizerSettings {
        var o = OptimizerSettings()
        guard let entries = value.mapping(log: &log) else { return o }
        YAMLValue.warnUnknown(entries, allowed: ["design_year", "periods", "max_temporary_classrooms", "seats_through", "objective", "budget", "budget_by_year", "discount_rate", "lifetime_years", "opening_lead_years", "lead_years",
                                                 "candidates_per_point", "boarding_groups", "travel_limits", "minimum_utilisation",
                                                 "new_school_minimum_utilisation", "max_expansion_classrooms", "utilisation_band", "keep",
                                                 "keep_central_schools", "cross_township", "max_relocated_share", "committed", "required_new", "hard_travel_limits", "conversions", "sizes",
                                                 "costs"], log: &log)
        for (k, x) in entries {
            switch k {
            case "design_year": o.designYear = x.integer(1950...2200, "a year", log: &log)
            case "seats_through": o.seatsThrough = x.integer(1950...2200, "a year", log: &log)
            case "periods":
                guard let items = x.node.sequence else {
                    log.error(x.file, line: x.line, column: x.key, "give the periods as a list of years, e.g. [2026, 2028, 2031, 2035, 2040]")
                    break
                }
                let years = items.map { $0.scalar?.string ?? "" }
                let parsed = years.compactMap { Int($0) }
                if parsed.count != years.count || parsed.contains(where: { !(1950...2200).contains($0) }) {
                    log.error(x.file, line: x.line, column: x.key, "\"\(years.joined(separator: ", "))\": every period is a year")
                } else if zip(parsed, parsed.dropFirst()).contains(where: { $0 >= $1 }) {
                    log.error(x.file, line: x.line, column: x.key, "periods must increase: \(parsed.map(String.init).joined(separator: ", "))")
                } else {
                    o.periods = parsed
                }
            case "max_temporary_classrooms":
                o.maxTemporaryClassrooms = x.integer(0...100, "temporary classrooms per school stage", log: &log) ?? o.maxTemporaryClassrooms
            case "objective":
                let text = x.scalarText ?? ""
                if let v = OptimizerSettings.Objective(rawValue: text) { o.objective = v } else {
                    log.error(x.file, line: x.line, column: x.key, "\"\(text)\" is not an objective; use cost or travel")
                }
            case "budget": o.budget = x.number(.nonNegative, "a capital budget in yuan", log: &log)
            case "budget_by_year":
                for (key, y) in x.mapping(log: &log) ?? [] {
                    guard let year = Int(key), (1950...2200).contains(year) else {
                        log.error(y.file, line: y.line, column: y.key, "\"\(key)\" is not a year")
                        continue
                    }
                    if let v = y.number(.nonNegative, "a year's capital budget in yuan", log: &log) { o.budgetByYear[year] = v }
                }
            case "discount_rate": o.discountRate = x.number(.within(0...0.5), "a yearly discount rate", log: &log) ?? o.discountRate
            case "lifetime_years": o.lifetimeYears = x.number(.within(1...200), "years", log: &log) ?? o.lifetimeYears
            case "opening_lead_years": o.openingLeadYears = x.integer(0...20, "years", log: &log) ?? o.openingLeadYears
            case "lead_years":
                for (key, y) in x.mapping(log: &log) ?? [] {
                    let project: OptimizerSettings.Project? = key == "expand" ? .expand : key == "convert_boarding" ? .convertBoarding
                        : key == "convert" ? .convert : SchoolKind(rawValue: key).map { .build($0) }
                    guard let project else {
                        log.error(y.file, line: y.line, column: y.key, "\"\(key)\" is not a project: use expand, convert_boarding, convert or a school kind "
                                  + "(\(SchoolKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                        continue
                    }
                    if let n = y.integer(0...20, "years", log: &log) { o.leadYears[project] = n }
                }
            case "candidates_per_point": o.candidatesPerPoint = x.integer(1...1000, "schools per demand point", log: &log) ?? o.candidatesPerPoint
            case "boarding_groups": o.boardingGroups = Set(groups(x, log: &log))
            case "conversions":
                o.conversions = [:]
                for (kind, y) in x.keyedBy(SchoolKind.self, "school kind", log: &log) ?? [] {
                    var targets: [SchoolKind] = []
                    for node in y.node.sequence ?? [] {
                        let text = node.scalar?.string ?? ""
                        if let k = SchoolKind(rawValue: text) { targets.append(k) } else {
                            log.error(y.file, line: y.line, column: y.key, "\"\(text)\" is not a school kind (\(SchoolKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                        }
                    }
                    if y.node.sequence == nil { log.error(y.file, line: y.line, column: y.key, "give a list of school kinds, e.g. [kindergarten]") }
                    o.conversions[kind] = targets
                }
            case "hard_travel_limits": o.hardTravelLimits = Set(groups(x, log: &log))
            case "travel_limits":
                for (g, y) in x.mapping(log: &log) ?? [] {
                    guard let group = group(g, y, log: &log) else { continue }
                    if let v = y.number(.within(1...1440), "minutes", log: &log) { o.travelLimits[group] = v }
                }
            case "minimum_utilisation": o.minimumUtilisation = x.number(.unitInterval, "a utilisation", log: &log) ?? o.minimumUtilisation
            case "new_school_minimum_utilisation":
                o.newSchoolMinimumUtilisation = x.number(.unitInterval, "a utilisation", log: &log) ?? o.newSchoolMinimumUtilisation
            case "max_expansion_classrooms": o.maxExpansionClassrooms = x.integer(0...200, "classrooms", log: &log) ?? o.maxExpansionClassrooms
            case "utilisation_band":
                let values = (x.node.sequence ?? []).compactMap { $0.scalar?.string }.compactMap(Double.init)
                if values.count == 2, values[0] < values[1] { o.utilisationBand = values[0]...values[1] } else {
                    log.error(x.file, line: x.line, column: x.key, "give the band as [low, high], e.g. [0.7, 1.05]")
                }
            case "keep": o.keep = Set((x.node.sequence ?? []).compactMap { $0.scalar?.string }.map { SchoolID($0) })
            case "keep_central_schools":
                let text = x.scalarText ?? ""
                if let v = YesNo.parse(text) { o.keepCentralSchools = v } else {
                    log.error(x.file, line: x.line, column: x.key, "\"\(text)\" is not yes or no (true/false, yes/no, 1/0, 是/否)")
                }
            case "max_relocated_share": o.maxRelocatedShare = x.number(.unitInterval, "a share of pupils (0–1)", log: &log)
            case "committed": o.committed = committed(x, log: &log)
            case "required_new":
                for (key, y) in x.mapping(log: &log) ?? [] {
                    let kinds = key == "compulsory" ? RequiredNewSchools.compulsory : SchoolKind(rawValue: key).map { [$0] }
                    guard let kinds else {
                        log.error(y.file, line: y.line, column: y.key, "\"\(key)\" is not compulsory or a school kind (\(SchoolKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                        continue
                    }
                    if let n = y.integer(0...1000, "new schools", log: &log) { o.requiredNew.append(RequiredNewSchools(label: key, kinds: kinds, count: n)) }
                }
            case "cross_township": o.crossTownship = Set((x.node.sequence ?? []).compactMap { $0.scalar?.string }.map { AreaID($0) })
            case "sizes":
                for (kind, y) in x.keyedBy(SchoolKind.self, "school kind", log: &log) ?? [] {
                    let sizes = (y.node.sequence ?? []).compactMap { $0.scalar?.string }.compactMap { Int($0) }
                    if sizes.isEmpty || sizes.contains(where: { $0 <= 0 }) {
                        log.error(y.file, line: y.line, column: y.key, "give sizes as a list of classes, e.g. [12, 18, 24]")
                    } else {
                        o.sizes[kind] = sizes.sorted()
                    }
                }
            case "costs": o.costs = costs(x, o.costs, log: &log)
            default: break
            }
        }
        return o
    }

    /// `committed:` a list of `{name, build: SITE, kind, classes}` or `{name, expand: SCHOOL, stage, classrooms}`.
    private static func committed(_ x: YAMLValue, log: inout DiagnosticLog) -> [CommittedProject] {
        guard let seq = x.node.sequence else {
            log.error(x.file, line: x.line, column: x.key, "expected a list of projects, e.g. - {build: C03, kind: kindergarten, classes: 9}")
            return []
        }
        var out: [CommittedProject] = []
        for (i, node) in seq.enumerated() {
            let item = YAMLValue(node: node, key: "\(x.key)[\(i)]", file: x.file)
            guard let entries = item.mapping(log: &log) else { continue }
            YAMLValue.warnUnknown(entries, allowed: ["name", "build", "kind", "classes", "expand", "stage", "classrooms"], log: &log)
            let value = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            let name = value["name"]?.scalarText
            if let site = value["build"]?.scalarText {
                guard let kindText = value["kind"]?.scalarText, let kind = SchoolKind(rawValue: kindText) else {
                    log.error(item.file, line: item.line, column: "\(item.key).kind", "a committed build needs the kind of school (\(SchoolKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                    continue
                }
                let classes = value["classes"].flatMap { $0.integer(1...200, "classes", log: &log) }
                out.append(CommittedProject(name: name, work: .build(site: site, kind: kind, classes: classes), file: item.file, line: item.line, key: item.key))
            } else if let school = value["expand"]?.scalarText {
                guard let stageText = value["stage"]?.scalarText, let stage = Stage(rawValue: stageText),
                      let rooms = value["classrooms"]?.integer(1...200, "classrooms", log: &log) else {
                    log.error(item.file, line: item.line, column: item.key, "a committed expansion needs stage and classrooms, e.g. {expand: D01P2, stage: primary, classrooms: 6}")
                    continue
                }
                out.append(CommittedProject(name: name, work: .expand(school: SchoolID(school), stage: stage, classrooms: rooms), file: item.file, line: item.line, key: item.key))
            } else {
                log.error(item.file, line: item.line, column: item.key, "a committed project is a build (build: SITE, kind) or an expansion (expand: SCHOOL, stage, classrooms)")
            }
        }
        return out
    }

    private static func group(_ text: String, _ x: YAMLValue, log: inout DiagnosticLog) -> PupilGroup? {
        guard let g = PupilGroup(rawValue: text) else {
            log.error(x.file, line: x.line, column: x.key, "\"\(text)\" is not a pupil group (\(PupilGroup.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return g
    }

    private static func groups(_ x: YAMLValue, log: inout DiagnosticLog) -> [PupilGroup] {
        guard let seq = x.node.sequence else {
            log.error(x.file, line: x.line, column: x.key, "expected a list of pupil groups")
            return []
        }
        return seq.compactMap { node in group(node.scalar?.string ?? "", YAMLValue(node: node, key: x.key, file: x.file), log: &log) }
    }

    private static func costs(_ x: YAMLValue, _ base: LayoutCosts, log: inout DiagnosticLog) -> LayoutCosts {
        var c = base
        let entries = x.mapping(log: &log) ?? []
        YAMLValue.warnUnknown(entries, allowed: ["classroom", "bed", "school_fixed", "class", "boarding_per_pupil", "transport_per_pupil_km", "relocation_per_pupil",
                                                 "conversion_per_classroom", "staff_salary", "temporary_classroom"],
                              log: &log)
        for (k, y) in entries {
            switch k {
            case "classroom":
                for (stage, z) in y.keyedBy(Stage.self, "stage", log: &log) ?? [] {
                    if let v = z.number(.nonNegative, "yuan per classroom", log: &log) { c.classroom[stage] = v }
                }
            case "school_fixed":
                for (kind, z) in y.keyedBy(SchoolKind.self, "school kind", log: &log) ?? [] {
                    if let v = z.number(.nonNegative, "yuan a year", log: &log) { c.schoolFixed[kind] = v }
                }
            case "bed": c.bed = y.number(.nonNegative, "yuan per bed", log: &log) ?? c.bed
            case "class": c.classCost = y.number(.nonNegative, "yuan per class a year", log: &log) ?? c.classCost
            case "boarding_per_pupil": c.boardingPerPupil = y.number(.nonNegative, "yuan per boarder a year", log: &log) ?? c.boardingPerPupil
            case "transport_per_pupil_km": c.transportPerPupilKm = y.number(.nonNegative, "yuan per pupil-km a year", log: &log) ?? c.transportPerPupilKm
            case "staff_salary": c.staffSalary = y.number(.nonNegative, "yuan per staff member a year", log: &log) ?? c.staffSalary
            case "temporary_classroom":
                c.temporaryClassroom = y.number(.nonNegative, "yuan per temporary classroom a year", log: &log) ?? c.temporaryClassroom
            case "conversion_per_classroom":
                c.conversionPerClassroom = y.number(.nonNegative, "yuan per classroom converted", log: &log) ?? c.conversionPerClassroom
            case "relocation_per_pupil": c.relocationPerPupil = y.number(.nonNegative, "yuan per relocated pupil", log: &log) ?? c.relocationPerPupil
            default:
                break  // reported by warnUnknown
            }
        }
        return c
    }
}

/// `candidate_sites.csv`: `id,district,community,lat,lon,allowed_kinds,land_cost`.
enum CandidateSiteTable {
    static func read(_ table: CSVTable, areas: AreaRegistry, log: inout DiagnosticLog) -> [CandidateSite] {
        guard table.require(["id", "district", "community", "lat", "lon", "allowed_kinds", "land_cost"], log: &log) else { return [] }
        var out: [CandidateSite] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard let id = table.text(row, "id", log: &log) else { continue }
            if let first = seen[id] {
                log.report(.duplicateID(.site, id: id, firstLine: first), at: Location(table.file, line: row.line, column: "id"))
                continue
            }
            let district = AreaID(table.cell(row, "district"))
            guard areas.isDistrict(district) else {
                log.unknownID(.district, district.rawValue, file: table.file, line: row.line, column: "district")
                continue
            }
            var community: AreaID?
            if !table.cell(row, "community").isEmpty {
                let c = AreaID(table.cell(row, "community"))
                guard areas.district(of: c) == district, !areas.isDistrict(c) else {
                    log.error(table.file, line: row.line, column: "community", "\(c) is not a community of district \(district)")
                    continue
                }
                community = c
            }
            let lat = table.number(row, "lat", .within(-90...90), "latitude in degrees", log: &log)
            let lon = table.number(row, "lon", .within(-180...180), "longitude in degrees", log: &log)
            let land = table.number(row, "land_cost", .nonNegative, "a land cost in yuan", log: &log)
            let kindsText = table.cell(row, "allowed_kinds")
            let parts = kindsText.split { ";|+ ".contains($0) }.map(String.init)
            let kinds = parts.compactMap(SchoolKind.init(rawValue:))
            if kinds.count != parts.count || kinds.isEmpty {
                log.error(table.file, line: row.line, column: "allowed_kinds",
                          "\"\(kindsText)\" is not a list of school kinds separated by ; (e.g. kindergarten;primary)")
                continue
            }
            guard let lat, let lon, let land else { continue }
            seen[id] = row.line
            out.append(CandidateSite(id: id, district: district, community: community, latitude: lat, longitude: lon, allowedKinds: kinds, landCost: land))
        }
        return out
    }
}
