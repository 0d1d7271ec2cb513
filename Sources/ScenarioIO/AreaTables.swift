import ScenarioModel

/// The county's areas from `districts.csv` and `communities.csv`, with lookups by id.
struct AreaRegistry {
    private(set) var districts: [District] = []
    private(set) var communities: [Community] = []
    private(set) var districtIndex: [AreaID: Int] = [:]
    private(set) var communityIndex: [AreaID: Int] = [:]

    func isDistrict(_ id: AreaID) -> Bool { districtIndex[id] != nil }
    func isKnown(_ id: AreaID) -> Bool { districtIndex[id] != nil || communityIndex[id] != nil }

    /// The district an area id belongs to.
    func district(of id: AreaID) -> AreaID? {
        if districtIndex[id] != nil { return id }
        return communityIndex[id].map { communities[$0].district }
    }

    /// Communities of a district, in file order.
    func communities(of district: AreaID) -> [Community] { communities.filter { $0.district == district } }

    /// `districts.csv`: `id,name,kind`.
    mutating func readDistricts(_ table: CSVTable, log: inout DiagnosticLog) {
        guard table.require(["id", "name", "kind"], log: &log) else { return log.unreadable(.district) }
        var firstLine: [AreaID: Int] = [:]
        for row in table.rows {
            guard let id = table.text(row, "id", log: &log).map({ AreaID($0) }) else {
                // A row without its id: what refers to it cannot be told from a typo.
                log.unreadable(.district)
                continue
            }
            let name = table.cell(row, "name")
            if name.isEmpty { log.warning(table.file, line: row.line, column: "name", "district \(id) has no name") }
            guard let kindText = table.text(row, "kind", log: &log) else { log.rejected(.district, id.rawValue); continue }
            guard let kind = DistrictKind(rawValue: kindText) else {
                log.error(table.file, line: row.line, column: "kind",
                          "\"\(kindText)\" is not a district kind; use one of \(DistrictKind.allCases.map { "\($0.rawValue) (\($0.nameZH))" }.joined(separator: ", "))")
                log.rejected(.district, id.rawValue)
                continue
            }
            if let first = firstLine[id] {
                log.report(.duplicateID(.district, id: id.rawValue, firstLine: first), at: Location(table.file, line: row.line, column: "id"))
                log.unreadable(.district)  // the row's own id is not known, so no reference is reported as unknown
                continue
            }
            firstLine[id] = row.line
            districtIndex[id] = districts.count
            districts.append(District(id: id, name: name, kind: kind))
        }
        if districts.isEmpty, table.rows.isEmpty { log.error(table.file, "no districts: the county needs at least one") }
    }

    /// `communities.csv`: `id,district,name,kind,lat,lon` (lat/lon may be empty).
    mutating func readCommunities(_ table: CSVTable, log: inout DiagnosticLog) {
        guard table.require(["id", "district", "name", "kind"], log: &log) else { return log.unreadable(.community) }
        var firstLine: [AreaID: Int] = [:]
        for row in table.rows {
            guard let id = table.text(row, "id", log: &log).map({ AreaID($0) }) else {
                log.unreadable(.community)
                continue
            }
            guard let district = table.text(row, "district", log: &log).map({ AreaID($0) }) else { log.rejected(.community, id.rawValue); continue }
            var ok = true
            if districtIndex[district] == nil {
                log.unknownID(.district, district.rawValue, file: table.file, line: row.line, column: "district")
                ok = false
            }
            if districtIndex[id] != nil {
                log.error(table.file, line: row.line, column: "id", "community id \(id) is also a district id; ids must be unique")
                ok = false
            }
            if let first = firstLine[id] {
                log.report(.duplicateID(.community, id: id.rawValue, firstLine: first), at: Location(table.file, line: row.line, column: "id"))
                log.unreadable(.community)  // the row's own id is not known, so no reference is reported as unknown
                ok = false
            }
            let kindText = table.text(row, "kind", log: &log) ?? ""
            let kind = CommunityKind(rawValue: kindText)
            if kind == nil, !kindText.isEmpty {
                log.error(table.file, line: row.line, column: "kind",
                          "\"\(kindText)\" is not a community kind; use one of \(CommunityKind.allCases.map { "\($0.rawValue) (\($0.nameZH))" }.joined(separator: ", "))")
            }
            let lat = table.column("lat") == nil ? .some(nil) : table.optionalNumber(row, "lat", .within(-90...90), "latitude in degrees", log: &log)
            let lon = table.column("lon") == nil ? .some(nil) : table.optionalNumber(row, "lon", .within(-180...180), "longitude in degrees", log: &log)
            guard ok, let kind, let lat, let lon else { log.rejected(.community, id.rawValue); continue }
            if (lat == nil) != (lon == nil) {
                log.error(table.file, line: row.line, column: lat == nil ? "lat" : "lon", "give both lat and lon, or neither")
                log.rejected(.community, id.rawValue)
                continue
            }
            firstLine[id] = row.line
            communityIndex[id] = communities.count
            communities.append(Community(id: id, district: district, name: table.cell(row, "name"), kind: kind, latitude: lat, longitude: lon))
        }
    }
}
