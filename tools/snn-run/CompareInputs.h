//===- CompareInputs.h - What snn-run --compare compares with ----*- C++
//-*-===//
#ifndef SNN_TOOLS_SNN_RUN_COMPAREINPUTS_H
#define SNN_TOOLS_SNN_RUN_COMPAREINPUTS_H

#include "runtime/engine/Engine.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace snn::tools {

/// True for nodes whose output is a spike train.
bool isSpikingNode(const plan::Node &node);
/// Names of the spiking nodes of a plan.
std::vector<std::string> spikingNames(const plan::Plan &plan);
/// "NODE:v"/"NODE:i" -> v_scale for fixed-point nodes (to float units).
std::map<std::string, double> stateScales(const plan::Plan &plan);

/// The reference recordings, shape (B, T, ...): `with` is "float" (compile
/// the float plan through `compileFloat` and run it on `inputs` with the
/// names it knows of `options.record`) or a directory of NAME.npy files.
bool referenceRecords(const std::string &with,
                      const runtime::RunOptions &options,
                      const std::vector<runtime::Tensor> &inputs, bool batched,
                      const std::function<bool(plan::Plan &)> &compileFloat,
                      std::map<std::string, runtime::Tensor> &reference,
                      std::string &err);

} // namespace snn::tools

#endif // SNN_TOOLS_SNN_RUN_COMPAREINPUTS_H
