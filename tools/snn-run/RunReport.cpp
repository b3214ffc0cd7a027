//===- RunReport.cpp - What snn-run prints after a run
//---------------------===//
#include "tools/snn-run/RunReport.h"

#include "llvm/Support/Format.h"

using namespace snn;

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
    for (int64_t b = 0; b < batch; ++b) {
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
  }
}
