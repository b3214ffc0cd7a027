//===- Engine.h - The reference CPU engine for step plans --------*- C++
//-*-===//
//
// Runs a validated step plan (runtime/plan/Plan.proto) over a batch of input
// sequences. Per step, nodes are evaluated in plan order; a node's input is
// the element-wise sum of its operands, where a `previous_step` operand reads
// the value its node had at the step before (zero at t = 0).
//
// Batch items are independent simulations, run on a pool of threads; when
// there are fewer items than threads, a team of threads splits each item's
// step by output ranges (detail/StepTeam.h). Every value is computed with the
// serial arithmetic, so results do not depend on the thread count. Sparse
// nodes propagate only the non-zero inputs (spikes) of a step.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_ENGINE_H
#define SNN_RUNTIME_ENGINE_ENGINE_H

#include "runtime/engine/PlanFile.h"
#include "runtime/engine/Tensor.h"
#include "runtime/engine/Validate.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace snn::runtime {
namespace detail {
struct PreparedPlan;
struct EventPlan;
} // namespace detail

/// How to run a plan.
struct RunOptions {
  /// Steps to simulate; -1 means the input length T. Past T the input is zero.
  int64_t steps = -1;
  /// Static input: each input has shape (B, ...input node shape), no time
  /// axis, and the same slice is presented at every step (a constant input
  /// current, read in place rather than repeated in memory); `steps` must
  /// then be given (>= 0). An ANN plan (Plan.ann) is evaluated this way with
  /// one step.
  bool staticInput = false;
  /// What to record: "NODE" (node output), "NODE:v" (membrane after reset and
  /// floor) and "NODE:i" (synaptic current) of neuron nodes. For fixed-point
  /// neurons ":v" and ":i" are the raw integers (Loihi u, SpiNNaker i; Speck
  /// has no ":i").
  std::vector<std::string> record;
  /// Worker threads; 0 means std::thread::hardware_concurrency().
  unsigned threads = 0;
  /// Called with (steps done, total steps) summed over the batch, about every
  /// `progressEvery` steps of each item and once at the end. Calls are
  /// serialized but may come from any worker thread.
  std::function<void(int64_t done, int64_t total)> progress;
  int64_t progressEvery = 1000;
  /// Split batch items over threads even when a step has fewer than
  /// kMinTeamOutputs outputs (for tests; results are the same either way).
  bool forceTeams = false;
};

/// Outputs per step (summed over nodes) from which the threads of a run with
/// fewer batch items than threads share each item's steps.
constexpr int64_t kMinTeamOutputs = 1 << 17;

/// Spike statistics of one spiking neuron (float or fixed-point) or threshold
/// node.
struct NodeStats {
  std::string name;
  int64_t node = 0;
  /// Sum of the node's outputs over all steps and elements, per batch item.
  std::vector<double> spikeCount;
};

/// What a run produces.
struct RunResult {
  /// Per plan output, in plan order: shape (B, steps, ...node shape).
  std::vector<std::pair<std::string, Tensor>> outputs;
  /// Per recorded name: shape (B, steps, ...node shape).
  std::map<std::string, Tensor> records;
  /// One entry per spiking neuron node and threshold node, in plan order.
  std::vector<NodeStats> stats;
};

/// Checks run inputs against `plan`'s input nodes, as every engine does
/// before it runs: one tensor per plan input, each (B, T, ...node shape) with
/// the same B and T ((B, ...node shape) for a static input), and a step count
/// `requestedSteps` (-1: the inputs' length T). Sets the batch size, the
/// input length and the number of steps; returns false with `err` naming the
/// input, its shape and the one expected.
bool checkRunInputs(const plan::Plan &plan, const std::vector<Tensor> &inputs,
                    bool staticInput, int64_t requestedSteps, int64_t &batch,
                    int64_t &length, int64_t &steps, std::string &err);

class Engine {
public:
  /// Validates `plan` and builds an engine for it; returns null with `err`
  /// naming the offending node when the plan is invalid.
  static std::unique_ptr<Engine> create(plan::Plan plan, std::string &err);
  ~Engine();

  /// Runs the plan. `inputs` has one tensor per plan input (in plan order) of
  /// shape (B, T, ...input node shape), the same B and T for all ((B, ...)
  /// with RunOptions::staticInput). Returns
  /// false with `err` for mismatched inputs or unknown record names.
  bool run(const std::vector<Tensor> &inputs, const RunOptions &options,
           RunResult &result, std::string &err) const;

  const plan::Plan &getPlan() const { return plan; }
  /// Every name `RunOptions::record` accepts, in plan order.
  std::vector<std::string> recordableNames() const;
  /// Index of the node called `name`, or -1.
  int64_t findNode(const std::string &name) const;
  /// Resolves a `RunOptions::record` name: "NODE" (signal 'o', its output),
  /// "NODE:v" (membrane) or "NODE:i" (synaptic current). Returns the node's
  /// index, or -1 with `err` saying why and listing the valid names.
  int64_t resolveRecord(const std::string &name, char &signal,
                        std::string &err) const;

  /// Bytes the event-driven path streams per synaptic event of sparse node
  /// `node` (row index and weight; see EventSparse), or 0 where the node
  /// pulls (not sparse, or not reproducible bit for bit by a push).
  double eventBytesPerSynapse(int64_t node) const;

private:
  Engine(plan::Plan plan, std::vector<NodeLayout> layouts);
  /// The event-driven sparse matrices for teams of `teamSize`, built on
  /// first use and kept for the next run; null when the plan has none.
  std::shared_ptr<const detail::EventPlan> eventPlan(unsigned teamSize) const;

  plan::Plan plan;
  std::vector<NodeLayout> layouts;
  std::unique_ptr<detail::PreparedPlan> prepared;
  mutable std::mutex eventsMutex;
  mutable std::shared_ptr<const detail::EventPlan> events;
};

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_ENGINE_H
