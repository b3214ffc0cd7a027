//===- snn-translate.cpp - Import and emit snn networks
//--------------------===//
#include "translate/Registration.h"
#include "translate/plan/PlanExport.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  static mlir::snn::NirCommandLine nirOptions;
  mlir::snn::registerNirImportTranslation(nirOptions);
  mlir::snn::registerPlanExportTranslations();
  return mlir::failed(mlir::mlirTranslateMain(
      argc, argv, "snn-translate: import and emit spiking networks\n"));
}
