//===- TestUtil.cpp - Helpers for building plans in runtime tests ---------===//

#include "TestUtil.h"

#include <gtest/gtest.h>

using namespace snn;
using namespace snn::runtime;

plan::Plan test::makePlan(const std::string &name) {
  plan::Plan p;
  p.set_format_version(kPlanFormatVersion);
  p.set_name(name);
  p.set_dt(1e-3);
  return p;
}

plan::Node *test::addNode(plan::Plan &p, const std::string &name,
                          std::vector<int64_t> shape,
                          std::vector<std::pair<uint32_t, bool>> operands) {
  plan::Node *n = p.add_nodes();
  n->set_name(name);
  for (int64_t d : shape)
    n->add_shape(d);
  for (auto [node, prev] : operands) {
    plan::Operand *o = n->add_operands();
    o->set_node(node);
    o->set_previous_step(prev);
  }
  if (!operands.empty() &&
      operands[0].first < static_cast<uint32_t>(p.nodes_size()))
    *n->mutable_input_shape() = p.nodes(operands[0].first).shape();
  return n;
}

plan::Node *test::addInput(plan::Plan &p, const std::string &name,
                           std::vector<int64_t> shape) {
  p.add_inputs(p.nodes_size());
  plan::Node *n = addNode(p, name, std::move(shape));
  n->mutable_input();
  return n;
}

plan::NeuronOp test::iafOp(float threshold) {
  plan::NeuronOp op;
  op.add_syn_gain(1.0f);
  op.add_mem_decay(1.0f);
  op.add_mem_gain(1.0f);
  op.set_spiking(true);
  op.add_threshold(threshold);
  op.set_reset(plan::NeuronOp::TO_VALUE);
  op.add_v_reset(0.0f);
  return op;
}

Tensor test::runAndRecord(const plan::Plan &plan, const Tensor &input,
                          const std::string &name, int64_t steps) {
  std::string err;
  auto engine = Engine::create(plan, err);
  if (!engine) {
    ADD_FAILURE() << "invalid plan: " << err;
    return Tensor();
  }
  RunOptions options;
  options.record = {name};
  options.steps = steps;
  RunResult result;
  if (!engine->run({input}, options, result, err)) {
    ADD_FAILURE() << "run failed: " << err;
    return Tensor();
  }
  return result.records.at(name);
}

Tensor test::sequence(const std::vector<std::vector<float>> &rows) {
  int64_t n = rows.empty() ? 0 : rows[0].size();
  Tensor t({1, static_cast<int64_t>(rows.size()), n});
  for (size_t r = 0; r < rows.size(); ++r)
    std::copy(rows[r].begin(), rows[r].end(), t.data.begin() + r * n);
  return t;
}

std::vector<float> test::stepValues(const Tensor &t, int64_t b, int64_t step) {
  if (t.shape.size() < 2)
    return {};
  int64_t per = t.numel() / (t.shape[0] * t.shape[1]);
  auto begin = t.data.begin() + (b * t.shape[1] + step) * per;
  return std::vector<float>(begin, begin + per);
}
