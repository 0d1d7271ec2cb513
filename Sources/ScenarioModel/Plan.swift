/// A layout plan: dated actions on the school network and the catchments that go with them. Written
/// by a planner or by the optimizer (`plan.yaml`), evaluated by `seatplan simulate --plan`.
public struct Plan: Sendable, Equatable {
    public var name: String
    public var actions: [PlanAction]
    public var catchments: [Catchment]

    public init(name: String, actions: [PlanAction] = [], catchments: [Catchment] = []) {
        self.name = name
        self.actions = actions
        self.catchments = catchments
    }
}

/// One dated action of a plan.
public struct PlanAction: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A new school on a candidate site (or at given coordinates).
        case build(NewSchool)
        /// Classrooms added to a school's stage.
        case expand(school: SchoolID, stage: Stage, classrooms: Int)
        /// The school closes; its pupils go by the plan's catchments (`mergeInto` names the main receiver).
        case close(school: SchoolID, mergeInto: SchoolID?)
        /// Boarding beds added.
        case convertBoarding(school: SchoolID, beds: Int)
        /// The school keeps only these grades (e.g. a village primary becoming a 1–3 teaching point).
        case restrictGrades(school: SchoolID, grades: [Grade])
        /// The school's buildings are converted to another kind of school (改建: an emptied primary
        /// into a kindergarten, a junior school into a primary): it keeps its id and site and teaches
        /// `grades` in `classrooms` from the action's year.
        case convert(school: SchoolID, kind: SchoolKind, grades: [Grade], classrooms: [Stage: Int])
        /// From the action's year the school's stage has this many temporary classrooms (rented or
        /// modular, 临时/周转教室: seats without capital, a yearly cost); 0 removes them.
        case temporaryClassrooms(school: SchoolID, stage: Stage, classrooms: Int)
    }

    /// The first school year in which the action is in effect.
    public let year: Int
    public let kind: Kind

    public init(year: Int, _ kind: Kind) {
        self.year = year
        self.kind = kind
    }

    /// Every action's name in `plan.yaml`, in the order summaries list them.
    public static let names = ["build", "expand", "temporary_classrooms", "convert_boarding", "restrict_grades", "convert", "merge_into", "close"]

    /// The action's name in `plan.yaml`.
    public var name: String {
        switch kind {
        case .build: return "build"
        case .expand: return "expand"
        case .close(_, let target): return target == nil ? "close" : "merge_into"
        case .convertBoarding: return "convert_boarding"
        case .restrictGrades: return "restrict_grades"
        case .convert: return "convert"
        case .temporaryClassrooms: return "temporary_classrooms"
        }
    }

    /// The action's name in the bureau's words: 新建, 扩建, 撤销, 合并, 增加寄宿, 调整年级.
    public var nameZH: String {
        switch kind {
        case .build: return "新建"
        case .expand: return "扩建"
        case .close(_, let target): return target == nil ? "撤销" : "合并"
        case .convertBoarding: return "增加寄宿"
        case .restrictGrades: return "调整年级"
        case .convert: return "改建"
        case .temporaryClassrooms: return "临时教室"
        }
    }

    /// The school the action is about (the new one for `build`).
    public var school: SchoolID {
        switch kind {
        case .build(let b): return b.id
        case .expand(let s, _, _), .close(let s, _), .convertBoarding(let s, _), .restrictGrades(let s, _), .convert(let s, _, _, _),
             .temporaryClassrooms(let s, _, _): return s
        }
    }
}

/// A school a plan builds.
public struct NewSchool: Sendable, Equatable {
    public let id: SchoolID
    public let name: String
    /// The candidate site, when built on one.
    public let site: String?
    public let district: AreaID
    public let community: AreaID?
    public let kind: SchoolKind
    public let grades: [Grade]
    public let classrooms: [Stage: Int]
    public let boardingBeds: Int
    public let latitude: Double?
    public let longitude: Double?
    /// Capital cost, yuan (for reports; the evaluator recomputes it from the scenario's costs).
    public let capitalCost: Double?

    public init(id: SchoolID, name: String, site: String?, district: AreaID, community: AreaID?, kind: SchoolKind, grades: [Grade],
                classrooms: [Stage: Int], boardingBeds: Int, latitude: Double?, longitude: Double?, capitalCost: Double? = nil) {
        self.id = id
        self.name = name
        self.site = site
        self.district = district
        self.community = community
        self.kind = kind
        self.grades = grades
        self.classrooms = classrooms
        self.boardingBeds = boardingBeds
        self.latitude = latitude
        self.longitude = longitude
        self.capitalCost = capitalCost
    }

    /// As a `School` of the network.
    public var school: School {
        School(id: id, name: name, district: district, community: community, kind: kind, grades: grades, classrooms: classrooms,
               latitude: latitude, longitude: longitude, boardingBeds: boardingBeds)
    }
}

/// A site where a school may be built (`candidate_sites.csv`).
public struct CandidateSite: Sendable, Equatable {
    public let id: String
    public let district: AreaID
    public let community: AreaID?
    public let latitude: Double
    public let longitude: Double
    public let allowedKinds: [SchoolKind]
    /// Land acquisition and site preparation, yuan.
    public let landCost: Double

    public init(id: String, district: AreaID, community: AreaID?, latitude: Double, longitude: Double, allowedKinds: [SchoolKind], landCost: Double) {
        self.id = id
        self.district = district
        self.community = community
        self.latitude = latitude
        self.longitude = longitude
        self.allowedKinds = allowedKinds
        self.landCost = landCost
    }
}

extension Plan {
    /// The temporary classrooms standing in `year` by school and stage: each stage's latest
    /// `temporary_classrooms` action dated up to `year` (a school closed or converted since has none).
    public func temporaryClassrooms(in year: Int) -> [SchoolID: [Stage: Int]] {
        var out: [SchoolID: [Stage: Int]] = [:]
        for action in actions where action.year <= year {
            switch action.kind {
            case let .temporaryClassrooms(id, stage, n): out[id, default: [:]][stage] = n
            case let .close(id, _), let .convert(id, _, _, _): out[id] = nil  // the school's classrooms go (or are rebuilt) with it
            default: break
            }
        }
        return out.compactMapValues { rooms in
            let standing = rooms.filter { $0.value > 0 }
            return standing.isEmpty ? nil : standing
        }
    }
}
