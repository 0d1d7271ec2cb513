/// The id of a district or a community, as written in `districts.csv` and `communities.csv`.
public struct AreaID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
    public static func < (lhs: AreaID, rhs: AreaID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Kinds of district (the county's township-level units).
public enum DistrictKind: String, CaseIterable, Sendable {
    /// 县城 (the county seat's town, 城关镇)
    case countySeat = "county_seat"
    /// 集镇 (a market town, 建制镇)
    case town
    /// 乡 (a rural township)
    case township
    /// 街道 (an urban sub-district)
    case street

    /// The Chinese term planners use.
    public var nameZH: String {
        switch self {
        case .countySeat: return "县城"
        case .town: return "集镇"
        case .township: return "乡"
        case .street: return "街道"
        }
    }
}

/// Kinds of community (the village-level units).
public enum CommunityKind: String, CaseIterable, Sendable {
    /// 行政村
    case adminVillage = "admin_village"
    /// 自然村
    case naturalVillage = "natural_village"
    /// 社区 (urban neighbourhood committee)
    case neighborhood

    public var nameZH: String {
        switch self {
        case .adminVillage: return "行政村"
        case .naturalVillage: return "自然村"
        case .neighborhood: return "社区"
        }
    }
}

/// A township-level unit of the county.
public struct District: Sendable, Equatable {
    public let id: AreaID
    public let name: String
    public let kind: DistrictKind

    public init(id: AreaID, name: String, kind: DistrictKind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// A village-level unit inside a district.
public struct Community: Sendable, Equatable {
    public let id: AreaID
    public let district: AreaID
    public let name: String
    public let kind: CommunityKind
    public let latitude: Double?
    public let longitude: Double?

    public init(id: AreaID, district: AreaID, name: String, kind: CommunityKind, latitude: Double?, longitude: Double?) {
        self.id = id
        self.district = district
        self.name = name
        self.kind = kind
        self.latitude = latitude
        self.longitude = longitude
    }
}
