//===- Registration.h - snn-translate translations ---------------*- C++
//-*-===//
#ifndef SNN_TRANSLATE_REGISTRATION_H
#define SNN_TRANSLATE_REGISTRATION_H

#include "translate/nir/NirImport.h"
#include "llvm/Support/CommandLine.h"

namespace mlir::snn {

/// The category of the --nir-* options, so tools can list them in --help
/// while hiding LLVM's own options.
inline llvm::cl::OptionCategory &nirOptionCategory() {
  static llvm::cl::OptionCategory category("NIR import options");
  return category;
}

/// The --nir-* command-line options shared by snn-translate and snn-run.
struct NirCommandLine {
  llvm::cl::opt<double> dt{"nir-dt",
                           llvm::cl::desc("Seconds per step for NIR import "
                                          "(default: the file's metadata dt, "
                                          "else 1e-4)"),
                           llvm::cl::value_desc("seconds"), llvm::cl::init(0.0),
                           llvm::cl::cat(nirOptionCategory())};
  llvm::cl::opt<std::string> reset{
      "nir-reset",
      llvm::cl::desc("Reset of spiking NIR neurons: zero (to v_reset, 0 when "
                     "absent; default), subtract or none"),
      llvm::cl::value_desc("zero|subtract|none"), llvm::cl::init("zero"),
      llvm::cl::cat(nirOptionCategory())};
  llvm::cl::opt<bool> multiSpike{
      "nir-multi-spike",
      llvm::cl::desc("Let NIR neurons emit several spikes per step (Sinabs)"),
      llvm::cl::init(false), llvm::cl::cat(nirOptionCategory())};
  llvm::cl::opt<std::string> vMin{
      "nir-v-min",
      llvm::cl::desc("Floor of the membrane voltage after reset (Sinabs "
                     "min_v_mem), e.g. -1"),
      llvm::cl::value_desc("volts"), llvm::cl::init(""),
      llvm::cl::cat(nirOptionCategory())};

  /// Converts to import options; on a bad value prints why and returns
  /// nullopt.
  std::optional<NirImportOptions> toOptions() const;
};

/// Registers the NIR import translation (options are read from `cl`).
void registerNirImportTranslation(const NirCommandLine &cl);

} // namespace mlir::snn

#endif // SNN_TRANSLATE_REGISTRATION_H
