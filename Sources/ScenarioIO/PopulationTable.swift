import Demography
import ScenarioModel

/// `population.csv`: `area,sex,age,population` — base-year counts by district or community, sex
/// (`M`/`F`) and age. Ages are single years 0–100 (100 = 100+) or groups (`0-4`, `85+`), split into
/// single years by `AgeGroupSplitter` (open groups by the district's life table).
///
/// For each district, counts are given either for the district itself or for its communities,
/// never both; communities of such a district that have no rows are projected from zero.
enum PopulationTable {
    private struct Entry {
        let group: AgeGroup
        let count: Double
        let line: Int
    }

    /// The base population, and the areas whose age 0 was split from a group (with the group's line).
    static func read(_ table: CSVTable, areas: AreaRegistry, mortality: Mortality?, baseYear: Int,
                     log: inout DiagnosticLog) -> (population: BasePopulation, splitAgeZero: [AreaID: Int])? {
        guard table.require(["area", "sex", "age", "population"], log: &log) else { return nil }
        var entries: [AreaID: [[Entry]]] = [:]  // area → by sex
        var firstLine: [AreaID: Int] = [:]
        var rejected = false  // a row was rejected with an error: the gaps it leaves are not reported again
        for row in table.rows {
            guard let areaText = table.text(row, "area", log: &log) else { rejected = true; continue }
            let area = AreaID(areaText)
            guard areas.isKnown(area) else {
                log.unknownID(.area, area.rawValue, file: table.file, line: row.line, column: "area")
                rejected = true
                continue
            }
            guard let sexText = table.text(row, "sex", log: &log) else { rejected = true; continue }
            guard let sex = Sex(code: sexText) else {
                log.report(.notASex(sexText), at: Location(table.file, line: row.line, column: "sex"))
                rejected = true
                continue
            }
            let group = table.text(row, "age", log: &log).flatMap { text in
                AgeLabel.parse(text) ?? {
                    log.error(table.file, line: row.line, column: "age", "\"\(text)\" is not an age (0–100) or an age group like 0-4 or 85+")
                    return nil
                }()
            }
            let count = table.number(row, "population", .people, "a population count", log: &log)
            guard let group, let count else {
                rejected = true
                continue
            }
            var bySex = entries[area] ?? [[], []]
            if let same = bySex[sex.rawValue].first(where: { $0.group.lower == group.lower }) {
                log.report(.givenTwice(what: "area \(area), sex \(sex.code), age \(group)", firstLine: same.line), at: Location(table.file, line: row.line, column: "age"))
                rejected = true
                continue
            }
            bySex[sex.rawValue].append(Entry(group: group, count: count, line: row.line))
            entries[area] = bySex
            firstLine[area] = firstLine[area] ?? row.line
        }

        var leaves: [AreaID] = []
        var counts: [Double] = []
        var splitAny = false
        var splitAgeZero: [AreaID: Int] = [:]
        for district in areas.districts {
            let communities = areas.communities(of: district.id)
            let withRows = communities.filter { entries[$0.id] != nil }
            let own = entries[district.id] != nil
            if own && !withRows.isEmpty {
                log.error(table.file, line: firstLine[district.id], column: "area",
                          "population is given both for district \(district.id) and for its communities (\(withRows.prefix(3).map(\.id.rawValue).joined(separator: ", "))…); give one or the other")
                continue
            }
            if !own && withRows.isEmpty {
                log.error(table.file, column: "area", "district \(district.id) (\(district.name)) has no population rows, neither its own nor its communities'")
                continue
            }
            let areaIDs = own ? [district.id] : communities.map(\.id)
            for id in areaIDs {
                let weights = mortality?.schedules(for: district.id, year: baseYear, baseYear: baseYear).map { $0.map { $0.lifeTable().personYears } }
                guard let bySex = entries[id] else {
                    log.warning(table.file, column: "area", "community \(id) has no population rows; it is projected from zero (only migration and housing can fill it)")
                    leaves.append(id)
                    counts += [Double](repeating: 0, count: Ages.perArea)
                    continue
                }
                var block: [Double] = []
                for sex in Sex.allCases {
                    let rows = bySex[sex.rawValue]
                    guard !rows.isEmpty else {
                        log.error(table.file, line: firstLine[id], column: "sex", "area \(id) has no rows for sex \(sex.code)")
                        block += [Double](repeating: 0, count: Ages.count)
                        continue
                    }
                    if rows.contains(where: { $0.group.upper != $0.group.lower && !($0.group.lower == Ages.open && $0.group.isOpen) }) { splitAny = true }
                    if let zero = rows.first(where: { $0.group.lower == 0 && $0.group.upper != 0 }) { splitAgeZero[id] = splitAgeZero[id] ?? zero.line }
                    do {
                        let w = weights?[sex.rawValue] ?? [Double](repeating: 1, count: Ages.count)
                        block += try AgeGroupSplitter.split(rows.map { ($0.group, $0.count) }, openAge: Ages.open, openGroupWeights: w)
                    } catch {
                        // Reported at the row that breaks the sequence (the first starting at or after the age
                        // where it breaks), and only when no row of the file was rejected: a rejected row
                        // leaves a gap that is not a second problem.
                        if !rejected {
                            let age: Int
                            if case .notContiguous(let a) = error { age = a } else { age = 0 }
                            let sorted = rows.sorted { ($0.group.lower, $0.line) < ($1.group.lower, $1.line) }
                            let line = (sorted.first { $0.group.lower >= age } ?? sorted.last)?.line
                            log.error(table.file, line: line, column: "age", "area \(id), sex \(sex.code): \(error)")
                        }
                        block += [Double](repeating: 0, count: Ages.count)
                    }
                }
                leaves.append(id)
                counts += block
            }
        }
        if splitAny {
            log.note(table.file, column: "age", "age groups were split into single years (monotone Steffen spline on the cumulative count; open groups by the life table's Lx)")
        }
        guard !leaves.isEmpty else { return nil }
        return (BasePopulation(areas: leaves, counts: counts), splitAgeZero)
    }
}
