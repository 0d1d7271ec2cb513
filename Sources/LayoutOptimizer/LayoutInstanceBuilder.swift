import SchoolAllocation
import ScenarioModel
import SeatMetrics

/// Builds a `LayoutInstance` from a scenario and the base network's simulation (for demand and the
/// schools pupils attend now).
public enum LayoutInstanceBuilder {
    /// The design year: `optimizer.design_year`, else the year of peak total demand from the opening
    /// year on.
    public static func designYear(_ allocation: Allocation, settings: OptimizerSettings, baseYear: Int) -> Int {
        if let y = settings.designYear { return y }
        let years = allocation.years
        let first = min(years.upperBound, max(years.lowerBound + 1, baseYear + settings.openingLeadYears))
        return (first...years.upperBound).max { a, b in
            allocation.demand.pupils[slice(allocation, a)].reduce(0, +) < allocation.demand.pupils[slice(allocation, b)].reduce(0, +)
        } ?? years.upperBound
    }

    private static func slice(_ allocation: Allocation, _ year: Int) -> Range<Int> {
        let n = allocation.demand.areas.count * Slot.count
        let y = year - allocation.years.lowerBound
        return (y * n)..<((y + 1) * n)
    }

    /// One period of a phased plan (`PhasedLayout`): the options offered are those of the whole horizon
    /// (so that every period's instance has the same facilities), the seats hold every year up to the
    /// next period, the required new schools are due by the last period, and the minimum sizes apply
    /// in the first period (later, to a new school in the period it opens: `minimum_new_open`).
    public struct Period: Sendable {
        public let offeredThrough: Int
        public let seatsThrough: Int
        public let first: Bool
        public let last: Bool
    }

    public static func make(scenario: Scenario, schooling: Schooling, base: Allocation, designYear year: Int, period: Period? = nil) -> LayoutInstance {
        let settings = schooling.optimizer
        let costs = settings.costs
        let sizes = schooling.classSizes
        let places = SchoolPlaces(scenario)
        let districtOf = scenario.districtOfArea
        let districtKind = Dictionary(uniqueKeysWithValues: scenario.districts.map { ($0.id, $0.kind) })

        // Facilities: existing schools, then options (site × allowed kind × standard size).
        func facility(_ school: School, origin: LayoutInstance.Facility.Origin, capital: Double, protected: Bool, opening: Int? = nil) -> LayoutInstance.Facility {
            let groups = Set(PupilGroup.allCases.filter { g in g.slots.allSatisfy { school.teaches($0) } })
            var seats: [Stage: Double] = [:], perRoom: [Stage: Double] = [:]
            for stage in school.stages {
                let q = sizes.seatsPerClassroom(school, stage)
                perRoom[stage] = q
                seats[stage] = q * Double(school.classrooms[stage] ?? 0)
            }
            return LayoutInstance.Facility(origin: origin, school: school, groups: groups, seats: seats, seatsPerClassroom: perRoom,
                                           fixedCost: costs.schoolFixed[school.kind] ?? 0, capital: capital,
                                           ceiling: Double(schooling.sizeCeilings[school.kind] ?? Int.max), protected: protected,
                                           isPublic: school.isPublic, places: places.places(of: school), openingYear: opening,
                                           costPerClass: Dictionary(uniqueKeysWithValues: perRoom.map { stage, q in
                                               (stage, costs.costPerClass(stage, seats: q, staffing: schooling.staffing))
                                           }))
        }
        // Committed projects: the bureau's expansions keep their school open; its builds are options
        // with no minimum size, one of which the `required` family builds.
        var committedRooms: [SchoolID: [Stage: Int]] = [:]
        var committedBuilds: [(project: CommittedProject, site: String, kind: SchoolKind, classes: Int?)] = []
        for project in settings.committed {
            switch project.work {
            case .expand(let school, let stage, let rooms): committedRooms[school, default: [:]][stage, default: 0] += rooms
            case .build(let site, let kind, let classes): committedBuilds.append((project, site, kind, classes))
            }
        }
        /// Whether a committed build is the option of `kind` and `classes` on `site`.
        func covers(_ build: (project: CommittedProject, site: String, kind: SchoolKind, classes: Int?), _ site: String, _ kind: SchoolKind,
                    _ classes: Int) -> Bool {
            build.site == site && build.kind == kind && (build.classes ?? classes) == classes
        }
        var facilities = schooling.schools.enumerated().map { i, s in
            facility(s, origin: .existing(index: i), capital: 0,
                     protected: s.keep || settings.keep.contains(s.id) || s.kind == .teachingPoint || !s.isPublic
                        || (s.isCentral && settings.keepCentralSchools) || committedRooms[s.id] != nil)
        }
        var siteOptions: [[Int]] = []
        for (c, site) in schooling.candidateSites.enumerated() {
            var options: [Int] = []
            // A new school of a kind whose lead time passes the design year cannot serve it: not offered.
            for kind in site.allowedKinds {
                let opening = settings.openingYear(of: .build(kind), baseYear: scenario.baseYear)
                guard opening <= period?.offeredThrough ?? year else { continue }
                let grades = kind.standardGrades
                for classes in settings.sizes[kind] ?? [] {
                    let rooms = School.splitClassrooms(classes, grades: grades, kind: kind)
                    let school = School(id: SchoolID("\(site.id)-\(kind.rawValue)-\(classes)"), name: "\(site.id) \(kind.nameZH)",
                                        district: site.district, community: site.community, kind: kind, grades: grades, classrooms: rooms,
                                        latitude: site.latitude, longitude: site.longitude)
                    let capital = rooms.reduce(0.0) { $0 + Double($1.value) * (costs.classroom[$1.key] ?? 0) } + site.landCost
                    options.append(facilities.count)
                    facilities.append(facility(school, origin: .option(site: c, kind: kind, classes: classes), capital: capital,
                                               protected: committedBuilds.contains { covers($0, site.id, kind, classes) }, opening: opening))
                }
            }
            siteOptions.append(options)
        }
        // Conversions (改建): each unprotected public school's buildings as a school of each kind its
        // kind may become, should it close: of each standard size its classrooms hold, or all of them.
        var conversions: [(school: Int, options: [Int])] = []
        let conversionYear = settings.openingYear(of: .convert, baseYear: scenario.baseYear)
        for e in schooling.schools.indices where conversionYear <= period?.offeredThrough ?? year {
            let existing = facilities[e]
            guard !existing.protected, existing.isPublic, let kinds = settings.conversions[existing.school.kind] else { continue }
            let old = existing.school, rooms = old.totalClassrooms
            guard rooms > 0 else { continue }
            var options: [Int] = []
            for kind in kinds where kind != old.kind {
                let grades = kind.standardGrades
                let sizes = (settings.sizes[kind] ?? []).filter { $0 < rooms } + [rooms]
                for classes in sizes {
                    let school = School(id: SchoolID("\(old.id)-to-\(kind.rawValue)-\(classes)"), name: old.name, district: old.district,
                                        community: old.community, kind: kind, grades: grades,
                                        classrooms: School.splitClassrooms(classes, grades: grades, kind: kind),
                                        latitude: old.latitude, longitude: old.longitude, boardingBeds: old.boardingBeds)
                    options.append(facilities.count)
                    facilities.append(facility(school, origin: .conversion(school: e, kind: kind),
                                               capital: Double(classes) * costs.conversionPerClassroom, protected: false, opening: conversionYear))
                }
            }
            if !options.isEmpty { conversions.append((e, options)) }
        }

        // Demand points: pupils of the design year and the most of any year through `seatsThrough`,
        // with the school most of them attend now (none for the county-wide senior stages).
        let demand = base.demand
        let through = min(max(period?.seatsThrough ?? settings.seatsThrough ?? year, year), base.years.upperBound)
        var points: [LayoutInstance.Point] = []
        var pointArea: [Int] = []
        for (a, area) in demand.areas.enumerated() {
            for group in PupilGroup.allCases {
                func pupils(_ y: Int) -> Double { group.slots.reduce(0.0) { $0 + demand.pupils(year: y, area: a, slot: $1) } }
                let d = pupils(year)
                let peak = (year...through).map(pupils).max() ?? d
                guard peak > 1e-6 else { continue }
                let flows = group.slots.flatMap { base.flows(year: year, area: a, slot: $0) }
                var bySchool: [Int: Double] = [:]
                for f in flows { bySchool[f.school, default: 0] += f.pupils }
                let countyWide = group == .senior || group == .vocational
                let current = countyWide ? nil : bySchool.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
                points.append(LayoutInstance.Point(area: area, district: districtOf[area] ?? area, group: group, pupils: d, peak: peak,
                                                   currentSchool: current))
                pointArea.append(a)
            }
        }

        // Arcs: the facilities at the N nearest places teaching the group within reach (boarding groups:
        // any distance), plus the current school. A place is an existing school or a candidate site.
        let location = facilities.indices.map { s -> Int in
            switch facilities[s].origin {
            case .option(let site, _, _): return schooling.schools.count + site
            case .conversion(let school, _): return school
            case .existing: return s
            }
        }
        /// False for a conversion, which needs its school closed.
        func unconditional(_ s: Int) -> Bool { if case .conversion = facilities[s].origin { return false } else { return true } }
        let travel = TravelModel(scenario: scenario, schools: facilities.map(\.school), travel: schooling.travel)
        var arcs: [LayoutInstance.Arc] = []
        for (p, point) in points.enumerated() {
            let limit = settings.travelLimits[point.group] ?? .infinity
            let boards = settings.boardingGroups.contains(point.group)
            // Township integrity: kindergarten and primary pupils stay in the township of the school they
            // attend now, unless the scenario lets that township's pupils cross (optimizer.cross_township).
            let township = point.currentSchool.map { facilities[$0].school.district }
            let staysInTownship = OptimizerSettings.townshipGroups.contains(point.group) && township.map { !settings.crossTownship.contains($0) } == true
            var candidates: [(s: Int, minutes: Double, km: Double)] = []
            for (s, f) in facilities.enumerated() where f.groups.contains(point.group) && (f.openingYear ?? year) <= year {
                guard !staysInTownship || f.school.district == township || point.currentSchool == s else { continue }
                guard let minutes = travel.minutes(from: point.area, to: f.school) else { continue }
                guard minutes <= limit || boards || point.currentSchool == s else { continue }
                candidates.append((s, minutes, travel.kilometres(from: point.area, to: f.school) ?? 0))
            }
            // A hard limit (optimizer.hard_travel_limits): the long trip to the current school is kept
            // only when no school or option within the limit is offered (a conversion, which needs its
            // school closed, does not count).
            if settings.hardTravelLimits.contains(point.group), !boards, candidates.contains(where: { $0.minutes <= limit && unconditional($0.s) }) {
                candidates.removeAll { $0.minutes > limit }
            }
            candidates.sort { $0.minutes < $1.minutes || ($0.minutes == $1.minutes && $0.s < $1.s) }
            // The N nearest places (an existing school, or a candidate site with all its options), plus
            // the current school.
            var places: [Int] = []
            var chosen: [(s: Int, minutes: Double, km: Double)] = []
            for c in candidates {
                let place = location[c.s]
                if !places.contains(place) {
                    guard places.count < settings.candidatesPerPoint else { continue }
                    places.append(place)
                }
                chosen.append(c)
            }
            if let c = point.currentSchool, !chosen.contains(where: { $0.s == c }), let arc = candidates.first(where: { $0.s == c }) {
                chosen.append(arc)
            }
            for (s, minutes, km) in chosen {
                // Beyond the limit, groups that may board board; the others (only ever at their current
                // school) keep making the long day trip. Classes are costed by school and group (`classes`).
                let far = minutes > limit && boards
                let relocation = point.relocates(to: s, facilities) ? settings.annuityFactor * costs.relocationPerPupil : 0
                let perPupil = (far ? costs.boardingPerPupil : km * costs.transportPerPupilKm) + relocation
                arcs.append(LayoutInstance.Arc(point: p, facility: s, minutes: minutes, kilometres: km, boards: far,
                                               cost: point.pupils * perPupil))
            }
        }

        // Classrooms and beds whose lead time passes the design year cannot serve it: none added then.
        func byDesignYear(_ project: OptimizerSettings.Project) -> Int? {
            let opening = settings.openingYear(of: project, baseYear: scenario.baseYear)
            return opening <= year ? opening : nil
        }
        let expansionYear = byDesignYear(.expand)
        let maxExpansion = expansionYear == nil ? 0 : settings.maxExpansionClassrooms
        // A community too large for any one school within its reach (a point goes whole to one school) is
        // split by grade, each grade a point of its own with the same schools within reach.
        let arcsOfPoint = Dictionary(grouping: arcs, by: \.point)
        var split: [LayoutInstance.Point] = [], splitArcs: [LayoutInstance.Arc] = []
        for (p, point) in points.enumerated() {
            let own = arcsOfPoint[p] ?? []
            let largest = own.map { facilities[$0.facility].mostSeats(point.group.stage, expansion: max(maxExpansion, committedRooms[facilities[$0.facility].school.id]?[point.group.stage] ?? 0),
                                                                    temporary: settings.maxTemporaryClassrooms) }.max() ?? 0
            let parts: [LayoutInstance.Point]
            if largest < point.peak - 1e-6 && point.group.slots.count > 1 {
                parts = point.group.slots.map { slot in
                    func pupils(_ y: Int) -> Double { demand.pupils(year: y, area: pointArea[p], slot: slot) }
                    var part = LayoutInstance.Point(area: point.area, district: point.district, group: point.group, pupils: pupils(year),
                                                    peak: (year...through).map(pupils).max() ?? 0, currentSchool: point.currentSchool)
                    part.grades = [slot.grade]
                    return part
                }
            } else {
                parts = [point]
            }
            for part in parts {
                let share = point.pupils > 0 ? part.pupils / point.pupils : 0
                for arc in own {
                    splitArcs.append(LayoutInstance.Arc(point: split.count, facility: arc.facility, minutes: arc.minutes, kilometres: arc.kilometres,
                                                        boards: arc.boards, cost: arc.cost * share))
                }
                split.append(part)
            }
        }
        points = split
        arcs = splitArcs

        // The necessary rural small schools (保留必要的乡村小规模学校): an existing school that is the only one
        // within reach of some kindergarten or lower-primary point is protected (kept, no minimum size).
        var pointArcs = [[Int]](repeating: [], count: points.count)
        for (k, arc) in arcs.enumerated() { pointArcs[arc.point].append(k) }
        for (p, point) in points.enumerated() where !settings.boardingGroups.contains(point.group) {
            let reachable = Set(pointArcs[p].filter { !arcs[$0].boards && unconditional(arcs[$0].facility) }.map { arcs[$0].facility })
            if reachable.count == 1, let s = reachable.first, facilities[s].isExisting, !facilities[s].protected {
                facilities[s] = facilities[s].protecting()
            }
        }
        // A protected school never closes, so its conversions cannot be: dropped with their arcs
        // (conversions come last, so no other facility's index changes).
        let dead = Set(facilities.indices.filter { if case .conversion(let e, _) = facilities[$0].origin { return facilities[e].protected } else { return false } })
        if !dead.isEmpty {
            var newIndex = [Int?](repeating: nil, count: facilities.count)
            var kept: [LayoutInstance.Facility] = []
            for (s, f) in facilities.enumerated() where !dead.contains(s) {
                newIndex[s] = kept.count
                kept.append(f)
            }
            facilities = kept
            arcs = arcs.compactMap { arc in
                newIndex[arc.facility].map { LayoutInstance.Arc(point: arc.point, facility: $0, minutes: arc.minutes, kilometres: arc.kilometres, boards: arc.boards, cost: arc.cost) }
            }
            conversions = conversions.compactMap { c in
                let options = c.options.compactMap { newIndex[$0] }
                return options.isEmpty ? nil : (c.school, options)
            }
        }

        // Requirements: each committed build, then optimizer.required_new.
        func options(_ include: (LayoutInstance.Facility) -> Bool) -> [Int] {
            facilities.indices.filter { if case .option = facilities[$0].origin { return include(facilities[$0]) } else { return false } }
        }
        var requirements: [LayoutInstance.Requirement] = []
        var projectNames: [Int: String] = [:]
        for build in committedBuilds where period?.last ?? true {
            let chosen = options { f in
                guard case .option(let c, let kind, let classes) = f.origin else { return false }
                return covers(build, schooling.candidateSites[c].id, kind, classes)
            }
            let label = build.project.name ?? "\(build.site) \(build.kind.rawValue)"
            requirements.append(LayoutInstance.Requirement(label: label, options: chosen, count: 1))
            if let name = build.project.name { for o in chosen { projectNames[o] = name } }
        }
        for r in settings.requiredNew where r.count > 0 && period?.last ?? true {
            requirements.append(LayoutInstance.Requirement(label: "new \(r.label)", options: options { r.kinds.contains($0.school.kind) }, count: r.count))
        }
        let committedExpansion = Dictionary(uniqueKeysWithValues: facilities.indices.compactMap { s in
            committedRooms[facilities[s].school.id].map { (s, $0) }
        })

        let concentration = schooling.targets.concentration.map { t in
            LayoutInstance.Concentration(label: t.label, groups: Set(PupilGroup.allCases.filter { g in g.slots.allSatisfy { t.covers($0) } }),
                                         places: t.places, share: t.share.value(in: year))
        }
        let townships = scenario.districts.filter { districtKind[$0.id] == .township }.map { d in
            (district: d.id, facilities: facilities.indices.filter {
                facilities[$0].school.district == d.id && facilities[$0].isPublic && facilities[$0].groups.contains(.kindergarten)
                    && (facilities[$0].openingYear ?? year) <= year
            })
        }
        return LayoutInstance(
            designYear: year, seatsThrough: through, expansionYear: expansionYear, bedsYear: byDesignYear(.convertBoarding), points: points, facilities: facilities, arcs: arcs, siteOptions: siteOptions,
            concentration: concentration, townshipKindergartens: townships,
            kindergartensPerTownship: schooling.targets.publicKindergartensPerTownship?.value(in: year) ?? 1,
            budget: settings.budget, annuityFactor: settings.annuityFactor, classroomCost: costs.classroom, bedCost: costs.bed,
            maxExpansion: maxExpansion, minimumUtilisation: period?.first ?? true ? settings.minimumUtilisation : 0,
            newSchoolMinimumUtilisation: period?.first ?? true ? settings.newSchoolMinimumUtilisation : 0, objective: settings.objective,
            siteNames: schooling.candidateSites.map(\.id),
            areaNames: Dictionary(uniqueKeysWithValues: scenario.districts.map { ($0.id, $0.name) } + scenario.communities.map { ($0.id, $0.name) }),
            maxRelocatedShare: settings.maxRelocatedShare, requirements: requirements, committedExpansion: committedExpansion,
            projectNames: projectNames, budgetByYear: period == nil ? settings.budgetByYear.filter { $0.key <= year } : [:], conversions: conversions,
            temporaryLimit: settings.maxTemporaryClassrooms, temporaryCost: costs.temporaryClassroom)
    }
}

extension LayoutInstanceBuilder {
    /// The phased problem over `years` (`optimizer.periods`): each period's instance (`Period`), its
    /// weight and its budget (`PhasedInstance`).
    public static func phased(scenario: Scenario, schooling: Schooling, base: Allocation, years: [Int]) -> PhasedInstance {
        let settings = schooling.optimizer
        let horizon = base.years.upperBound
        let periods = years.enumerated().map { i, year -> PhasedInstance.Period in
            let through = i + 1 < years.count ? years[i + 1] - 1 : horizon
            let instance = make(scenario: scenario, schooling: schooling, base: base, designYear: year,
                                period: Period(offeredThrough: years.last ?? year, seatsThrough: through, first: i == 0, last: i == years.count - 1))
            return PhasedInstance.Period(year: year, through: through,
                                         weight: PhasedInstance.weight(year: year, through: through, first: years[0], rate: settings.discountRate),
                                         budget: PhasedInstance.budget(settings.budgetByYear, year: year, previous: i > 0 ? years[i - 1] : nil),
                                         instance: instance)
        }
        return PhasedInstance(periods: periods, newSchoolMinimumUtilisation: settings.newSchoolMinimumUtilisation)
    }
}
