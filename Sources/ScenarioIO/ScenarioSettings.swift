import Demography
import Foundation
import ScenarioModel
import Yams

/// What `scenario.yaml` says, read and range-checked; area ids are checked later against the tables.
struct ScenarioSettings {
    static let file = "scenario.yaml"
    static let requiredTables = ["districts", "population", "fertility", "mortality"]
    static let optionalTables = ["communities", "migration", "housing", "schools", "catchments", "travel_times",
                                 "migrant_children", "enrollment_history", "candidate_sites", "attendance", "out_of_county"]

    var name = ""
    var baseYear = 0
    var horizon = 0
    var sexRatioAtBirth = YearPath(constant: 1.05)
    /// Table name → path relative to the scenario folder.
    var tables: [String: String] = [:]
    var tfrPath: YearPath?
    var improvementRate = 0.0
    /// `mortality.open_rate`: the death rate of the open age group 100+ by sex, for qx and lx tables.
    var openRate: [Sex: Double] = [:]
    var netTotals: [(area: AreaID, path: YearPath, line: Int?)] = []
    var netRates: [(area: AreaID, path: YearPath, line: Int?)] = []
    var migrationProfile = RogersCastro.fundamental
    var urbanization: Urbanization?
    var housingProfile = RogersCastro.fundamental
    var uncertainty = Uncertainty()
    var schooling = SchoolingSettings()
    /// Lines of the school keys given, to warn when there is no schools table.
    var schoolingKeyLines: [String: Int?] = [:]
    /// Where each table is named (`tables.NAME`), for a file that cannot be found.
    var tableLocations: [String: (file: String, line: Int?)] = [:]

    /// Reads the settings; `nil` when the file is missing or not YAML (logged).
    static func read(folder: URL, options: ScenarioOptions = .none, log: inout DiagnosticLog) -> ScenarioSettings? {
        let url = folder.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.error(file, "file not found: a scenario folder must contain scenario.yaml (looked in \(folder.path))")
            return nil
        }
        guard var text = String(data: data, encoding: .utf8) else {
            log.report(.notUTF8(csv: false), at: Location(file))
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                log.report(.emptyFile(csv: false), at: Location(file))
                return nil
            }
            root = node
        } catch {
            YAMLValue.report(error, in: text, file: file, log: &log)
            return nil
        }
        guard let (changed, origins) = OverrideApplication.apply(options, to: root, file: file, log: &log),
              let entries = YAMLValue(node: changed, key: "", file: file, origins: origins).mapping(log: &log) else { return nil }
        var s = ScenarioSettings()
        s.read(entries, folder: folder, log: &log)
        return s
    }

    private mutating func read(_ entries: [(key: String, value: YAMLValue)], folder: URL, log: inout DiagnosticLog) {
        let f = Self.file
        YAMLValue.warnUnknown(entries, allowed: Set(["name", "description", "base_year", "horizon", "sex_ratio_at_birth", "tables",
                                                     "fertility", "mortality", "migration", "urbanization", "housing", "variants", "uncertainty"])
                                                 .union(SchoolingSettings.keys), log: &log)
        let map = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        if let v = map["name"] { name = v.string(log: &log) ?? "" } else {
            name = folder.lastPathComponent
            log.note(f, column: "name", "no name given; using the folder name \"\(name)\"")
        }
        for key in ["base_year", "horizon"] where map[key] == nil {
            log.report(.requiredKey(key, hint: ""), at: Location(f, column: key))
        }
        if let v = map["base_year"] { baseYear = v.integer(1950...2100, "base_year", log: &log) ?? 0 }
        if let v = map["horizon"] { horizon = v.integer(1950...2200, "horizon", log: &log) ?? 0 }
        if baseYear > 0, horizon > 0 {
            if horizon <= baseYear {
                log.error(map["horizon"]?.file ?? f, line: map["horizon"]?.line, column: "horizon",
                          "horizon \(horizon) is not after base_year \(baseYear); the horizon is the last projected year")
            } else if horizon - baseYear > 100 {
                log.error(map["horizon"]?.file ?? f, line: map["horizon"]?.line, column: "horizon", "horizon is \(horizon - baseYear) years after base_year; at most 100 are allowed")
            }
        }
        if let v = map["sex_ratio_at_birth"] {
            sexRatioAtBirth = v.yearPath(.within(0.8...1.5), "the sex ratio at birth (males per female birth)", years: pathYears, log: &log) ?? sexRatioAtBirth
        } else {
            log.note(f, column: "sex_ratio_at_birth", "not given; using 1.05 males per female birth")
        }
        readTables(map["tables"], log: &log)
        if let v = map["fertility"], let e = v.mapping(log: &log) {
            YAMLValue.warnUnknown(e, allowed: ["tfr"], log: &log)
            for (k, x) in e where k == "tfr" { tfrPath = x.yearPath(.within(0...10), "the total fertility rate", years: pathYears, log: &log) }
        }
        if let v = map["mortality"], let e = v.mapping(log: &log) {
            YAMLValue.warnUnknown(e, allowed: ["improvement", "open_rate"], log: &log)
            for (k, x) in e {
                if k == "improvement" {
                    improvementRate = x.number(.within(-0.05...0.1), "the yearly mortality improvement rate", log: &log) ?? 0
                } else if k == "open_rate" {
                    let what = "the death rate of the open age group 100+"
                    if x.node.mapping != nil {
                        for (code, y) in x.mapping(log: &log) ?? [] {
                            guard let sex = Sex(code: code) else {
                                log.report(.notASex(code), at: Location(y.file, line: y.line, column: y.key))
                                continue
                            }
                            if let v = y.number(.within(0.01...10), what, log: &log) { openRate[sex] = v }
                        }
                    } else if let v = x.number(.within(0.01...10), what, log: &log) {
                        for sex in Sex.allCases { openRate[sex] = v }
                    }
                }
            }
        }
        if let v = map["uncertainty"] { uncertainty = UncertaintySettingsReader.read(v, log: &log) }
        if let v = map["migration"] { readMigration(v, log: &log) }
        if let v = map["urbanization"] { readUrbanization(v, log: &log) }
        schooling = SchoolingSettings.read(map, log: &log)
        for key in SchoolingSettings.keys { if let v = map[key] { schoolingKeyLines[key] = v.line } }
        if let v = map["housing"], let e = v.mapping(log: &log) {
            YAMLValue.warnUnknown(e, allowed: ["profile"], log: &log)
            for (k, x) in e where k == "profile" { housingProfile = Self.profile(x, log: &log) ?? housingProfile }
        }
    }

    /// The years a path may name: 30 before the base year (a census point) to 100 after it (the
    /// longest horizon).
    private var pathYears: ClosedRange<Int> { baseYear > 0 ? (baseYear - 30)...(baseYear + 100) : 1900...2200 }

    private mutating func readTables(_ value: YAMLValue?, log: inout DiagnosticLog) {
        guard let value else {
            log.report(.requiredKey("tables", hint: "it names the CSV files"), at: Location(Self.file, column: "tables"))
            return
        }
        guard let entries = value.mapping(log: &log) else { return }
        YAMLValue.warnUnknown(entries, allowed: Set(Self.requiredTables + Self.optionalTables), log: &log)
        for (k, v) in entries {
            if let path = v.string(log: &log) {
                tables[k] = path
                tableLocations[k] = (v.file, v.line)
            }
        }
        for name in Self.requiredTables where tables[name] == nil {
            log.error(Self.file, line: value.line, column: "tables.\(name)", "required table \"\(name)\" is not named under tables")
        }
    }

    private mutating func readMigration(_ value: YAMLValue, log: inout DiagnosticLog) {
        guard let entries = value.mapping(log: &log) else { return }
        YAMLValue.warnUnknown(entries, allowed: ["net_per_year", "net_rate", "profile"], log: &log)
        for (k, v) in entries {
            if k == "profile" { migrationProfile = Self.profile(v, log: &log) ?? migrationProfile }
            if k == "net_rate", let areas = v.mapping(log: &log) {
                for (area, x) in areas {
                    if let path = x.yearPath(.within(-0.2...0.2), "a net migration rate (net migrants per resident per year)", years: pathYears, log: &log) {
                        netRates.append((AreaID(area), path, x.line))
                    }
                }
            }
            if k == "net_per_year", let areas = v.mapping(log: &log) {
                for (area, x) in areas {
                    if let path = x.yearPath(.within(-1e7...1e7), "net migrants per year", years: pathYears, log: &log) {
                        netTotals.append((AreaID(area), path, x.line))
                    }
                }
            }
        }
    }

    private mutating func readUrbanization(_ value: YAMLValue, log: inout DiagnosticLog) {
        guard let entries = value.mapping(log: &log) else { return }
        YAMLValue.warnUnknown(entries, allowed: ["rate", "urban_kinds", "profile"], log: &log)
        let map = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let rateValue = map["rate"] else {
            log.error(Self.file, line: value.line, column: "urbanization.rate", "urbanization needs a rate path, e.g. rate: {2024: 0.35, 2035: 0.50}")
            return
        }
        guard let rate = rateValue.yearPath(.unitInterval, "the urbanization rate (urban share of the population)", years: pathYears, log: &log) else { return }
        var kinds = Urbanization.defaultUrbanKinds
        if let k = map["urban_kinds"] {
            if let seq = k.node.sequence {
                kinds = []
                for item in seq {
                    let text = item.scalar?.string ?? ""
                    if let kind = DistrictKind(rawValue: text) { kinds.insert(kind) } else {
                        log.error(Self.file, line: item.mark?.line, column: "urbanization.urban_kinds",
                                  "\"\(text)\" is not a district kind (\(DistrictKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                }
            } else {
                log.error(Self.file, line: k.line, column: k.key, "expected a list such as [county_seat, street]")
            }
        }
        let profile = map["profile"].flatMap { Self.profile($0, log: &log) } ?? .fundamental
        urbanization = Urbanization(rate: rate, urbanKinds: kinds, profile: profile)
    }

    /// A Rogers–Castro profile: any of a1, alpha1, a2, alpha2, mu2, lambda2, c; the rest default to
    /// the fundamental parameters.
    static func profile(_ value: YAMLValue, log: inout DiagnosticLog) -> RogersCastro? {
        guard let entries = value.mapping(log: &log) else { return nil }
        var p = RogersCastro.fundamental
        let fields: [(String, WritableKeyPath<RogersCastro, Double>, Bounds)] = [
            ("a1", \.a1, .nonNegative), ("alpha1", \.alpha1, .nonNegative), ("a2", \.a2, .nonNegative),
            ("alpha2", \.alpha2, .nonNegative), ("mu2", \.mu2, .within(0...100)), ("lambda2", \.lambda2, .nonNegative),
            ("c", \.c, .nonNegative),
        ]
        YAMLValue.warnUnknown(entries, allowed: Set(fields.map(\.0)), log: &log)
        var ok = true
        for (name, path, bounds) in fields {
            guard let entry = entries.first(where: { $0.key == name }) else { continue }
            if let v = entry.value.number(bounds, "Rogers–Castro parameter \(name)", log: &log) { p[keyPath: path] = v } else { ok = false }
        }
        if ok, p.rate(at: 0) + p.rate(at: 25) + p.rate(at: 60) <= 0 {
            log.error(value.file, line: value.line, column: value.key, "the profile is zero at every age; raise a1, a2 or c")
            return nil
        }
        return ok ? p : nil
    }
}
