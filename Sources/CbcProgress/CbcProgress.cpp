// A CBC event handler that reports the incumbent, the bound and the node count to a C callback.
// CBC 2.10's C interface has no incumbent or progress callback; this reaches the CbcModel behind a
// Cbc_Model (its struct is visible with CBC_EXTERN_C) and installs a CbcEventHandler on it. The
// standalone-solver path that Cbc_solve takes copies the model, and with it (through clone()) this
// handler.
#define CBC_EXTERN_C
#include <coin/OsiClpSolverInterface.hpp>
#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/CbcEventHandler.hpp>
#include <coin/Coin_C_defines.h>
#include <chrono>
#include "CbcProgress.h"

namespace {

class ProgressHandler : public CbcEventHandler {
public:
  ProgressHandler(seatplan_cbc_progress_fn fn, void *context, double interval)
    : fn_(fn), context_(context), interval_(interval), last_(-1e100), lastIncumbent_(1e300) {}

  ProgressHandler(const ProgressHandler &other) = default;

  CbcEventHandler *clone() const override { return new ProgressHandler(*this); }

  CbcAction event(CbcEvent whichEvent) override {
    const CbcModel *m = getModel();
    if (m == nullptr || fn_ == nullptr) return noAction;
    double seconds = elapsed();
    double incumbent = m->getMinimizationObjValue();
    double bound = m->getBestPossibleObjValue();
    int nodes = m->getNodeCount();
    int kind = -1;
    if ((whichEvent == solution || whichEvent == heuristicSolution) && incumbent < lastIncumbent_) {
      kind = 1;
      lastIncumbent_ = incumbent;
    } else if ((whichEvent == node || whichEvent == treeStatus) && seconds - last_ >= interval_) {
      kind = 0;
    }
    if (kind < 0) return noAction;
    last_ = seconds;
    return fn_(context_, kind, incumbent, bound, nodes, seconds) ? stop : noAction;
  }

private:
  double elapsed() const {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
  }

  seatplan_cbc_progress_fn fn_;
  void *context_;
  double interval_;
  double last_;
  double lastIncumbent_;
};

} // namespace

extern "C" void seatplan_cbc_attach_progress(void *cbcModel, seatplan_cbc_progress_fn fn, void *context, double interval) {
  Cbc_Model *model = static_cast<Cbc_Model *>(cbcModel);
  if (model == nullptr || model->model_ == nullptr) return;
  ProgressHandler handler(fn, context, interval);
  model->model_->passInEventHandler(&handler);
}
