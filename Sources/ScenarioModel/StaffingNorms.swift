/// The staff (教职工编制) a school needs for its pupils and classes, by stage:
/// ```
/// staff(school, stage, year) = max(pupils / pupils_per_staff[stage],  classes × staff_per_class[stage])
/// ```
/// National norms, the defaults of `pupils_per_staff`:
/// - primary 19, junior 13.5, senior 12.5 pupils per staff member: 中央编办、教育部、财政部《关于统一城乡
///   中小学教职工编制标准的通知》(中央编办发〔2014〕72号), the same for city, county town and countryside;
/// - vocational 20 pupils per teacher: 《中等职业学校设置标准》(教职成〔2010〕12号), 生师比 not above 20:1;
/// - kindergarten 7 children per staff member: 《幼儿园教职工配备标准(暂行)》(教师〔2013〕1号), 全日制
///   幼儿园 staff : children 1:5 to 1:7 (here the lower staffing end).
///
/// `staff_per_class` is a class-based floor: kindergarten 3 (the same 2013 standard: each full-day class
/// has 2 teachers and 1 caregiver, 两教一保); for schools, the 2014 notice asks village schools and
/// teaching points to be staffed by pupils and classes together (村小、教学点按生师比与班师比相结合的方式
/// 核定), with the ratio per class set by the province, so there is no national default (0: pupils
/// alone decide).
public struct StaffingNorms: Sendable, Equatable {
    public var pupilsPerStaff: [Stage: Double]
    public var staffPerClass: [Stage: Double]

    public static let national: [Stage: Double] = [.kindergarten: 7, .primary: 19, .junior: 13.5, .senior: 12.5, .vocational: 20]

    public static let nationalPerClass: [Stage: Double] = [.kindergarten: 3]

    public init(pupilsPerStaff: [Stage: Double] = StaffingNorms.national, staffPerClass: [Stage: Double] = StaffingNorms.nationalPerClass) {
        self.pupilsPerStaff = pupilsPerStaff
        self.staffPerClass = staffPerClass
    }

    /// Staff needed by pupils, by classes, and the larger of the two.
    public func staff(_ stage: Stage, pupils: Double, classes: Int) -> (byPupils: Double, byClasses: Double, needed: Double) {
        let byPupils = pupils / (pupilsPerStaff[stage] ?? Self.national[stage] ?? 1)
        let byClasses = Double(classes) * (staffPerClass[stage] ?? 0)
        return (byPupils, byClasses, max(byPupils, byClasses))
    }
}
