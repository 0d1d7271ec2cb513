import Demography
import PopulationProjection
import ScenarioModel

/// A two-district county built by hand for the seat-gap tests. Children's ages are counted at the
/// school-year cut-off (φ = 0), so grade g's children are exactly the population at one age.
enum ToyCounty {
    /// Village A1 (in town district D1) has 100 children at every age 3–17 (50 of each sex), village
    /// A2 (in township D2) 40, in 2024 and 2025.
    static func projection(perAge a1: Double = 100, _ a2: Double = 40) -> Projection {
        var counts: [Double] = []
        for _ in 0..<2 {
            for perAge in [a1, a2] {
                for _ in Sex.allCases {
                    counts += (0...Ages.open).map { (3...17).contains($0) ? perAge / 2 : 0 }
                }
            }
        }
        return Projection(years: 2024...2025, areas: ["A1", "A2"], areaDistricts: ["D1", "D2"], counts: counts,
                          components: [StepComponents(), StepComponents()])
    }

    static let scenario = Scenario(
        name: "toy", baseYear: 2024, horizon: 2025,
        districts: [District(id: "D1", name: "镇", kind: .town), District(id: "D2", name: "乡", kind: .township)],
        communities: [Community(id: "A1", district: "D1", name: "镇区", kind: .neighborhood, latitude: 23.0, longitude: 102.0),
                      Community(id: "A2", district: "D2", name: "山村", kind: .naturalVillage, latitude: 23.1, longitude: 102.1)],
        population: BasePopulation(areas: ["A1", "A2"], counts: [Double](repeating: 0, count: 2 * Ages.perArea)),
        fertility: Fertility(county: nil), mortality: Mortality(county: nil))

    /// S1: a primary school (grades 1–6, 12 classrooms) and S3: a junior school (7–9, 4 classrooms),
    /// both in A1; S2: a teaching point (1–3, 2 classrooms) in A2.
    static let schools = [
        School(id: "S1", name: "镇中心小学", district: "D1", community: "A1", kind: .primary, grades: (1...6).map { Grade(number: $0) },
               classrooms: [.primary: 12], latitude: 23.0, longitude: 102.0),
        School(id: "S2", name: "山村教学点", district: "D2", community: "A2", kind: .teachingPoint, grades: (1...3).map { Grade(number: $0) },
               classrooms: [.primary: 2], latitude: 23.1, longitude: 102.1),
        School(id: "S3", name: "镇中学", district: "D1", community: "A1", kind: .junior, grades: (7...9).map { Grade(number: $0) },
               classrooms: [.junior: 4], latitude: 23.0, longitude: 102.0),
    ]

    static func schooling(catchments: [Catchment] = [], schools: [School] = ToyCounty.schools) -> Schooling {
        Schooling(schools: schools,
                  method: .rates(EnrollmentRates(kindergarten: .constant(0.9), senior: .constant(0))),
                  calendar: SchoolCalendar(shiftToNextAge: 0), catchments: catchments)
    }
}
