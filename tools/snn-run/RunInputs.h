//===- RunInputs.h - Loading snn-run's input tensors -------------*- C++
//-*-===//
#ifndef SNN_TOOLS_SNN_RUN_RUNINPUTS_H
#define SNN_TOOLS_SNN_RUN_RUNINPUTS_H

#include "runtime/engine/Engine.h"

#include <string>
#include <vector>

namespace snn::tools {

/// Loads one .npy per plan input and brings each to (B, T, ...shape).
/// `batched` tells whether the files had a batch dimension. Errors name the
/// file, its shape and the shapes that would have been accepted.
/// Loads one .npy per plan input for a static input (snn-run --ann and
/// --static-input): shape (B, ...input shape), no time axis.
bool loadStaticInputs(const plan::Plan &plan,
                      const std::vector<std::string> &paths,
                      std::vector<runtime::Tensor> &inputs, std::string &err);

bool loadInputs(const plan::Plan &plan, const std::vector<std::string> &paths,
                std::vector<runtime::Tensor> &inputs, bool &batched,
                std::string &err);

} // namespace snn::tools

#endif // SNN_TOOLS_SNN_RUN_RUNINPUTS_H
