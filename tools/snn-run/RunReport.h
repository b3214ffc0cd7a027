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

/// Batch items whose summed output and predicted class are printed one by
/// one; the rest are summarised as class counts.
constexpr int64_t kItemsShown = 10;

/// Per batch item, the arg-max over time-summed values of `output` (shape
/// (B, steps, ...)): the predicted class, lowest index on ties.
std::vector<int64_t> predictedClasses(const runtime::Tensor &output,
                                      int64_t batch, int64_t steps);

/// Prints the ANN evaluation: per output, the values and class of the first
/// kItemsShown items, then the class counts over the batch.
void printAnnReport(llvm::raw_ostream &os, const runtime::RunResult &result,
                    int64_t batch);

/// Checks `labels` (shape (B,), integer class indices in [0, classes)) and
/// returns the fraction of `predicted` that equal them; false with `err`
/// naming the file and the problem.
bool labelAccuracy(const runtime::Tensor &labels, const std::string &path,
                   const std::vector<int64_t> &predicted, int64_t classes,
                   double &accuracy, int64_t &correct, std::string &err);

} // namespace snn::tools

#endif // SNN_TOOLS_SNN_RUN_RUNREPORT_H
