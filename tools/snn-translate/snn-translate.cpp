//===- snn-translate.cpp - Import and emit snn networks
//--------------------===//
#include "targets/common/TargetDescription.h"
#include "translate/Registration.h"
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
  // `--emit=<target>` names the target the user expects; the translation is
  // the same for all (the target is in the module), so it becomes
  // --emit-coremap after checking the name is a known target.
  std::vector<char *> args(argv, argv + argc);
  std::string expected;
  for (char *&arg : args)
    if (std::strncmp(arg, "--emit=", 7) == 0) {
      expected = arg + 7;
      static char coremap[] = "--emit-coremap";
      arg = coremap;
    }
  if (!expected.empty()) {
    mlir::snn::registerAllTargets();
    if (!mlir::snn::lookupTarget(expected)) {
      llvm::errs() << "snn-translate: error: --emit=" << expected
                   << ": unknown target\n";
      return 1;
    }
  }
  return mlir::failed(mlir::mlirTranslateMain(
      static_cast<int>(args.size()), args.data(),
      "snn-translate: import and emit spiking networks\n"));
}
