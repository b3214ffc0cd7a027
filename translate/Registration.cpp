//===- Registration.cpp - snn-translate translations
//-----------------------===//
#include "translate/Registration.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;

std::optional<NirImportOptions> NirCommandLine::toOptions() const {
  NirImportOptions options;
  if (dt.getNumOccurrences()) {
    if (!(dt > 0.0) || !std::isfinite(dt)) {
      llvm::errs() << "error: --nir-dt must be a positive number of seconds, "
                      "got "
                   << dt << "\n";
      return std::nullopt;
    }
    options.dt = dt;
  }
  std::optional<ResetMode> mode = parseNirReset(reset);
  if (!mode) {
    llvm::errs() << "error: --nir-reset must be zero, subtract or none, got '"
                 << reset << "'\n";
    return std::nullopt;
  }
  options.reset = *mode;
  options.multiSpike = multiSpike;
  if (!vMin.empty()) {
    double value;
    if (llvm::StringRef(vMin).getAsDouble(value) || !std::isfinite(value)) {
      llvm::errs() << "error: --nir-v-min must be a number, got '" << vMin
                   << "'\n";
      return std::nullopt;
    }
    options.vMin = value;
  }
  return options;
}

void mlir::snn::registerNirImportTranslation(const NirCommandLine &cl) {
  TranslateToMLIRRegistration importNir(
      "import-nir", "Import a NIR (HDF5) file as an snn.network",
      [&cl](llvm::SourceMgr &sources,
            MLIRContext *context) -> OwningOpRef<Operation *> {
        // HDF5 reads from a path, not from the buffer MLIR already loaded.
        llvm::StringRef path = sources.getMemoryBuffer(sources.getMainFileID())
                                   ->getBufferIdentifier();
        if (path == "<stdin>" || path.empty()) {
          llvm::errs() << "error: --import-nir reads a file path; NIR from "
                          "standard input is not supported\n";
          return nullptr;
        }
        std::optional<NirImportOptions> options = cl.toOptions();
        if (!options)
          return nullptr;
        return importNirFile(path, context, *options);
      });
}
