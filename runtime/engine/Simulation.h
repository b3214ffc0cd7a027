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
#include "runtime/engine/NeuronLoop.h"
#include "runtime/engine/NeuronMath.h"
#include "runtime/engine/StepTeam.h"
#include "runtime/engine/Validate.h"

#include <memory>
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
  /// Affine, conv, pool and sparse read all of their input; other ops read
  /// only the elements they write.
  bool readsAll = false;
  /// A neuron node that sums its 2..kMaxFusedOperands operands in its own
  /// loop (no gathered buffer).
  bool fusesOperands = false;
  /// Team barriers: after this node when a later node reads all of it this
  /// step; before it when an earlier node read all of its previous value in
  /// place this step.
  bool barrierAfter = false, barrierBefore = false;
};

struct PreparedPlan {
  std::vector<PreparedNode> nodes;
  /// A snapshot is read whole: the team meets after taking snapshots.
  bool barrierAfterSnapshots = false;
};

/// Event-driven forms of a plan's sparse nodes for a given team size (null
/// entries: pull only). Built once per engine and team size.
struct EventPlan {
  unsigned blocks = 1;
  std::vector<std::unique_ptr<EventSparse>> sparse; ///< Per node.
};

/// A neuron population's state, one array per variable (see NeuronLoop.h).
struct NeuronStore {
  std::vector<float> i, v, a;
  bool empty() const { return v.empty(); }
  void assign(int64_t n) {
    i.assign(n, 0.0f);
    v.assign(n, 0.0f);
    a.assign(n, 0.0f);
  }
  NeuronStateArrays arrays() { return {i.data(), v.data(), a.data()}; }
};

/// Builds the event-driven sparse matrices of `plan` for `blocks` ranks.
std::shared_ptr<const EventPlan> buildEventPlan(const plan::Plan &plan,
                                                const std::vector<NodeLayout> &,
                                                unsigned blocks);

/// Builds the shared data; `plan` must be validated and outlive the result.
PreparedPlan preparePlan(const plan::Plan &plan);

/// Fills the neuron view of a NeuronOp (pointers into `op`).
void describeNeuron(const plan::NeuronOp &op, NeuronConfig &config,
                    NeuronParamArrays &params);

/// The evolving state of one batch item.
class Simulation {
public:
  /// `events` (optional) enables event-driven sparse propagation; its block
  /// count must equal the size of the teams that step this simulation.
  Simulation(const plan::Plan &plan, const std::vector<NodeLayout> &layouts,
             const PreparedPlan &prepared, const EventPlan *events = nullptr);

  /// Advances to step `t` (0, 1, ...). `inputs[k]` is the step's slice of plan
  /// input k, or null for zeros.
  void step(int64_t t, const std::vector<const float *> &inputs) {
    step(t, inputs, nullptr, 0);
  }
  /// The same, called by every member `rank` of `team` together (team may be
  /// null: one thread). Errors of fixed-point nodes go to the team (see
  /// StepTeam::fail) instead of being thrown. All members return after the
  /// step is complete.
  void step(int64_t t, const std::vector<const float *> &inputs, StepTeam *team,
            unsigned rank);
  /// Elements [lo, hi) of node `node`'s outputs owned by `rank` of `parts`.
  void ownedRange(int64_t node, unsigned rank, unsigned parts, int64_t &lo,
                  int64_t &hi) const;

  const std::vector<float> &output(int64_t node) const { return cur[node]; }
  /// State of a neuron node's population (empty for other nodes).
  const NeuronStore &neurons(int64_t node) const { return neuronStates[node]; }
  /// Integer state of a fixed-point neuron node (empty for other nodes).
  const std::vector<FixedState> &fixedStates(int64_t node) const {
    return fixedPointStates[node];
  }

private:
  /// The node's summed input: elements [lo, hi) of it are valid.
  const float *gatherInput(int64_t node, int64_t lo, int64_t hi);
  /// The buffer operand `s` reads: the source's output, or its snapshot.
  const float *operandData(const PreparedNode::Source &s) const {
    return s.fromSnapshot ? prev[s.node].data() : cur[s.node].data();
  }
  /// Steps elements [lo, hi) of a fixed-point population; throws on a
  /// non-integer input.
  void stepFixedPoint(int64_t node, int64_t t, const float *x, float *y,
                      int64_t lo, int64_t hi);
  /// Elements [lo, hi) of a float neuron population.
  void stepNeurons(int64_t node, const float *x, float *y, int64_t lo,
                   int64_t hi);
  /// Outputs [lo, hi) of a sparse node (rows; the team's block `rank`).
  void stepSparse(int64_t node, const float *x, float *y, unsigned rank,
                  int64_t lo, int64_t hi);

  const plan::Plan &plan;
  const std::vector<NodeLayout> &layouts;
  const PreparedPlan &prepared;
  std::vector<std::vector<float>> cur, prev;
  const EventPlan *events;
  /// Summed inputs of multi-operand nodes (one buffer each, so a team never
  /// overwrites an input another member still reads).
  std::vector<std::vector<float>> gathered;
  /// Per rank: non-zero input columns of the sparse node being stepped, and
  /// the input they list, kept while that input is unchanged so sparse
  /// nodes reading the same spikes list them once per step.
  std::vector<std::vector<uint32_t>> active;
  struct ListedInput {
    const float *x = nullptr;
    int64_t count = 0;
  };
  std::vector<ListedInput> listed;
  std::vector<NeuronStore> neuronStates;
  std::vector<std::vector<FixedState>> fixedPointStates;
  std::vector<DelayLine> delays;
};

} // namespace snn::runtime::detail

#endif // SNN_RUNTIME_ENGINE_SIMULATION_H
