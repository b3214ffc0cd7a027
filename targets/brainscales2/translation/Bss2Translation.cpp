//===- Bss2Translation.cpp - BrainScaleS-2 parameter translation ---------===//
#include "targets/brainscales2/translation/Bss2Translation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace snn::bss2 {

double weightLsb(const std::vector<double> &weights) {
  double maxAbs = 0;
  for (double w : weights)
    maxAbs = std::max(maxAbs, std::abs(w));
  return maxAbs > 0 ? maxAbs / kWeightMax : 1.0;
}

std::optional<SignedSplit> splitSigned(const std::vector<double> &weights,
                                       double lsb) {
  SignedSplit split;
  split.lsb = lsb;
  split.exc.assign(weights.size(), 0);
  split.inh.assign(weights.size(), 0);
  for (size_t i = 0; i < weights.size(); ++i) {
    double w = weights[i];
    // std::round: ties away from zero, symmetric for both rows.
    double code = std::round(std::abs(w) / lsb);
    if (!(code <= kWeightMax))
      return std::nullopt;
    auto c = static_cast<uint32_t>(code);
    (w > 0 ? split.exc : split.inh)[i] = w == 0 ? 0 : c;
    double rebuilt = (static_cast<double>(split.exc[i]) -
                      static_cast<double>(split.inh[i])) *
                     lsb;
    split.maxError = std::max(split.maxError, std::abs(w - rebuilt));
  }
  return split;
}

std::optional<std::pair<double, double>>
timeScaleWindow(const std::vector<std::pair<double, Range>> &constants) {
  double lo = 0, hi = std::numeric_limits<double>::infinity();
  for (auto [seconds, range] : constants) {
    // Hardware us = seconds * 1e6 * scale / acceleration.
    double us = seconds * 1e6 / kTimeAcceleration;
    if (!(us > 0) || !std::isfinite(us))
      return std::nullopt;
    lo = std::max(lo, range.lo / us);
    hi = std::min(hi, range.hi / us);
  }
  if (lo > hi)
    return std::nullopt;
  return std::make_pair(lo, hi);
}

std::optional<VoltageMap> chooseVoltageMap(double lowestLeakOrReset,
                                           double highestLeakOrReset,
                                           double highestThreshold) {
  if (!(highestThreshold > lowestLeakOrReset))
    return std::nullopt;
  VoltageMap map;
  map.scale = (kThresholdRangeLsb.hi - kLeakRangeLsb.lo) /
              (highestThreshold - lowestLeakOrReset);
  double span = highestLeakOrReset - lowestLeakOrReset;
  if (span > 0)
    map.scale =
        std::min(map.scale, (kLeakRangeLsb.hi - kLeakRangeLsb.lo) / span);
  map.offset = kLeakRangeLsb.lo - map.scale * lowestLeakOrReset;
  return map;
}

namespace {
/// The partition being filled.
struct OpenPartition {
  int64_t circuits = 0;
  std::set<RowKey> rows;
};

size_t unionSize(const std::set<RowKey> &a, const std::set<RowKey> &b) {
  size_t extra = 0;
  for (const RowKey &k : b)
    extra += a.count(k) ? 0 : 1;
  return a.size() + extra;
}
} // namespace

std::optional<Placement> place(const std::vector<PlacementPopulation> &pops,
                               std::string &error) {
  Placement result;
  OpenPartition open;
  auto close = [&] {
    result.rows.emplace_back(open.rows.begin(), open.rows.end());
    open = OpenPartition();
  };
  auto current = [&] { return static_cast<int64_t>(result.rows.size()); };
  for (size_t p = 0; p < pops.size();) {
    size_t end = p + 1;
    while (end < pops.size() && pops[end].group == pops[p].group)
      ++end;
    bool whole = end - p > 1 || pops[p].recurrent;
    if (whole) {
      int64_t neurons = 0;
      std::set<RowKey> rows;
      std::string names;
      for (size_t q = p; q < end; ++q) {
        neurons += static_cast<int64_t>(pops[q].rowsPerNeuron.size());
        std::set<RowKey> own;
        for (const auto &n : pops[q].rowsPerNeuron)
          own.insert(n.begin(), n.end());
        if (own.size() > kRowsPerChip) {
          error = "population '" + pops[q].name + "' needs " +
                  std::to_string(own.size()) +
                  " synapse rows (one per source and sign); a neuron has " +
                  std::to_string(kRowsPerChip) +
                  ": reduce its fan-in or make its inputs' weights one-signed";
          return std::nullopt;
        }
        rows.insert(own.begin(), own.end());
        names += (names.empty() ? "'" : ", '") + pops[q].name + "'";
      }
      if (neurons > kNeuronsPerChip) {
        error = "recurrent population" + std::string(end - p > 1 ? "s " : " ") +
                names + " need" + (end - p > 1 ? "" : "s") + " " +
                std::to_string(neurons) + " neuron circuits; a chip has " +
                std::to_string(kNeuronsPerChip) +
                " and a recurrent loop cannot span chips or partitions";
        return std::nullopt;
      }
      if (rows.size() > kRowsPerChip) {
        error = "recurrent populations " + names + " need " +
                std::to_string(rows.size()) +
                " synapse rows together; a chip has " +
                std::to_string(kRowsPerChip) +
                " and a recurrent loop cannot span chips or partitions";
        return std::nullopt;
      }
      if (open.circuits + neurons > kNeuronsPerChip ||
          unionSize(open.rows, rows) > kRowsPerChip)
        close();
      for (size_t q = p; q < end; ++q) {
        int64_t size = static_cast<int64_t>(pops[q].rowsPerNeuron.size());
        result.chunks.push_back(
            {static_cast<int64_t>(q), 0, size, current(), open.circuits});
        open.circuits += size;
      }
      open.rows.insert(rows.begin(), rows.end());
    } else {
      const PlacementPopulation &pop = pops[p];
      PlacedChunk *chunk = nullptr;
      for (size_t n = 0; n < pop.rowsPerNeuron.size(); ++n) {
        std::set<RowKey> rows(pop.rowsPerNeuron[n].begin(),
                              pop.rowsPerNeuron[n].end());
        if (rows.size() > kRowsPerChip) {
          error = "population '" + pop.name + "' needs " +
                  std::to_string(rows.size()) + " synapse rows into neuron " +
                  std::to_string(n) +
                  " (one per source and sign); a neuron has " +
                  std::to_string(kRowsPerChip) +
                  ": reduce its fan-in or make its inputs' weights one-signed";
          return std::nullopt;
        }
        if (open.circuits + 1 > kNeuronsPerChip ||
            unionSize(open.rows, rows) > kRowsPerChip) {
          close();
          chunk = nullptr;
        }
        if (!chunk) {
          result.chunks.push_back(
              {static_cast<int64_t>(p), static_cast<int64_t>(n),
               static_cast<int64_t>(n), current(), open.circuits});
          chunk = &result.chunks.back();
        }
        ++chunk->end;
        ++open.circuits;
        open.rows.insert(rows.begin(), rows.end());
      }
    }
    p = end;
  }
  if (open.circuits > 0 || result.rows.empty())
    close();
  return result;
}

} // namespace snn::bss2
