//===- Random.h - Portable seeded random numbers -----------------*- C++
//-*-===//
//
// The mismatch of an emulated chip must be the same bytes on every platform
// and standard library for the same seed. std::mt19937_64 is fully specified
// by the standard, but std::normal_distribution and friends are not, so the
// distributions are written out here.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_RUNTIME_ANALOG_RANDOM_H
#define SNN_RUNTIME_ANALOG_RANDOM_H

#include <cmath>
#include <cstdint>
#include <random>

namespace snn::runtime::analog {

class Random {
public:
  explicit Random(uint64_t seed) : engine(seed) {}

  /// Uniform in (0, 1): the top 53 bits of one draw, never 0.
  double uniform() {
    return (static_cast<double>(engine() >> 11) + 0.5) * 0x1.0p-53;
  }

  /// Standard normal by Box-Muller, both values used in turn.
  double normal() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const double radius = std::sqrt(-2.0 * std::log(uniform()));
    const double angle = 6.283185307179586 * uniform();
    spare = radius * std::sin(angle);
    hasSpare = true;
    return radius * std::cos(angle);
  }

  /// Normal with mean `mean` and standard deviation `sigma`.
  double normal(double mean, double sigma) { return mean + sigma * normal(); }

private:
  std::mt19937_64 engine;
  double spare = 0;
  bool hasSpare = false;
};

} // namespace snn::runtime::analog

#endif // SNN_RUNTIME_ANALOG_RANDOM_H
