import Foundation

/// Travel minutes from areas to schools.
///
/// A time in `travel_times.csv` is used as given. Otherwise
/// ```
/// minutes = great-circle distance (km) × detour factor ÷ speed (km/h) × 60
/// ```
/// with the haversine distance on a sphere of radius 6371.0088 km (the IUGG mean Earth radius).
/// An area's location is its community's coordinates; a district's is the mean of its communities'
/// coordinates, or of its schools' when its communities have none.
public struct TravelModel: Sendable {
    public static let earthRadiusKm = 6371.0088

    private let settings: TravelSettings
    private let areaLocation: [AreaID: (lat: Double, lon: Double)]

    public init(scenario: Scenario, schools: [School], travel: TravelSettings) {
        settings = travel
        var location: [AreaID: (lat: Double, lon: Double)] = [:]
        for c in scenario.communities {
            if let lat = c.latitude, let lon = c.longitude { location[c.id] = (lat, lon) }
        }
        for d in scenario.districts {
            let points = scenario.communities.filter { $0.district == d.id }.compactMap { c in location[c.id] }
            let fallback = schools.filter { $0.district == d.id }.compactMap { s -> (lat: Double, lon: Double)? in
                guard let lat = s.latitude, let lon = s.longitude else { return nil }
                return (lat, lon)
            }
            let use = points.isEmpty ? fallback : points
            if !use.isEmpty {
                location[d.id] = (use.map(\.lat).reduce(0, +) / Double(use.count), use.map(\.lon).reduce(0, +) / Double(use.count))
            }
        }
        areaLocation = location
    }

    /// Haversine great-circle distance in km.
    public static func greatCircleKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = Double.pi / 180
        let dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * r) * cos(lat2 * r) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, a.squareRoot()))
    }

    /// Road kilometres (great circle × detour) from an area to a school, when both have locations.
    public func kilometres(from area: AreaID, to school: School) -> Double? {
        guard let a = areaLocation[area], let lat = school.latitude, let lon = school.longitude else { return nil }
        return Self.greatCircleKm(a.lat, a.lon, lat, lon) * settings.detourFactor
    }

    /// Minutes from an area to a school; nil when neither a travel time nor both locations are known.
    public func minutes(from area: AreaID, to school: School) -> Double? {
        if let m = settings.minutes[area]?[school.id] { return m }
        return kilometres(from: area, to: school).map { $0 / settings.speedKmh * 60 }
    }
}
