/// Sweden 1993, the worked example of Preston, Heuveline & Guillot (2001), *Demography: Measuring
/// and Modeling Population Processes*, Blackwell, chapter 6: Box 6.1 (closed female projection
/// 1993 → 1998 → 2003) and Box 6.2 (the same with net female migration, 1993 → 1998).
/// Eighteen 5-year groups 0–4 … 80–84 and 85+; `nLx` with l₀ = 100,000 (the 85+ entry is T₈₅);
/// sex ratio at birth 1.05. Values as printed in the boxes (copied from
/// shared/data/projection-examples, which checks them against several public reproductions).
enum Sweden1993 {
    static let females1993: [Double] = [293395, 248369, 240012, 261346, 285209, 314388, 281290, 286923, 304108, 324946, 247613, 211351, 215140, 221764, 223506, 183654, 141990, 112424]
    static let males1993: [Double] = [310189, 261963, 252046, 274711, 296679, 333726, 296774, 299391, 314295, 338709, 256066, 208841, 199996, 197282, 184234, 133856, 86732, 49095]
    static let nLxFemale: [Double] = [497487, 497138, 496901, 496531, 495902, 495168, 494213, 492760, 490447, 486613, 480665, 471786, 457852, 436153, 402775, 350358, 271512, 291707]
    static let nLxMale: [Double] = [496754, 496297, 495989, 495113, 493460, 491475, 489325, 486487, 482392, 476532, 467568, 452941, 428556, 390707, 336027, 261507, 172333, 128631]
    /// Births per woman per year by the mother's age group.
    static let asfr: [Double] = [0, 0, 0, 0.0120, 0.0908, 0.1499, 0.1125, 0.0441, 0.0074, 0.0003, 0, 0, 0, 0, 0, 0, 0, 0]
    /// Net female migrants over 1993–98 (Box 6.2).
    static let netMigrantsFemale: [Double] = [6840, 4150, 3365, 5270, 9240, 8230, 5470, 3155, 1770, 1115, 1075, 845, 645, 530, 465, 300, 250, 175]

    /// Box 6.1, females 1998 and 2003 as printed (whole persons).
    static let box61Female1998: [Double] = [293574, 293189, 248251, 239833, 261015, 284787, 313782, 280463, 285576, 301731, 320974, 243039, 205109, 204944, 204793, 194419, 142324, 131768]
    static let box61Female2003: [Double] = [280121, 293368, 293049, 248066, 239529, 260629, 284238, 312859, 279147, 283344, 298043, 315045, 235861, 195388, 189260, 178141, 150666, 141960]
    /// Box 6.2, females 1998 with migration, as printed.
    static let box62Female1998: [Double] = [302392, 298682, 252007, 244150, 268267, 293515, 320624, 284767, 288031, 303166, 322062, 243989, 205841, 205516, 205270, 194771, 142565, 131966]

    /// Printed totals.
    static let total1993 = 4_397_428.0
    static let box61Total1998 = 4_449_570.0
    static let box61Total2003 = 4_478_712.0
    static let box62Total1998 = 4_507_581.0
    /// Dominant eigenvalue of the Leslie matrix of Box 6.1 (per 5 years).
    static let lesliesDominantEigenvalue = 1.00111253
}
