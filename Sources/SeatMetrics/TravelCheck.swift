import SchoolAllocation
import ScenarioModel

/// Travel for the youngest (国办发〔2018〕27号): by district and year, the pupils of grades 1–3 and of
/// kindergarten whose assigned school lies beyond the one-way limit (default 30 minutes).
public struct TravelRow: Sendable, Equatable {
    public enum Group: String, Sendable {
        case kindergarten
        case grades1to3 = "grades_1_3"

        public var nameZH: String { self == .kindergarten ? "幼儿园" : "小学1–3年级" }
    }

    public let district: AreaID
    public let year: Int
    public let group: Group
    public let pupils: Double
    public let beyondLimit: Double
    /// Pupils whose travel time is unknown (no coordinates or travel time).
    public let unknown: Double

    public var share: Double? { pupils > 0 ? beyondLimit / pupils : nil }

    /// Empty when demand came from school records (no assignment of areas to schools).
    public static func compute(_ allocation: Allocation, scenario: Scenario, limitMinutes: Double) -> [TravelRow] {
        guard !allocation.assignment.isEmpty else { return [] }
        let demand = allocation.demand
        let districtOf = Dictionary(uniqueKeysWithValues:
            scenario.communities.map { ($0.id, $0.district) } + scenario.districts.map { ($0.id, $0.id) })
        let groups: [(Group, [Slot])] = [
            (.kindergarten, Stage.kindergarten.grades.map { Slot(.kindergarten, $0) }),
            (.grades1to3, (1...3).map { Slot(.primary, Grade(number: $0)) }),
        ]
        var rows: [TravelRow] = []
        for year in allocation.years {
            for district in scenario.districts {
                for (group, slots) in groups {
                    var pupils = 0.0, beyond = 0.0, unknown = 0.0
                    for (a, area) in demand.areas.enumerated() where (districtOf[area] ?? area) == district.id {
                        for slot in slots {
                            let n = demand.pupils(year: year, area: a, slot: slot)
                            guard n > 0 else { continue }
                            pupils += n
                            let k = allocation.areaOffset(year: year, area: a) + slot.index
                            guard allocation.assignment[k] != nil else { continue }
                            if let m = allocation.minutes[k] { if m > limitMinutes { beyond += n } } else { unknown += n }
                        }
                    }
                    rows.append(TravelRow(district: district.id, year: year, group: group, pupils: pupils, beyondLimit: beyond, unknown: unknown))
                }
            }
        }
        return rows
    }
}
