//===- RunReport.cpp - What snn-run prints after a run
//---------------------===//
#include "tools/snn-run/RunReport.h"

#include "llvm/Support/Format.h"

#include <cmath>
#include <cstdio>

using namespace snn;

namespace {
/// One line: how often each class was predicted over the whole batch.
void printClassCounts(llvm::raw_ostream &os, const std::string &name,
                      const std::vector<int64_t> &classes, int64_t numClasses,
                      int64_t batch) {
  std::vector<int64_t> counts(numClasses, 0);
  for (int64_t c : classes)
    ++counts[c];
  os << "output '" << name << "': " << batch - tools::kItemsShown
     << " more items not shown; predicted classes over all " << batch
     << " items (count per class): [";
  for (int64_t c = 0; c < numClasses && c < 32; ++c)
    os << (c ? " " : "") << counts[c];
  os << (numClasses > 32 ? " ...]" : "]") << "\n";
}
} // namespace

int64_t snn::tools::argMax(const std::vector<double> &values) {
  int64_t best = 0;
  for (size_t i = 1; i < values.size(); ++i)
    if (values[i] > values[best])
      best = i;
  return best;
}

void snn::tools::printRunReport(llvm::raw_ostream &os, const plan::Plan &plan,
                                const runtime::RunResult &result, int64_t steps,
                                int64_t batch) {
  os << "spikes per layer (summed over " << steps << " steps"
     << (batch > 1 ? " and the batch" : "") << "):\n";
  size_t width = 5;
  for (const runtime::NodeStats &s : result.stats)
    width = std::max(width, s.name.size());
  for (const runtime::NodeStats &s : result.stats) {
    const plan::Node &node = plan.nodes(s.node);
    int64_t neurons = runtime::Tensor::numelOf(
        std::vector<int64_t>(node.shape().begin(), node.shape().end()));
    double total = 0;
    for (double c : s.spikeCount)
      total += c;
    os << "  " << llvm::left_justify(s.name, width) << "  "
       << llvm::format("%8lld", static_cast<long long>(neurons)) << " neurons  "
       << llvm::format("%10.0f", total) << " spikes  "
       << llvm::format("%.4f", total / (neurons * steps * batch))
       << " per neuron per step\n";
  }
  for (const auto &[name, tensor] : result.outputs) {
    int64_t perStep = tensor.numel() / std::max<int64_t>(1, batch * steps);
    for (int64_t b = 0; b < std::min(batch, kItemsShown); ++b) {
      std::vector<double> sums(perStep, 0.0);
      const float *base = tensor.data.data() + b * steps * perStep;
      for (int64_t t = 0; t < steps; ++t)
        for (int64_t i = 0; i < perStep; ++i)
          sums[i] += base[t * perStep + i];
      os << "output '" << name << "'";
      if (batch > 1)
        os << " [item " << b << "]";
      os << " summed over time: [";
      for (size_t i = 0; i < sums.size() && i < 32; ++i)
        os << (i ? " " : "") << llvm::format("%g", sums[i]);
      os << (sums.size() > 32 ? " ...]" : "]") << "\n";
      os << "predicted class"
         << (batch > 1 ? " [item " + std::to_string(b) + "]" : "") << ": "
         << argMax(sums) << "\n";
    }
    if (batch > kItemsShown)
      printClassCounts(os, name, predictedClasses(tensor, batch, steps),
                       perStep, batch);
  }
}

std::vector<int64_t> snn::tools::predictedClasses(const runtime::Tensor &output,
                                                  int64_t batch,
                                                  int64_t steps) {
  int64_t perStep = output.numel() / std::max<int64_t>(1, batch * steps);
  std::vector<int64_t> classes(batch);
  std::vector<double> sums(perStep);
  for (int64_t b = 0; b < batch; ++b) {
    std::fill(sums.begin(), sums.end(), 0.0);
    const float *base = output.data.data() + b * steps * perStep;
    for (int64_t t = 0; t < steps; ++t)
      for (int64_t i = 0; i < perStep; ++i)
        sums[i] += base[t * perStep + i];
    classes[b] = argMax(sums);
  }
  return classes;
}

void snn::tools::printAnnReport(llvm::raw_ostream &os,
                                const runtime::RunResult &result,
                                int64_t batch) {
  for (const auto &[name, tensor] : result.outputs) {
    int64_t per = tensor.numel() / std::max<int64_t>(1, batch);
    std::vector<int64_t> classes = predictedClasses(tensor, batch, 1);
    for (int64_t b = 0; b < std::min(batch, kItemsShown); ++b) {
      os << "output '" << name << "' [item " << b << "]: [";
      for (int64_t i = 0; i < per && i < 32; ++i)
        os << (i ? " " : "") << llvm::format("%g", tensor.data[b * per + i]);
      os << (per > 32 ? " ...]" : "]") << "  predicted class: " << classes[b]
         << "\n";
    }
    if (batch > kItemsShown)
      printClassCounts(os, name, classes, per, batch);
  }
}

bool snn::tools::labelAccuracy(const runtime::Tensor &labels,
                               const std::string &path,
                               const std::vector<int64_t> &predicted,
                               int64_t classes, double &accuracy,
                               int64_t &correct, std::string &err) {
  int64_t batch = static_cast<int64_t>(predicted.size());
  if (labels.shape.size() != 1 || labels.shape[0] != batch) {
    err = path + ": labels have shape " + runtime::shapeToString(labels.shape) +
          ", expected (" + std::to_string(batch) +
          ",): one class index per input item";
    return false;
  }
  correct = 0;
  for (int64_t b = 0; b < batch; ++b) {
    float label = labels.data[b];
    if (!(label >= 0.0f) || label != std::floor(label) ||
        label >= static_cast<float>(classes)) {
      char text[32];
      std::snprintf(text, sizeof text, "%g", label);
      err = path + ": label " + text + " of item " + std::to_string(b) +
            " is not a class index in [0, " + std::to_string(classes) + ")";
      return false;
    }
    correct += static_cast<int64_t>(label) == predicted[b];
  }
  accuracy = batch ? static_cast<double>(correct) / batch : 0.0;
  return true;
}
