//===- snn-opt.cpp - Run snn passes on MLIR
//--------------------------------===//
#include "dialects/InitAllDialects.h"
#include "passes/Passes.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::snn::registerAllDialects(registry);
  mlir::snn::registerSNNPassesAndPipelines();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "snn-opt: optimise and lower spiking networks\n", registry));
}
