//===- Registration.h - snn-translate translations ---------------*- C++
//-*-===//
#ifndef SNN_TRANSLATE_REGISTRATION_H
#define SNN_TRANSLATE_REGISTRATION_H

#include "translate/nir/NirImport.h"
#include "llvm/Support/CommandLine.h"

namespace mlir::snn {

/// The --nir-* command-line options shared by snn-translate and snn-run.
struct NirCommandLine {
  llvm::cl::opt<double> dt{"nir-dt",
                           llvm::cl::desc("Seconds per step for NIR import "
                                          "(default: the file's metadata dt, "
                                          "else 1e-4)"),
                           llvm::cl::value_desc("seconds"),
                           llvm::cl::init(0.0)};
  llvm::cl::opt<std::string> reset{
      "nir-reset",
      llvm::cl::desc("Reset of spiking NIR neurons: zero (to v_reset, 0 when "
                     "absent; default), subtract or none"),
      llvm::cl::value_desc("zero|subtract|none"), llvm::cl::init("zero")};
  llvm::cl::opt<bool> multiSpike{
      "nir-multi-spike",
      llvm::cl::desc("Let NIR neurons emit several spikes per step (Sinabs)"),
      llvm::cl::init(false)};
  llvm::cl::opt<std::string> vMin{
      "nir-v-min",
      llvm::cl::desc("Floor of the membrane voltage after reset (Sinabs "
                     "min_v_mem), e.g. -1"),
      llvm::cl::value_desc("volts"), llvm::cl::init("")};

  /// Converts to import options; on a bad value prints why and returns
  /// nullopt.
  std::optional<NirImportOptions> toOptions() const;
};

/// Registers the NIR import translation (options are read from `cl`).
void registerNirImportTranslation(const NirCommandLine &cl);

} // namespace mlir::snn

#endif // SNN_TRANSLATE_REGISTRATION_H
