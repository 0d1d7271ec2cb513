import Demography
import ScenarioModel

/// Why a projection could not be completed, in planners' terms.
public enum ProjectionError: Error, Equatable, CustomStringConvertible {
    /// Net out-migration took more people from a cohort than live in it.
    case negativePopulation(area: AreaID, year: Int, sex: Sex, age: Int, value: Double)
    /// A district has neither its own schedule nor a county one.
    case missingRates(district: AreaID, table: String)

    public var description: String {
        switch self {
        case let .negativePopulation(area, year, sex, age, value):
            let shown = (value * 10).rounded() / 10
            return "population of area \(area), sex \(sex.code), age \(age) would fall to \(shown) in \(year): "
                + "net migration (migration table, yearly totals, urbanization flows or housing origins) "
                + "takes more people than live there; reduce the outflow"
        case let .missingRates(district, table):
            return "district \(district) has no \(table) schedule and there is no county-wide one to fall back on"
        }
    }
}
