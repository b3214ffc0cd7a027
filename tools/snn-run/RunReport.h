//===- RunReport.h - What snn-run prints after a run -------------*- C++
//-*-===//
#ifndef SNN_TOOLS_SNN_RUN_RUNREPORT_H
#define SNN_TOOLS_SNN_RUN_RUNREPORT_H

#include "runtime/engine/Engine.h"
#include "llvm/Support/raw_ostream.h"

namespace snn::tools {

/// Prints spike counts per layer and, per batch item, each output's summed
/// activity and its arg-max (the predicted class).
void printRunReport(llvm::raw_ostream &os, const plan::Plan &plan,
                    const runtime::RunResult &result, int64_t steps,
                    int64_t batch);

/// Index of the largest value of `values` (first on ties).
int64_t argMax(const std::vector<double> &values);

} // namespace snn::tools

#endif // SNN_TOOLS_SNN_RUN_RUNREPORT_H
