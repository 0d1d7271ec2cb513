import Demography
import Foundation
import ScenarioModel

/// The outcome of reading a scenario folder: the scenario when it can be run, and every
/// diagnostic found on the way (errors, warnings and notes, in file order).
public struct ScenarioLoad: Sendable {
    /// `nil` when any error was found.
    public let scenario: Scenario?
    public let diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Reads and checks a scenario folder (`scenario.yaml` and its CSV tables; see
/// `Scenarios/README.md`). Every problem is reported, not only the first; nothing is written.
public enum ScenarioLoader {
    /// - Parameter options: what-ifs applied to `scenario.yaml` before it is read (`ScenarioOverride`).
    public static func load(folder: URL, options: ScenarioOptions = .none) -> ScenarioLoad {
        var log = DiagnosticLog()
        guard let settings = ScenarioSettings.read(folder: folder, options: options, log: &log) else {
            return ScenarioLoad(scenario: nil, diagnostics: log.items)
        }
        func table(_ name: String) -> CSVTable? { readTable(name, settings, folder, &log) }
        // The projected years, when base year and horizon are valid (else year checks are skipped).
        let years: ClosedRange<Int>? = settings.horizon > settings.baseYear && settings.baseYear > 0
            ? settings.baseYear...settings.horizon : nil
        var areas = AreaRegistry()
        if let t = table("districts") { areas.readDistricts(t, log: &log) }
        if let t = table("communities") { areas.readCommunities(t, log: &log) }

        var mortality: Mortality?
        if let t = table("mortality") {
            let m = MortalityTable.read(t, areas: areas, openRate: settings.openRate, log: &log)
            mortality = Mortality(countySeries: m.county, districtSeries: m.districts, improvementRate: settings.improvementRate)
        }
        var fertility: Fertility?
        if let t = table("fertility") {
            let f = FertilityTable.read(t, areas: areas, log: &log)
            fertility = Fertility(countySeries: f.county, districtSeries: f.districts, tfrPath: settings.tfrPath)
        }
        let read = table("population").flatMap { PopulationTable.read($0, areas: areas, mortality: mortality, baseYear: settings.baseYear, log: &log) }
        let population = read?.population
        var migration = Migration(profile: settings.migrationProfile)
        if let t = table("migration") {
            (migration.everyYear, migration.byYear) = MigrationTable.read(t, areas: areas, years: years, log: &log)
        }
        for (key, entries) in [("migration.net_per_year", settings.netTotals), ("migration.net_rate", settings.netRates)] {
            for (area, path, line) in entries {
                guard areas.isKnown(area) else {
                    log.unknownID(.area, area.rawValue, file: ScenarioSettings.file, line: line, column: "\(key).\(area)")
                    continue
                }
                if key == "migration.net_rate" { migration.netRates[area] = path } else { migration.netTotals[area] = path }
            }
        }
        var housing = Housing(profile: settings.housingProfile)
        if let t = table("housing") { housing.estates = HousingTable.read(t, areas: areas, years: years, log: &log) }

        let schooling = readSchooling(settings, folder: folder, areas: areas, log: &log)
        checkRatesCover(areas: areas, mortality: mortality, fertility: fertility, settings: settings, log: &log)
        if let u = settings.urbanization {
            let kinds = Set(areas.districts.map(\.kind))
            if kinds.isDisjoint(with: u.urbanKinds) || kinds.isSubset(of: u.urbanKinds) {
                log.warning(ScenarioSettings.file, column: "urbanization",
                            "urbanization needs both urban districts (\(u.urbanKinds.map(\.rawValue).sorted().joined(separator: ", "))) and rural ones; it has no effect here")
            }
        }

        guard !log.hasErrors, let population, let fertility, let mortality else {
            return ScenarioLoad(scenario: nil, diagnostics: log.items)
        }
        let scenario = Scenario(name: settings.name, baseYear: settings.baseYear, horizon: settings.horizon,
                                districts: areas.districts, communities: areas.communities, population: population,
                                fertility: fertility, mortality: mortality, sexRatioAtBirth: settings.sexRatioAtBirth,
                                migration: migration, urbanization: settings.urbanization, housing: housing,
                                schooling: schooling, uncertainty: settings.uncertainty)
        if let u = settings.urbanization { noteUrbanStart(scenario, u, log: &log) }
        if let split = read?.splitAgeZero, !split.isEmpty {
            checkAgeZero(scenario, split: split, file: settings.tables["population"] ?? "population.csv", log: &log)
        }
        return ScenarioLoad(scenario: scenario, diagnostics: log.items)
    }

    /// Schools and the tables around them, with the school keys of `scenario.yaml`.
    private static func readSchooling(_ settings: ScenarioSettings, folder: URL, areas: AreaRegistry,
                                      log: inout DiagnosticLog) -> Schooling? {
        let s = settings.schooling
        func table(_ name: String) -> CSVTable? { readTable(name, settings, folder, &log) }
        guard settings.tables["schools"] != nil else {
            for (key, line) in settings.schoolingKeyLines.sorted(by: { $0.key < $1.key }) {
                log.warning(ScenarioSettings.file, line: line, column: key, "\(key) is ignored: the scenario names no schools table (tables.schools)")
            }
            for name in ["catchments", "travel_times", "migrant_children", "enrollment_history", "candidate_sites", "attendance", "out_of_county"]
            where settings.tables[name] != nil {
                log.warning(ScenarioSettings.file, column: "tables.\(name)", "\(name) is ignored: the scenario names no schools table")
            }
            return nil
        }
        guard let schoolTable = table("schools") else { return nil }
        let schools = SchoolTable.read(schoolTable, areas: areas, classSizes: s.classSizes, log: &log)
        let byID = Dictionary(schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var travel = s.travel
        if let t = table("travel_times") { travel.minutes = SchoolingTables.travelTimes(t, areas: areas, schools: byID, log: &log) }
        let catchments = table("catchments").map { SchoolingTables.catchments($0, areas: areas, schools: byID, log: &log) } ?? []
        let migrants = table("migrant_children").map { SchoolingTables.migrantChildren($0, areas: areas, log: &log) } ?? []
        let sites = table("candidate_sites").map { CandidateSiteTable.read($0, areas: areas, log: &log) } ?? []
        func at(_ key: String) -> (file: String, line: Int?) { s.optimizerLocations[key] ?? (ScenarioSettings.file, nil) }
        for id in s.optimizer.keep where byID[id] == nil {
            log.unknownID(.school, id.rawValue, file: at("optimizer.keep").file, line: at("optimizer.keep").line, column: "optimizer.keep")
        }
        for id in s.optimizer.crossTownship.sorted(by: { $0.rawValue < $1.rawValue }) where !areas.isDistrict(id) {
            log.unknownID(.district, id.rawValue, file: at("optimizer.cross_township").file, line: at("optimizer.cross_township").line,
                          column: "optimizer.cross_township")
        }
        for project in s.optimizer.committed {
            switch project.work {
            case .build(let id, let kind, let classes):
                guard let site = sites.first(where: { $0.id == id }) else {
                    log.unknownID(.site, id, file: project.file, line: project.line, column: "\(project.key).build")
                    continue
                }
                if !site.allowedKinds.contains(kind) {
                    log.error(project.file, line: project.line, column: "\(project.key).kind",
                              "site \(id) does not allow a \(kind.rawValue) (its allowed_kinds: \(site.allowedKinds.map(\.rawValue).joined(separator: ";")))")
                }
                let sizes = s.optimizer.sizes[kind] ?? []
                if let classes, !sizes.contains(classes) {
                    log.error(project.file, line: project.line, column: "\(project.key).classes",
                              "\(classes) classes is not a size of \(kind.rawValue) in optimizer.sizes (\(sizes.map(String.init).joined(separator: ", ")))")
                }
            case .expand(let id, let stage, _):
                guard let school = byID[id] else {
                    log.unknownID(.school, id.rawValue, file: project.file, line: project.line, column: "\(project.key).expand")
                    continue
                }
                if !school.stages.contains(stage) || !school.isPublic {
                    log.error(project.file, line: project.line, column: "\(project.key).stage",
                              "\(id) is \(school.isPublic ? "not teaching \(stage.rawValue)" : "private: public money expands only public schools")")
                }
            }
        }
        if let year = s.optimizer.designYear, !(settings.baseYear...max(settings.baseYear, settings.horizon)).contains(year) {
            log.error(at("optimizer.design_year").file, line: at("optimizer.design_year").line, column: "optimizer.design_year",
                      "design year \(year) is outside \(settings.baseYear)–\(settings.horizon)")
        }
        if let first = s.optimizer.periods.first, let last = s.optimizer.periods.last,
           first <= settings.baseYear || last > max(settings.baseYear, settings.horizon) {
            log.error(at("optimizer.periods").file, line: at("optimizer.periods").line, column: "optimizer.periods",
                      "periods \(first)–\(last) must lie after the base year \(settings.baseYear) and by the horizon \(settings.horizon)")
        }
        if let year = s.optimizer.seatsThrough {
            let first = s.optimizer.designYear ?? settings.baseYear + 1
            if !(first...max(first, settings.horizon)).contains(year) {
                log.error(ScenarioSettings.file, column: "optimizer.seats_through",
                          "seats_through \(year) is outside \(first)–\(settings.horizon) (from the design year to the horizon)")
            }
        }
        let observed = Schooling.observedBaseYear(schools)
        for anchor in s.observedAnchors {
            if !observed {
                guard !log.anyRejected(.school) else { break }  // the rows with pupils may be the rejected ones
                log.error(ScenarioSettings.file, line: anchor.line, column: anchor.key,
                          "observed needs the base year's pupils by grade in \(settings.tables["schools"] ?? "schools.csv") (pupils_<grade> columns)")
            } else if anchor.year != settings.baseYear && settings.baseYear > 0 {  // (an unreadable base year is reported already)
                log.error(ScenarioSettings.file, line: anchor.line, column: anchor.key,
                          "observed stands for the base year \(settings.baseYear), not \(anchor.year)")
            }
        }
        if observed {
            let named = Set(catchments.map(\.school)).union(travel.minutes.values.flatMap(\.keys))
            for school in schools where (school.observed?.total ?? 0) > 0 && !named.contains(school.id)
                && (school.latitude == nil || school.longitude == nil) {
                log.warning(settings.tables["schools"] ?? "schools.csv", column: "lat",
                            "school \(school.id) has no coordinates, travel times or catchment: its base-year pupils are attributed to the areas of district \(school.district) alike")
            }
        }
        let history = table("enrollment_history").map {
            SchoolingTables.history($0, schools: byID, baseYear: settings.baseYear, progression: s.methodName == "grade_progression", log: &log)
        } ?? []
        let attendance = table("attendance").map { BaseYearTables.attendance($0, areas: areas, schools: byID, observed: observed, log: &log) } ?? []
        let outOfCounty = table("out_of_county").map { BaseYearTables.outOfCounty($0, log: &log) } ?? []
        let method: EnrollmentMethod
        if s.methodName == "grade_progression" {
            if settings.tables["enrollment_history"] == nil {
                log.error(ScenarioSettings.file, line: s.methodLine, column: "enrollment.method",
                          "grade_progression needs an enrollment history: name it under tables.enrollment_history")
                return nil
            }
            method = .gradeProgression(GradeProgressionSettings(fit: s.fit))
        } else {
            method = .rates(s.rates)
        }
        if schools.isEmpty { log.warning(settings.tables["schools"] ?? "schools", "no schools: every pupil is a seat short") }
        return Schooling(schools: schools, method: method, calendar: s.calendar, classSizes: s.classSizes, sizeCeilings: s.sizeCeilings,
                         catchments: catchments, travel: travel, migrantChildren: migrants, warnings: s.warnings, targets: s.targets,
                         candidateSites: sites, optimizer: s.optimizer, history: history, attendance: attendance,
                         attendanceModel: s.attendanceModel, outOfCounty: outOfCounty, staffing: s.staffing)
    }

    /// The table `name` of `scenario.yaml`'s `tables`, read; nil when not named or unreadable (logged).
    /// The table named `tables.NAME`; a file that does not exist is reported where it is named, and a
    /// table of ids that cannot be read keeps every reference to its ids from being reported again.
    private static func readTable(_ name: String, _ settings: ScenarioSettings, _ folder: URL, _ log: inout DiagnosticLog) -> CSVTable? {
        guard let path = settings.tables[name] else { return nil }
        let url = folder.appendingPathComponent(path)
        let table: CSVTable?
        if FileManager.default.fileExists(atPath: url.path) {
            table = CSVTable.read(url, file: path, log: &log)
        } else {
            let at = settings.tableLocations[name] ?? (ScenarioSettings.file, nil)
            log.report(.fileNotFound(path: url.path), at: Location(at.file, line: at.line, column: "tables.\(name)"))
            table = nil
        }
        if table == nil, let kind = ["districts": ScenarioProblem.IDKind.district, "communities": .community, "schools": .school][name] { log.unreadable(kind) }
        return table
    }

    /// Every district needs a fertility and a mortality schedule: its own or the county's.
    private static func checkRatesCover(areas: AreaRegistry, mortality: Mortality?, fertility: Fertility?,
                                        settings: ScenarioSettings, log: inout DiagnosticLog) {
        if let mortality, mortality.countySeries == nil {
            let uncovered = areas.districts.filter { mortality.districtSeries[$0.id] == nil }.map(\.id.rawValue)
            if !uncovered.isEmpty, !mortality.districtSeries.isEmpty {
                log.error(settings.tables["mortality"] ?? "mortality", column: "district",
                          "no life table for districts \(uncovered.joined(separator: ", ")) and no county-wide rows (rows with an empty district) to fall back on")
            }
        }
        if let fertility, fertility.countySeries == nil {
            let uncovered = areas.districts.filter { fertility.districtSeries[$0.id] == nil }.map(\.id.rawValue)
            if !uncovered.isEmpty {
                log.error(settings.tables["fertility"] ?? "fertility", column: "district",
                          "no fertility rates for districts \(uncovered.joined(separator: ", ")) and no county-wide rows to fall back on")
            }
        }
    }

    /// A warning when age 0, split from age groups, is far from the births the fertility rates imply:
    /// `B = Σ_areas Σₓ fₓ · Wₓ` (women at each age in the base year × the base year's ASFR, rescaled
    /// to the TFR path), survived to the count as `L₀/l₀`; off by more than a third either way.
    private static func checkAgeZero(_ scenario: Scenario, split: [AreaID: Int], file: String, log: inout DiagnosticLog) {
        let base = scenario.baseYear
        var ageZero = 0.0, expected = 0.0
        let factor = scenario.tfrScale(year: base)
        for (i, id) in scenario.population.areas.enumerated() where split[id] != nil {
            guard let district = scenario.district(of: id), let asfr = scenario.fertility.series(for: district.id)?.value(in: base).asfr,
                  let tables = scenario.mortality.schedules(for: district.id, year: base, baseYear: base) else { continue }
            let block = scenario.population.block(i)
            let births = Ages.reproductive.reduce(0.0) { $0 + asfr[$1] * factor * block[block.startIndex + Ages.index(.female, $1)] }
            let srb = scenario.sexRatioAtBirth.value(in: base)
            let survival = Sex.allCases.map { sex -> Double in
                let t = tables[sex.rawValue].lifeTable(radix: 1)
                return t.personYears[0] / t.survivors[0]
            }
            expected += births * (srb * survival[Sex.male.rawValue] + survival[Sex.female.rawValue]) / (1 + srb)
            ageZero += Sex.allCases.reduce(0.0) { $0 + block[block.startIndex + Ages.index($1, 0)] }
        }
        guard expected > 0, ageZero / expected < 0.75 || ageZero / expected > 4.0 / 3 else { return }
        log.warning(file, line: split.values.min(), column: "age",
                    "splitting the age groups gives \(grouped(ageZero)) children aged 0; the fertility rates imply about \(grouped(expected)) "
                    + "(women aged 15–49 × ASFR in \(base), survived to the count): check the rates, or give age 0 on a row of its own")
    }

    /// A note when the urbanization path's base-year value differs from the base population's share.
    private static func noteUrbanStart(_ scenario: Scenario, _ u: Urbanization, log: inout DiagnosticLog) {
        var urban = 0.0
        for (i, id) in scenario.population.areas.enumerated() {
            if let kind = scenario.district(of: id)?.kind, u.urbanKinds.contains(kind) { urban += scenario.population.block(i).reduce(0, +) }
        }
        let total = scenario.population.total
        guard total > 0 else { return }
        let share = urban / total
        let path = u.rate.value(in: scenario.baseYear)
        if abs(share - path) > 0.005 {
            log.note(ScenarioSettings.file, column: "urbanization.rate",
                     "the base population is \(String(format: "%.1f", share * 100))% urban; the path gives \(String(format: "%.1f", path * 100))% in \(scenario.baseYear). Flows follow the path from \(scenario.baseYear + 1) on")
        }
    }
}
