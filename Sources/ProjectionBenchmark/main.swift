import Demography
import Dispatch
import Foundation
import PopulationProjection
import ScenarioModel

// Projection benchmark: a synthetic county of `communities` areas × 2 sexes × 101 ages projected
// over `years` annual steps. Prints cell-updates per second (area × sex × age × step) and a checksum
// that the numpy peer (Benchmarks/projection_numpy.py) reproduces from the same synthetic inputs.
//
//   swift run -c release ProjectionBenchmark [communities] [years] [repeats]

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let communities = arguments.count > 0 ? arguments[0] : 2000
let years = arguments.count > 1 ? arguments[1] : 30
let repeats = arguments.count > 2 ? arguments[2] : 5

let scenario = SyntheticCounty.make(communities: communities, years: years)
var timings: [Double] = []
var projection: Projection?
for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    projection = try CohortComponentProjection.run(scenario)
    timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
guard let projection else { fatalError("no run") }
let best = timings.min() ?? 0
let median = timings.sorted()[timings.count / 2]
let cells = Double(communities * Ages.perArea * years)
let horizon = projection.years.upperBound
let births = (projection.years.lowerBound..<horizon).reduce(0.0) { $0 + projection.countyComponents(from: $1).births }
print("swift  areas=\(communities) years=\(years) cells=\(Int(cells)) best=\(String(format: "%.4f", best))s "
      + "median=\(String(format: "%.4f", median))s cell_updates_per_s=\(String(format: "%.3e", cells / best))")
print("swift  checksum total_\(horizon)=\(String(format: "%.6f", projection.total(year: horizon))) births=\(String(format: "%.6f", births))")
