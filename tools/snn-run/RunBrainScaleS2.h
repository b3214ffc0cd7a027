//===- RunBrainScaleS2.h - snn-run on a BrainScaleS-2 artifact ---*- C++
//-*-===//
//
// snn-run ARTIFACT.bss2.pb --mismatch-seed=N [--calibrated=false] --input X
// emulates the parameter set on a seeded mismatched chip
// (runtime/analog/Emulator.h), writes the recordings, prints spike counts,
// the predicted class and the residual parameter spread, and with
// --compare=float (needs --reference-model) or --compare=DIR the spike-count
// error per neuron against the reference, calibrated next to uncalibrated.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TOOLS_SNN_RUN_RUNBRAINSCALES2_H
#define SNN_TOOLS_SNN_RUN_RUNBRAINSCALES2_H

#include "runtime/plan/Plan.pb.h"

#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <string>
#include <vector>

namespace snn::tools {

struct Bss2RunArgs {
  std::string artifact;
  std::vector<std::string> inputs;
  int64_t steps = -1;
  std::vector<std::string> records; // empty: the outputs
  std::string outputDir;
  uint64_t seed = 0;
  bool mismatch = true;
  bool calibrated = true;
  int substeps = 50;
  std::string compareWith; // "", "float" or a directory
  double tolerance = 0.3;
  bool quiet = false;
  /// Compiles the float reference model (--reference-model); null if none.
  std::function<bool(plan::Plan &)> compileFloat;
};

/// Returns snn-run's exit code (0 ok, 1 error, 2 beyond --tolerance);
/// errors are printed to `errs` as one line.
int runBrainScaleS2(const Bss2RunArgs &args, llvm::raw_ostream &outs,
                    llvm::raw_ostream &errs);

} // namespace snn::tools

#endif // SNN_TOOLS_SNN_RUN_RUNBRAINSCALES2_H
