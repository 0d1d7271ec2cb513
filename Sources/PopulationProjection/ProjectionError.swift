import Demography
import ScenarioModel

/// Why a projection could not be completed, in planners' terms.
public enum ProjectionError: Error, Equatable, CustomStringConvertible {
    /// A district has neither its own schedule nor a county one.
    case missingRates(district: AreaID, table: String)

    public var description: String {
        switch self {
        case let .missingRates(district, table):
            return "district \(district) has no \(table) schedule and there is no county-wide one to fall back on"
        }
    }
}
