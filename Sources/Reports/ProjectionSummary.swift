import PopulationProjection
import ScenarioModel

/// The terminal summary of `seatplan project`: county totals by year — population, births and the
/// school-age groups 3–5 (学前), 6–11 (小学), 12–14 (初中) and 15–17 (高中).
public enum ProjectionSummary {
    /// School-age groups as they appear in the summary.
    public static let schoolAges: [(label: String, ages: ClosedRange<Int>)] = [
        ("3–5 学前", 3...5), ("6–11 小学", 6...11), ("12–14 初中", 12...14), ("15–17 高中", 15...17),
    ]

    public static func render(_ projection: Projection, scenario: Scenario) -> String {
        var table = TextTable(header: ["year 年份", "total 总人口", "births 出生"] + schoolAges.map(\.label))
        for year in projection.years {
            let births = year < projection.years.upperBound ? grouped(projection.countyComponents(from: year).births) : "—"
            table.add([String(year), grouped(projection.total(year: year)), births]
                      + schoolAges.map { grouped(projection.total(year: year, ages: $0.ages)) })
        }
        let title = "\(scenario.name) · population projection 人口预测 \(projection.years.lowerBound)–\(projection.years.upperBound)"
            + " · \(scenario.districts.count) districts, \(scenario.communities.count) communities"
        return title + "\n" + table.render() + "\nbirths 出生 in row t: born between the counts of year t and year t+1. Persons rounded to whole numbers."
    }
}
