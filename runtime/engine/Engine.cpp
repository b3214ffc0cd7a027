//===- Engine.cpp - The reference CPU engine for step plans ---------------===//

#include "runtime/engine/Engine.h"

#include "runtime/engine/Simulation.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <new>
#include <thread>

using namespace snn;
using namespace snn::runtime;

namespace {

/// What to copy out of a simulation into which tensor.
struct Probe {
  enum Kind { Output, Membrane, Current };
  int64_t node;
  Kind kind;
  Tensor *target;
};

/// The shape (B, steps, ...node shape) of a recording.
std::vector<int64_t> recordShape(const plan::Node &node, int64_t batch,
                                 int64_t steps) {
  std::vector<int64_t> shape = {batch, steps};
  shape.insert(shape.end(), node.shape().begin(), node.shape().end());
  return shape;
}

/// Copies elements [lo, hi) of a probe's node into its step slice at
/// `offset`.
void copyProbe(const detail::Simulation &sim, const Probe &p, int64_t offset,
               int64_t lo, int64_t hi) {
  float *dst = p.target->data.data() + offset;
  if (p.kind == Probe::Output) {
    const std::vector<float> &y = sim.output(p.node);
    std::copy(y.begin() + lo, y.begin() + hi, dst + lo);
    return;
  }
  const detail::NeuronStore &neurons = sim.neurons(p.node);
  if (!neurons.empty()) {
    const std::vector<float> &src =
        p.kind == Probe::Membrane ? neurons.v : neurons.i;
    std::copy(src.begin() + lo, src.begin() + hi, dst + lo);
  }
  // Fixed-point state is recorded raw (integer units, see v_scale).
  const std::vector<FixedState> &fixed = sim.fixedStates(p.node);
  for (int64_t k = lo; k < hi && !fixed.empty(); ++k)
    dst[k] =
        static_cast<float>(p.kind == Probe::Membrane ? fixed[k].v : fixed[k].i);
}

/// Sum of y[lo, hi), all whole numbers (spike counts). Whole numbers add
/// exactly in double in any order, so eight independent partial sums give
/// the serial sum's value without its chain of dependent adds.
double sumWholeNumbers(const float *y, int64_t lo, int64_t hi) {
  double part[8] = {};
  int64_t k = lo;
  for (; k + 8 <= hi; k += 8)
    for (int j = 0; j < 8; ++j)
      part[j] += y[k + j];
  double sum = 0.0;
  for (; k < hi; ++k)
    sum += y[k];
  for (double p : part)
    sum += p;
  return sum;
}

/// Whether `node` has the state recorded as "NAME:c".
bool hasState(const plan::Node &node, char c) {
  if (node.has_neuron())
    return c == 'v' || c == 'i';
  if (isFixedPointNeuron(node))
    return c == 'v' || (c == 'i' && fixedPointHasCurrent(node));
  return false;
}

} // namespace

Engine::Engine(plan::Plan p, std::vector<NodeLayout> l)
    : plan(std::move(p)), layouts(std::move(l)),
      prepared(
          std::make_unique<detail::PreparedPlan>(detail::preparePlan(plan))) {}

Engine::~Engine() = default;

std::shared_ptr<const detail::EventPlan>
Engine::eventPlan(unsigned teamSize) const {
  bool anySparse = false;
  for (const plan::Node &node : plan.nodes())
    anySparse |= node.has_sparse();
  if (!anySparse)
    return nullptr;
  std::lock_guard<std::mutex> lock(eventsMutex);
  if (!events || events->blocks != teamSize)
    events = detail::buildEventPlan(plan, layouts, teamSize);
  return events;
}

double Engine::eventBytesPerSynapse(int64_t node) const {
  if (node < 0 || node >= plan.nodes_size() || !plan.nodes(node).has_sparse())
    return 0.0;
  std::shared_ptr<const detail::EventPlan> built;
  {
    std::lock_guard<std::mutex> lock(eventsMutex);
    built = events;
  }
  if (!built)
    built = eventPlan(1);
  const EventSparse *e = built->sparse[node].get();
  return e ? e->bytesPerEvent() : 0.0;
}

std::unique_ptr<Engine> Engine::create(plan::Plan plan, std::string &err) {
  std::vector<NodeLayout> layouts;
  if (!validatePlan(plan, layouts, err))
    return nullptr;
  return std::unique_ptr<Engine>(
      new Engine(std::move(plan), std::move(layouts)));
}

int64_t Engine::findNode(const std::string &name) const {
  for (int i = 0; i < plan.nodes_size(); ++i)
    if (plan.nodes(i).name() == name)
      return i;
  return -1;
}

int64_t Engine::resolveRecord(const std::string &name, char &signal,
                              std::string &err) const {
  signal = 'o';
  int64_t node = findNode(name);
  if (node < 0 && name.size() > 2 && name[name.size() - 2] == ':') {
    signal = name.back();
    node = findNode(name.substr(0, name.size() - 2));
    if (node >= 0 && signal == 'i' && plan.nodes(node).has_speck_neuron()) {
      err = "cannot record '" + name + "': speck_neuron node '" +
            plan.nodes(node).name() +
            "' is integrate-and-fire without a synaptic current (record "
            "':v' or the output)";
      return -1;
    }
    if (node >= 0 && !hasState(plan.nodes(node), signal))
      node = -1;
  }
  if (node < 0) {
    err = "cannot record '" + name + "'; valid names:";
    for (const std::string &n : recordableNames())
      err += " " + n;
  }
  return node;
}

std::vector<std::string> Engine::recordableNames() const {
  std::vector<std::string> names;
  for (const plan::Node &node : plan.nodes()) {
    names.push_back(node.name());
    for (char c : {'v', 'i'})
      if (hasState(node, c))
        names.push_back(node.name() + ":" + c);
  }
  return names;
}

bool snn::runtime::checkRunInputs(const plan::Plan &plan,
                                  const std::vector<Tensor> &inputs,
                                  bool staticInput, int64_t requestedSteps,
                                  int64_t &batch, int64_t &length,
                                  int64_t &steps, std::string &err) {
  if (inputs.size() != static_cast<size_t>(plan.inputs_size())) {
    err = "plan '" + plan.name() + "' takes " +
          std::to_string(plan.inputs_size()) + " inputs, got " +
          std::to_string(inputs.size());
    return false;
  }
  batch = 1, length = 0;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const plan::Node &node = plan.nodes(plan.inputs(k));
    std::vector<int64_t> want(node.shape().begin(), node.shape().end());
    const Tensor &in = inputs[k];
    size_t lead = staticInput ? 1 : 2; // (B) or (B, T) before.
    bool ok = in.shape.size() == want.size() + lead &&
              std::equal(want.begin(), want.end(), in.shape.begin() + lead) &&
              static_cast<int64_t>(in.data.size()) == in.numel() &&
              (k == 0 || (in.shape[0] == batch &&
                          (staticInput || in.shape[1] == length)));
    if (!ok) {
      err = "input " + std::to_string(k) + " ('" + node.name() +
            "') has shape " + shapeToString(in.shape) + ", expected " +
            (staticInput ? "(B)" : "(B, T)") + " + " + shapeToString(want) +
            (k ? " with B = " + std::to_string(batch) +
                     (staticInput ? "" : ", T = " + std::to_string(length))
               : "");
      return false;
    }
    batch = in.shape[0];
    length = staticInput ? 1 : in.shape[1];
  }
  if (staticInput && requestedSteps < 0) {
    err = "a static input needs the number of steps";
    return false;
  }
  steps = requestedSteps < 0 ? length : requestedSteps;
  if (requestedSteps < -1 || (inputs.empty() && requestedSteps < 0)) {
    err = inputs.empty() ? "plan has no inputs: set the number of steps"
                         : "steps must be >= 0 (or -1 for the input length)";
    return false;
  }
  return true;
}

bool Engine::run(const std::vector<Tensor> &inputs, const RunOptions &options,
                 RunResult &result, std::string &err) const try {
  int64_t batch = 1, length = 0, steps = 0;
  if (!checkRunInputs(plan, inputs, options.staticInput, options.steps, batch,
                      length, steps, err))
    return false;

  // Resolve the recordings and allocate every result tensor up front, so the
  // workers only write disjoint slices.
  result = RunResult();
  std::vector<Probe> probes;
  for (const std::string &name : options.record) {
    char signal;
    int64_t node = resolveRecord(name, signal, err);
    if (node < 0)
      return false;
    Probe::Kind kind = signal == 'v'   ? Probe::Membrane
                       : signal == 'i' ? Probe::Current
                                       : Probe::Output;
    Tensor &t = result.records[name];
    t = Tensor(recordShape(plan.nodes(node), batch, steps));
    probes.push_back({node, kind, &t});
  }
  result.outputs.reserve(plan.outputs_size());
  for (const plan::Output &o : plan.outputs())
    result.outputs.emplace_back(
        o.name(), Tensor(recordShape(plan.nodes(o.node()), batch, steps)));
  for (int k = 0; k < plan.outputs_size(); ++k)
    probes.push_back(
        {plan.outputs(k).node(), Probe::Output, &result.outputs[k].second});
  std::vector<int64_t> counted;
  for (int i = 0; i < plan.nodes_size(); ++i)
    if (prepared->nodes[i].countsSpikes) {
      counted.push_back(i);
      result.stats.push_back(
          {plan.nodes(i).name(), i, std::vector<double>(batch, 0.0)});
    }

  // Threads form teams; each team takes whole batch items (items g, g +
  // teams, ...) and splits every step of an item by output ranges. Neither
  // changes any item's arithmetic, so results do not depend on the threads.
  unsigned threads = options.threads
                         ? options.threads
                         : std::max(1u, std::thread::hardware_concurrency());
  // A team meets a few times per step; below ~1e5 outputs per step the
  // barriers cost more than the split saves (measured: 4000- and 20000-neuron
  // networks ran slower with 2 threads than with 1 on a loaded 2-core host).
  int64_t stepOutputs = 0;
  for (const NodeLayout &l : layouts)
    stepOutputs += l.outNumel;
  unsigned teamSize = stepOutputs < kMinTeamOutputs && !options.forceTeams
                          ? 1
                          : static_cast<unsigned>(std::max<int64_t>(
                                1, static_cast<int64_t>(threads) / batch));
  unsigned groups = static_cast<unsigned>(
      std::max<int64_t>(1, std::min<int64_t>(threads / teamSize, batch)));
  std::shared_ptr<const detail::EventPlan> eventsForRun = eventPlan(teamSize);
  std::atomic<int64_t> stepsDone{0};
  std::mutex progressMutex;
  int64_t totalSteps = batch * steps;
  auto reportProgress = [&](int64_t delta) {
    if (!options.progress)
      return;
    std::lock_guard<std::mutex> lock(progressMutex);
    options.progress(stepsDone += delta, totalSteps);
  };
  std::vector<std::unique_ptr<detail::StepTeam>> teams;
  std::vector<std::unique_ptr<detail::Simulation>> sims(groups);
  // Per group and rank: spike counts of its output range for the current
  // item. Spike outputs are whole numbers, so these double sums are exact
  // and their order does not matter.
  std::vector<std::vector<std::vector<double>>> partial(
      groups, std::vector<std::vector<double>>(
                  teamSize, std::vector<double>(counted.size(), 0.0)));
  for (unsigned g = 0; g < groups; ++g)
    teams.push_back(std::make_unique<detail::StepTeam>(teamSize));
  auto member = [&](unsigned g, unsigned rank) {
    detail::StepTeam &team = *teams[g];
    std::vector<double> &mine = partial[g][rank];
    std::vector<const float *> slices(inputs.size());
    for (int64_t b = g; b < batch; b += groups) {
      if (rank == 0) {
        try {
          sims[g] = std::make_unique<detail::Simulation>(
              plan, layouts, *prepared, eventsForRun.get());
        } catch (...) {
          team.fail(0, std::current_exception());
        }
      }
      team.arrive();
      if (team.failed())
        return;
      detail::Simulation &sim = *sims[g];
      int64_t sinceReport = 0;
      for (int64_t t = 0; t < steps; ++t) {
        for (size_t k = 0; k < inputs.size(); ++k) {
          int64_t per = layouts[plan.inputs(k)].outNumel;
          if (options.staticInput)
            slices[k] = inputs[k].data.data() + b * per;
          else
            slices[k] = t < length
                            ? inputs[k].data.data() + (b * length + t) * per
                            : nullptr;
        }
        sim.step(t, slices, &team, rank);
        if (team.failed())
          return; // Every member sees it after the step's last barrier.
        int64_t lo, hi;
        for (const Probe &p : probes) {
          sim.ownedRange(p.node, rank, teamSize, lo, hi);
          copyProbe(sim, p, (b * steps + t) * layouts[p.node].outNumel, lo, hi);
        }
        for (size_t c = 0; c < counted.size(); ++c) {
          sim.ownedRange(counted[c], rank, teamSize, lo, hi);
          mine[c] += sumWholeNumbers(sim.output(counted[c]).data(), lo, hi);
        }
        if (rank == 0 &&
            ++sinceReport >= std::max<int64_t>(1, options.progressEvery)) {
          reportProgress(sinceReport);
          sinceReport = 0;
        }
      }
      team.arrive();
      if (rank == 0) {
        for (size_t c = 0; c < counted.size(); ++c)
          for (std::vector<double> &part : partial[g]) {
            result.stats[c].spikeCount[b] += part[c];
            part[c] = 0.0;
          }
        if (sinceReport)
          reportProgress(sinceReport);
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned g = 0; g < groups; ++g)
    for (unsigned r = 0; r < teamSize; ++r)
      if (g || r)
        pool.emplace_back(member, g, r);
  member(0, 0);
  for (std::thread &t : pool)
    t.join();
  for (const std::unique_ptr<detail::StepTeam> &team : teams)
    if (std::exception_ptr e = team->firstError())
      std::rethrow_exception(e);
  return true;
} catch (const std::bad_alloc &) {
  err = "out of memory while running plan '" + plan.name() + "'";
  return false;
} catch (const std::exception &e) {
  err = std::string("run of plan '") + plan.name() + "' failed: " + e.what();
  return false;
}
