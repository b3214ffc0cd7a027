//===- TestUtil.h - Helpers for building plans in runtime tests -*- C++ -*-===//

#ifndef SNN_TEST_RUNTIME_TESTUTIL_H
#define SNN_TEST_RUNTIME_TESTUTIL_H

#include "runtime/engine/Engine.h"

#include <initializer_list>
#include <string>
#include <vector>

namespace snn::runtime::test {

/// An empty plan with the current format_version.
plan::Plan makePlan(const std::string &name = "test");

/// Appends a node with `shape`; operands (node, previous_step) set
/// input_shape to the first operand's shape.
plan::Node *addNode(plan::Plan &p, const std::string &name,
                    std::vector<int64_t> shape,
                    std::vector<std::pair<uint32_t, bool>> operands = {});

/// Appends an input node and lists it in the plan inputs.
plan::Node *addInput(plan::Plan &p, const std::string &name,
                     std::vector<int64_t> shape);

/// An integrate-and-fire neuron op (decay 1, gains 1, threshold 1, reset 0).
plan::NeuronOp iafOp(float threshold = 1.0f);

/// Runs `plan` on `input` (B, T, ...) and returns the recording `name`;
/// fails the calling test (via ADD_FAILURE) when anything goes wrong.
Tensor runAndRecord(const plan::Plan &plan, const Tensor &input,
                    const std::string &name, int64_t steps = -1);

/// A (1, T, n) tensor from per-step rows.
Tensor sequence(const std::vector<std::vector<float>> &rows);

/// Values of step `t` of batch item `b` of a (B, T, ...) tensor.
std::vector<float> stepValues(const Tensor &t, int64_t b, int64_t step);

} // namespace snn::runtime::test

#endif // SNN_TEST_RUNTIME_TESTUTIL_H
