import FacilityLocation
import Foundation
import MILP

let args = CommandLine.arguments
let url = URL(fileURLWithPath: args[1])
let cap = args.count > 2 ? Double(args[2]) : nil
var p = try ORLibrary.read(url, capacity: cap)
if args.contains("--single") { p.singleSource = true }
let r = FacilityLocationSolver.solve(p, options: .init(timeLimit: 600, progress: { pr in
    print(String(format: "  inc=%.3f bound=%.3f gap=%.2e nodes=%d t=%.2f", pr.incumbent ?? .nan, pr.bound, pr.gap ?? .nan, pr.nodes, pr.seconds)); return false }))
print("status=\(r.status) obj=\(r.objective ?? .nan) bound=\(r.bound) gap=\(r.gap ?? .nan) seconds=\(r.seconds) fixed open \(r.fixedOpen) closed \(r.fixedClosed)")
