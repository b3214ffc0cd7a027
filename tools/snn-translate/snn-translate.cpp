//===- snn-translate.cpp - Import and emit snn networks
//--------------------===//
#include "targets/common/TargetDescription.h"
#include "translate/Registration.h"
#include "translate/bss2/Bss2Export.h"
#include "translate/nir/NirExport.h"
#include "translate/onnx/OnnxImport.h"
#include "translate/plan/CoreMapExport.h"
#include "translate/plan/PlanExport.h"
#include "translate/snnpb/Snnpb.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <string>
#include <vector>

int main(int argc, char **argv) {
  static mlir::snn::NirCommandLine nirOptions;
  mlir::snn::registerNirImportTranslation(nirOptions);
  mlir::snn::registerNirExportTranslation();
  mlir::snn::registerPlanExportTranslations();
  mlir::snn::registerCoreMapTranslations();
  mlir::snn::registerSnnpbTranslations();
  mlir::snn::registerOnnxImportTranslation();
  mlir::snn::registerBss2Translation();
  // `--emit=<target>` names the target the user expects. Core-mapped targets
  // share one translation (the target is in the module), --emit-coremap; an
  // analog target's parameter set is --emit-brainscales2 (with
  // --emit-text becoming its own text flag).
  std::vector<char *> args(argv, argv + argc);
  std::string expected;
  for (char *&arg : args)
    if (std::strncmp(arg, "--emit=", 7) == 0)
      expected = arg + 7;
  if (!expected.empty()) {
    mlir::snn::registerAllTargets();
    const mlir::snn::TargetDescription *target =
        mlir::snn::lookupTarget(expected);
    if (!target) {
      llvm::errs() << "snn-translate: error: --emit=" << expected
                   << ": unknown target\n";
      return 1;
    }
    bool analog = target->arithmetic == mlir::snn::Arithmetic::Analog;
    static char coremap[] = "--emit-coremap";
    static char bss2[] = "--emit-brainscales2";
    static char bss2Text[] = "--emit-bss2-text";
    for (char *&arg : args) {
      if (std::strncmp(arg, "--emit=", 7) == 0)
        arg = analog ? bss2 : coremap;
      else if (analog && std::strcmp(arg, "--emit-text") == 0)
        arg = bss2Text;
    }
  }
  return mlir::failed(mlir::mlirTranslateMain(
      static_cast<int>(args.size()), args.data(),
      "snn-translate: import and emit spiking networks\n"));
}
