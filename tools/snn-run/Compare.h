//===- Compare.h - Agreement between two runs of a network -------*- C++
//-*-===//
//
// snn-run --compare: how far a run (typically a target's fixed-point
// emulation) is from a reference (the float model, or recorded .npy files).
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TOOLS_SNN_RUN_COMPARE_H
#define SNN_TOOLS_SNN_RUN_COMPARE_H

#include "runtime/engine/Engine.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snn::tools {

/// Agreement of one recorded signal.
struct SignalAgreement {
  std::string name;
  bool spikes = false; ///< Spike trains (else a voltage or other value).
  int64_t elements = 0;
  double exactFraction = 0; ///< Elements equal in both runs.
  // Spike trains:
  double spikes_ = 0, referenceSpikes = 0;
  std::optional<double> countCorrelation; ///< Pearson over neurons.
  double countError = 0; ///< sum |count - ref count| / max(1, sum ref).
  std::optional<double> meanFirstSpikeShift; ///< Over neurons firing in both.
  int64_t onlyOneFires = 0;
  // Values (voltages are converted to the float model's units):
  double maxAbsError = 0, rmsError = 0;
};

struct Comparison {
  std::string reference;
  std::vector<SignalAgreement> signals;
  /// Per output: fraction of batch items whose arg-max class agrees.
  std::map<std::string, double> classAgreement;
  double tolerance = 0;
  bool pass = true;
};

/// Compares `ours` with `reference` for every name in both, in the order of
/// `order` (names not in it follow, sorted). `scale[name]`
/// divides our values first (a fixed-point voltage's v_scale); `spiking`
/// names the spike-train signals; `outputs` the signals to classify.
Comparison compareRuns(const std::vector<std::string> &order,
                       const std::map<std::string, runtime::Tensor> &ours,
                       const std::map<std::string, runtime::Tensor> &reference,
                       const std::map<std::string, double> &scale,
                       const std::vector<std::string> &spiking,
                       const std::vector<std::string> &outputs,
                       double tolerance, const std::string &referenceName);

void printComparison(llvm::raw_ostream &os, const Comparison &comparison);
std::string comparisonJson(const Comparison &comparison);

} // namespace snn::tools

#endif // SNN_TOOLS_SNN_RUN_COMPARE_H
