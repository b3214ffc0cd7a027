//===- SyntheticGraphs.cpp - Generated networks for tests and benches -----===//
//
// A splitmix64 stream rather than <random> distributions: their output is not
// specified across standard libraries, and benchmark graphs must be the same
// everywhere.
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/SyntheticGraphs.h"

#include <algorithm>
#include <cmath>

using namespace snn::mapping;

namespace {
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int64_t below(int64_t bound) {
    return static_cast<int64_t>(next() % static_cast<uint64_t>(bound));
  }
};

/// Builds the CSR from a per-neuron post generator that yields candidates;
/// duplicates and self loops are rejected with a stamp array.
template <typename Draw>
NeuronGraph build(int64_t n, int fanOut, int64_t candidates, Draw draw) {
  NeuronGraph g;
  g.numNeurons = n;
  g.population.assign(n, 0);
  g.popBegin = {0, n};
  g.rate.assign(n, 1.0f);
  int64_t perNeuron =
      std::min<int64_t>(fanOut, std::max<int64_t>(candidates, 0));
  g.rowPtr.resize(n + 1);
  g.col.reserve(n * perNeuron);
  std::vector<int64_t> stamp(n, -1);
  for (int64_t pre = 0; pre < n; ++pre) {
    g.rowPtr[pre] = static_cast<int64_t>(g.col.size());
    stamp[pre] = pre;
    // Bounded attempts: a neuron with fewer candidates than `fanOut` near a
    // border gets fewer posts instead of looping forever.
    for (int64_t k = 0, attempts = 0;
         k < perNeuron && attempts < 64 * perNeuron; ++attempts) {
      int64_t post = draw(pre);
      if (post < 0 || stamp[post] == pre)
        continue;
      stamp[post] = pre;
      g.col.push_back(static_cast<int32_t>(post));
      ++k;
    }
  }
  g.rowPtr[n] = static_cast<int64_t>(g.col.size());
  return g;
}
} // namespace

NeuronGraph snn::mapping::makeRandomGraph(int64_t n, int fanOut,
                                          uint64_t seed) {
  SplitMix rng{seed};
  return build(n, fanOut, n - 1, [&](int64_t) { return rng.below(n); });
}

NeuronGraph snn::mapping::makeSheetGraph(int64_t n, int fanOut, int radius,
                                         uint64_t seed) {
  SplitMix rng{seed};
  int64_t side = static_cast<int64_t>(std::ceil(std::sqrt(double(n))));
  int64_t span = 2 * radius + 1;
  // Posts that land past n on the last, partial row are redrawn.
  int64_t candidates = std::min<int64_t>(span * span - 1, n - 1);
  return build(n, fanOut, candidates, [&](int64_t pre) -> int64_t {
    int64_t x = pre % side, y = pre / side;
    int64_t px = (x + rng.below(span) - radius + side) % side;
    int64_t py = (y + rng.below(span) - radius + side) % side;
    int64_t post = py * side + px;
    return post < n ? post : -1;
  });
}

NeuronGraph snn::mapping::makeLayeredGraph(int layers, int64_t width,
                                           int fanOut, int64_t window,
                                           uint64_t seed) {
  SplitMix rng{seed};
  NeuronGraph g;
  int64_t n = layers * width;
  g.numNeurons = n;
  g.rate.assign(n, 1.0f);
  g.population.resize(n);
  for (int l = 0; l <= layers; ++l)
    g.popBegin.push_back(l * width);
  g.rowPtr.assign(n + 1, 0);
  std::vector<int64_t> candidates;
  for (int64_t pre = 0; pre < n; ++pre) {
    int64_t layer = pre / width, i = pre % width;
    g.population[pre] = static_cast<int32_t>(layer);
    g.rowPtr[pre] = static_cast<int64_t>(g.col.size());
    if (layer + 1 >= layers)
      continue;
    candidates.clear();
    for (int64_t j = std::max<int64_t>(0, i - window);
         j <= std::min(width - 1, i + window); ++j)
      candidates.push_back((layer + 1) * width + j);
    // Partial Fisher-Yates: the first k candidates are a uniform sample.
    int64_t k = std::min<int64_t>(fanOut, candidates.size());
    for (int64_t a = 0; a < k; ++a) {
      int64_t b = a + rng.below(static_cast<int64_t>(candidates.size()) - a);
      std::swap(candidates[a], candidates[b]);
      g.col.push_back(static_cast<int32_t>(candidates[a]));
    }
  }
  g.rowPtr[n] = static_cast<int64_t>(g.col.size());
  return g;
}
