import ScenarioModel

/// Where each id of the scenario sits among the projection areas (the areas with base-year counts).
struct AreaLayout {
    let leaves: [AreaID]
    /// District of each projection area, as an index into `districts`.
    let leafDistrict: [Int]
    let districts: [District]
    /// Projection areas of each district.
    let districtLeaves: [[Int]]
    /// Projection areas making up any district or community id.
    let leavesOf: [AreaID: [Int]]

    init(_ scenario: Scenario) {
        leaves = scenario.population.areas
        districts = scenario.districts
        var districtIndex: [AreaID: Int] = [:]
        for (d, district) in districts.enumerated() { districtIndex[district.id] = d }
        var communityDistrict: [AreaID: Int] = [:]
        for c in scenario.communities { communityDistrict[c.id] = districtIndex[c.district] }
        var leafDistrict: [Int] = []
        var districtLeaves = [[Int]](repeating: [], count: districts.count)
        var leavesOf: [AreaID: [Int]] = [:]
        for (i, id) in leaves.enumerated() {
            let d = districtIndex[id] ?? communityDistrict[id] ?? 0
            leafDistrict.append(d)
            districtLeaves[d].append(i)
            leavesOf[id] = [i]
        }
        for (d, district) in districts.enumerated() where leavesOf[district.id] == nil {
            leavesOf[district.id] = districtLeaves[d]
        }
        self.leafDistrict = leafDistrict
        self.districtLeaves = districtLeaves
        self.leavesOf = leavesOf
    }
}
