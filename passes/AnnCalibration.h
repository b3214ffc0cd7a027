//===- AnnCalibration.h - Activation scales of an ANN from data --*- C++-*-===//
//
// What --snn-convert-ann normalises with: the ANN is run once on calibration
// inputs by the reference runtime, and each activation's robust scale (a
// percentile of its positive values) is taken per layer or per channel.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_PASSES_ANNCALIBRATION_H
#define SNN_PASSES_ANNCALIBRATION_H

#include "dialects/snn/SNNOps.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/DenseMap.h"

#include <vector>

namespace mlir::snn {

/// One activation's scale: one value per element of its (un-batched) shape,
/// in row-major order (all equal when taken per layer).
struct ActivationScale {
  std::vector<double> lambda;
  /// Positive calibration values the percentile was taken over.
  int64_t positives = 0;
};

struct AnnScales {
  /// Per snn.relu of the network.
  llvm::DenseMap<Operation *, ActivationScale> relu;
  /// Per network result, whatever produces it; always one value per layer so
  /// that the arg-max over the output elements is unchanged.
  std::vector<ActivationScale> outputs;
  int64_t samples = 0;
};

/// The `percentile`-th percentile (0 < p <= 100) of `values`, by linear
/// interpolation between the closest ranks (NumPy's default). Reorders
/// `values`; 0 when it is empty.
double percentileOf(std::vector<float> &values, double percentile);

/// Runs `network` (an ANN of `module`) on the .npy at `inputPath`, shape
/// (N, ...input shape), and fills `scales`. With `perChannel`, each relu
/// gets one scale per index of its first dimension (the channel of a
/// (C, H, W) map, the neuron of a vector). Errors (file, shape, run) are
/// diagnostics on the network.
LogicalResult computeAnnScales(ModuleOp module, NetworkOp network,
                               StringRef inputPath, double percentile,
                               bool perChannel, AnnScales &scales);

} // namespace mlir::snn

#endif // SNN_PASSES_ANNCALIBRATION_H
