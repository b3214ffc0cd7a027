//===- Simulation.h - One batch item's state and step ------------*- C++
//-*-===//
//
// Internal to the engine. A PreparedPlan holds what every batch item shares
// (resolved operands, neuron parameter views); a Simulation holds one item's
// node outputs, neuron states and delay lines and advances them one step.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_SIMULATION_H
#define SNN_RUNTIME_ENGINE_SIMULATION_H

#include "runtime/engine/FixedPoint.h"
#include "runtime/engine/Kernels.h"
#include "runtime/engine/NeuronMath.h"
#include "runtime/engine/Validate.h"

#include <vector>

namespace snn::runtime::detail {

/// Per-node data shared by all batch items.
struct PreparedNode {
  struct Source {
    uint32_t node;
    bool fromSnapshot; ///< Read the copy taken before this step began.
  };
  std::vector<Source> operands;
  /// Keep a copy of the previous step's output: some node at or after this
  /// one in the order reads it with previous_step, after it is overwritten.
  bool snapshot = false;
  /// Index into the run's inputs, for input nodes.
  int inputSlot = -1;
  /// Spiking neuron or threshold node: its outputs are counted.
  bool countsSpikes = false;
  NeuronConfig neuronConfig;
  NeuronParamArrays neuronParams; ///< Views into the engine's plan.
  bool fixedPoint = false;        ///< A loihi/spinnaker/speck neuron node.
  FixedConfig fixedConfig;
  FixedParamArrays fixedParams; ///< Views into the engine's plan.
};

struct PreparedPlan {
  std::vector<PreparedNode> nodes;
};

/// Builds the shared data; `plan` must be validated and outlive the result.
PreparedPlan preparePlan(const plan::Plan &plan);

/// Fills the neuron view of a NeuronOp (pointers into `op`).
void describeNeuron(const plan::NeuronOp &op, NeuronConfig &config,
                    NeuronParamArrays &params);

/// The evolving state of one batch item.
class Simulation {
public:
  Simulation(const plan::Plan &plan, const std::vector<NodeLayout> &layouts,
             const PreparedPlan &prepared);

  /// Advances to step `t` (0, 1, ...). `inputs[k]` is the step's slice of plan
  /// input k, or null for zeros.
  void step(int64_t t, const std::vector<const float *> &inputs);

  const std::vector<float> &output(int64_t node) const { return cur[node]; }
  /// State of a neuron node's population (empty for other nodes).
  const std::vector<NeuronState> &neurons(int64_t node) const {
    return neuronStates[node];
  }
  /// Integer state of a fixed-point neuron node (empty for other nodes).
  const std::vector<FixedState> &fixedStates(int64_t node) const {
    return fixedPointStates[node];
  }

private:
  const float *gatherInput(int64_t node);
  /// Steps a fixed-point population; throws on a non-integer input.
  void stepFixedPoint(int64_t node, int64_t t, const float *x, float *y);

  const plan::Plan &plan;
  const std::vector<NodeLayout> &layouts;
  const PreparedPlan &prepared;
  std::vector<std::vector<float>> cur, prev;
  std::vector<float> scratch;
  std::vector<std::vector<NeuronState>> neuronStates;
  std::vector<std::vector<FixedState>> fixedPointStates;
  std::vector<DelayLine> delays;
};

} // namespace snn::runtime::detail

#endif // SNN_RUNTIME_ENGINE_SIMULATION_H
