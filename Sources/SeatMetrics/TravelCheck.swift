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

    /// Empty when demand came from school records (pupils are not sent from areas).
    public static func compute(_ allocation: Allocation, scenario: Scenario, limitMinutes: Double) -> [TravelRow] {
        guard allocation.hasFlows else { return [] }
        let demand = allocation.demand
        let districtOf = scenario.districtOfArea
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
                            for flow in allocation.flows(year: year, area: a, slot: slot) {
                                pupils += flow.pupils
                                if let m = flow.minutes { if m > limitMinutes { beyond += flow.pupils } } else { unknown += flow.pupils }
                            }
                        }
                    }
                    rows.append(TravelRow(district: district.id, year: year, group: group, pupils: pupils, beyondLimit: beyond, unknown: unknown))
                }
            }
        }
        return rows
    }
}
