//===- Mismatch.cpp - Fixed-pattern mismatch of an emulated chip ----------===//
#include "runtime/analog/Mismatch.h"
#include "runtime/analog/Random.h"
#include "runtime/artifact/BrainScaleS2Params.h"

#include <algorithm>
#include <cmath>

using namespace snn::runtime::analog;

double ChipMismatch::synapseGain(uint32_t row, uint32_t circuit) const {
  return synapse[static_cast<size_t>(row) * bss2::kNeuronsPerChip + circuit];
}

double snn::runtime::analog::driverOffsetFactor(unsigned code) {
  return 1.0 +
         (static_cast<double>(code) - kDriverOffsetNominal) * kDriverOffsetStep;
}

unsigned snn::runtime::analog::calibrateDriverOffset(double rowGain) {
  unsigned best = kDriverOffsetNominal;
  for (unsigned c = 0; c < kDriverOffsetCodes; ++c)
    if (std::abs(rowGain * driverOffsetFactor(c) - 1.0) <
        std::abs(rowGain * driverOffsetFactor(best) - 1.0))
      best = c;
  return best;
}

ChipMismatch snn::runtime::analog::nominalChip() {
  ChipMismatch chip;
  chip.rows.assign(bss2::kRowsPerChip, 1.0);
  chip.circuits.assign(bss2::kNeuronsPerChip, CircuitMismatch{});
  chip.synapse.assign(
      static_cast<size_t>(bss2::kRowsPerChip) * bss2::kNeuronsPerChip, 1.0);
  return chip;
}

ChipMismatch snn::runtime::analog::drawChip(uint64_t seed, uint32_t chip,
                                            const MismatchModel &m) {
  // One stream per chip: the chip number is mixed into the seed (splitmix64
  // constants) so chips of one system differ and adding a chip leaves the
  // others unchanged.
  uint64_t mixed = seed + 0x9E3779B97F4A7C15ull * (chip + 1);
  mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9ull;
  mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBull;
  mixed ^= mixed >> 31;
  Random rng(mixed);
  auto gain = [&](double sigma) {
    return std::max(m.minGain, rng.normal(1.0, sigma));
  };
  ChipMismatch out;
  out.circuits.resize(bss2::kNeuronsPerChip);
  // The draw order is part of the model (same seed, same chip): never
  // reorder these lines.
  for (CircuitMismatch &c : out.circuits) {
    c.tauMem = gain(m.tauMemGain);
    c.tauSynExc = gain(m.tauSynGain);
    c.tauSynInh = gain(m.tauSynGain);
    c.leakOffset = rng.normal(0, m.potentialOffsetLsb);
    c.resetOffset = rng.normal(0, m.potentialOffsetLsb);
    c.thresholdOffset = rng.normal(0, m.potentialOffsetLsb);
    c.leakGain = gain(m.potentialGain);
    c.resetGain = gain(m.potentialGain);
    c.thresholdGain = gain(m.potentialGain);
    c.synGainExc = gain(m.synGainGain);
    c.synGainInh = gain(m.synGainGain);
  }
  out.synapse.resize(static_cast<size_t>(bss2::kRowsPerChip) *
                     bss2::kNeuronsPerChip);
  for (double &s : out.synapse)
    s = gain(m.synapseGain);
  // Drawn last so the draws above keep their place in the stream.
  out.rows.resize(bss2::kRowsPerChip);
  for (double &r : out.rows)
    r = gain(m.rowGain);
  return out;
}
