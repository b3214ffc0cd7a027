//===- RunInputs.cpp - Loading snn-run's input tensors
//---------------------===//
#include "tools/snn-run/RunInputs.h"
#include "runtime/io/Npy.h"

using namespace snn;
using runtime::shapeToString;
using runtime::Tensor;

bool snn::tools::loadInputs(const plan::Plan &plan,
                            const std::vector<std::string> &paths,
                            std::vector<Tensor> &inputs, bool &batched,
                            std::string &err) {
  if (paths.size() != static_cast<size_t>(plan.inputs_size())) {
    err = "the network has " + std::to_string(plan.inputs_size()) +
          " input(s) but " + std::to_string(paths.size()) +
          " --input file(s) were given; pass one .npy per input, "
          "comma-separated, in this order:";
    for (uint32_t index : plan.inputs())
      err += " " + plan.nodes(index).name();
    return false;
  }
  for (size_t k = 0; k < paths.size(); ++k) {
    const plan::Node &node = plan.nodes(plan.inputs(k));
    std::vector<int64_t> shape(node.shape().begin(), node.shape().end());
    Tensor t;
    if (!runtime::readNpy(paths[k], t, err))
      return false;
    size_t rank = shape.size();
    bool isBatched = t.shape.size() == rank + 2;
    bool matches = t.shape.size() == rank + 1 || isBatched;
    for (size_t d = 0; matches && d < rank; ++d)
      matches = t.shape[t.shape.size() - rank + d] == shape[d];
    if (!matches) {
      err = paths[k] + ": shape " + shapeToString(t.shape) +
            " does not fit "
            "input '" +
            node.name() + "' of shape " + shapeToString(shape) +
            "; expected (T, ...) or (B, T, ...) with that trailing shape";
      return false;
    }
    if (!isBatched)
      t.shape.insert(t.shape.begin(), 1);
    if (k > 0 && (t.shape[0] != inputs[0].shape[0] ||
                  t.shape[1] != inputs[0].shape[1] || isBatched != batched)) {
      err = paths[k] + ": batch and step counts " + shapeToString(t.shape) +
            " differ from the first input's " + shapeToString(inputs[0].shape);
      return false;
    }
    batched = isBatched;
    inputs.push_back(std::move(t));
  }
  return true;
}

bool snn::tools::loadStaticInputs(const plan::Plan &plan,
                                  const std::vector<std::string> &paths,
                                  std::vector<Tensor> &inputs,
                                  std::string &err) {
  if (paths.size() != static_cast<size_t>(plan.inputs_size())) {
    err = "the network has " + std::to_string(plan.inputs_size()) +
          " input(s) but " + std::to_string(paths.size()) +
          " --input file(s) were given";
    return false;
  }
  for (size_t k = 0; k < paths.size(); ++k) {
    const plan::Node &node = plan.nodes(plan.inputs(k));
    std::vector<int64_t> shape(node.shape().begin(), node.shape().end());
    Tensor t;
    if (!runtime::readNpy(paths[k], t, err))
      return false;
    bool matches = t.shape.size() == shape.size() + 1 &&
                   std::equal(shape.begin(), shape.end(), t.shape.begin() + 1);
    if (!matches) {
      err = paths[k] + ": shape " + shapeToString(t.shape) +
            " does not fit input '" + node.name() + "' of shape " +
            shapeToString(shape) +
            "; a static input is (B, ...) with that trailing shape and no "
            "time axis";
      return false;
    }
    if (k > 0 && t.shape[0] != inputs[0].shape[0]) {
      err = paths[k] + ": batch " + std::to_string(t.shape[0]) +
            " differs from the first input's " +
            std::to_string(inputs[0].shape[0]);
      return false;
    }
    inputs.push_back(std::move(t));
  }
  return true;
}
