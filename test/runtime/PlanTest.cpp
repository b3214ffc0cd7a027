//===- PlanTest.cpp - Plan files and validation errors --------------------===//

#include "TestUtil.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::test;

namespace {

/// in (3) -> fc (2) -> lif (2).
plan::Plan smallPlan() {
  plan::Plan p = makePlan("small");
  addInput(p, "in", {3});
  plan::AffineOp *fc = addNode(p, "fc", {2}, {{0, false}})->mutable_affine();
  for (int k = 0; k < 6; ++k)
    fc->add_weight(0.1f * k);
  *addNode(p, "lif", {2}, {{1, false}})->mutable_neuron() = iafOp();
  plan::Output *o = p.add_outputs();
  o->set_name("output");
  o->set_node(2);
  (*p.mutable_metadata())["source"] = "test";
  return p;
}

/// The validation error for `p` (and a failure if it validates).
std::string invalid(const plan::Plan &p) {
  std::string err;
  EXPECT_FALSE(Engine::create(p, err)) << "plan unexpectedly valid";
  return err;
}

#define EXPECT_CONTAINS(haystack, needle)                                      \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos)             \
      << "'" << (haystack) << "' lacks '" << (needle) << "'"

} // namespace

TEST(Plan, SmallPlanIsValid) {
  std::string err;
  EXPECT_TRUE(Engine::create(smallPlan(), err)) << err;
}

// Tests binary and text round trips through files.
TEST(Plan, FileRoundTrip) {
  plan::Plan p = smallPlan();
  for (const char *name : {"plan.snnplan", "plan.pbtxt", "plan.txt"}) {
    std::string path = ::testing::TempDir() + "/" + name, err;
    ASSERT_TRUE(writePlanFile(path, p, err)) << err;
    plan::Plan back;
    ASSERT_TRUE(loadPlanFile(path, back, err)) << err;
    EXPECT_EQ(back.SerializeAsString(), p.SerializeAsString()) << name;
    std::remove(path.c_str());
  }
}

// Tests that a text plan with a syntax error reports file, line and column.
TEST(Plan, TextParseError) {
  std::string path = ::testing::TempDir() + "/bad.pbtxt", err;
  std::ofstream(path) << "format_version: 1\nnodes { nme: \"x\" }\n";
  plan::Plan p;
  EXPECT_FALSE(loadPlanFile(path, p, err));
  EXPECT_CONTAINS(err, path + ": not a valid text-format plan: line 2");
  std::ofstream(path, std::ios::trunc) << "\xff\xff garbage";
  std::string binPath = ::testing::TempDir() + "/bad.snnplan";
  std::ofstream(binPath) << "\xff\xff\xff garbage";
  EXPECT_FALSE(loadPlanFile(binPath, p, err));
  EXPECT_CONTAINS(err, "not a valid binary plan");
  EXPECT_FALSE(loadPlanFile(::testing::TempDir() + "/missing.plan", p, err));
  EXPECT_CONTAINS(err, "cannot open file");
}

TEST(Plan, UnknownVersion) {
  plan::Plan p = smallPlan();
  p.set_format_version(2);
  EXPECT_CONTAINS(invalid(p), "plan format_version 2 is not supported");
  p.set_format_version(0);
  EXPECT_CONTAINS(invalid(p), "format_version 0");
}

TEST(Plan, BadOperandIndex) {
  plan::Plan p = smallPlan();
  p.mutable_nodes(2)->mutable_operands(0)->set_node(7);
  EXPECT_CONTAINS(invalid(p),
                  "node 2 'lif': operand refers to node 7, but the plan has 3");
}

TEST(Plan, ForwardReadNeedsPreviousStep) {
  plan::Plan p = smallPlan();
  p.mutable_nodes(1)->mutable_operands(0)->set_node(2);
  p.mutable_nodes(1)->mutable_input_shape()->Set(0, 2);
  EXPECT_CONTAINS(invalid(p), "node 1 'fc': operand reads node 2 'lif' of the "
                              "current step");
}

TEST(Plan, WeightSizeMismatch) {
  plan::Plan p = smallPlan();
  p.mutable_nodes(1)->mutable_affine()->add_weight(1.0f);
  EXPECT_CONTAINS(
      invalid(p),
      "node 1 'fc': affine weight has 7 values, expected 6 (2 x 3)");
}

TEST(Plan, OperandShapeMismatch) {
  plan::Plan p = smallPlan();
  p.mutable_nodes(2)->mutable_input_shape()->Set(0, 3);
  p.mutable_nodes(2)->mutable_shape()->Set(0, 3);
  EXPECT_CONTAINS(invalid(p), "node 2 'lif': operand node 1 'fc' has shape "
                              "(2), input_shape is (3)");
}

TEST(Plan, ParameterVectorSize) {
  plan::Plan p = smallPlan();
  plan::NeuronOp *op = p.mutable_nodes(2)->mutable_neuron();
  op->add_threshold(1.0f);
  op->add_threshold(1.0f);
  EXPECT_CONTAINS(invalid(p),
                  "node 2 'lif': threshold has 3 values, expected 1 or 2");
  p = smallPlan();
  p.mutable_nodes(2)->mutable_neuron()->clear_mem_decay();
  EXPECT_CONTAINS(invalid(p), "mem_decay has 0 values");
  p = smallPlan();
  p.mutable_nodes(2)->mutable_neuron()->set_has_synapse(true);
  EXPECT_CONTAINS(invalid(p), "node 2 'lif': syn_decay has 0 values");
}

TEST(Plan, ConvShapeMismatch) {
  plan::Plan p = makePlan();
  addInput(p, "in", {1, 5, 5});
  plan::ConvOp *c =
      addNode(p, "conv1", {2, 4, 4}, {{0, false}})->mutable_conv();
  c->add_kernel(3);
  c->add_kernel(3);
  for (int k = 0; k < 18; ++k)
    c->add_weight(1.0f);
  EXPECT_CONTAINS(invalid(p), "node 1 'conv1': conv output shape (2, 4, 4) "
                              "does not match the input (1, 5, 5) and "
                              "geometry, which give (2, 3, 3)");
  p.mutable_nodes(1)->mutable_shape()->Set(1, 3);
  p.mutable_nodes(1)->mutable_shape()->Set(2, 3);
  std::string err;
  EXPECT_TRUE(Engine::create(p, err)) << err;
  p.mutable_nodes(1)->mutable_conv()->set_groups(2);
  EXPECT_CONTAINS(invalid(p), "conv groups 2 must divide in channels 1");
}

TEST(Plan, StructuralErrors) {
  plan::Plan p = smallPlan();
  p.mutable_nodes(2)->set_name("fc");
  EXPECT_CONTAINS(invalid(p), "node 2 'fc': name already used by node 1 'fc'");
  p = smallPlan();
  p.clear_inputs();
  EXPECT_CONTAINS(invalid(p), "node 0 'in': input node missing");
  p = smallPlan();
  p.mutable_outputs(0)->set_node(9);
  EXPECT_CONTAINS(invalid(p), "plan output 'output' refers to node 9");
  p = smallPlan();
  p.mutable_nodes(1)->clear_affine();
  EXPECT_CONTAINS(invalid(p), "node 1 'fc': has no op");
  p = smallPlan();
  p.mutable_nodes(2)->clear_operands();
  EXPECT_CONTAINS(invalid(p), "node 2 'lif': has no operands");
  p = smallPlan();
  p.mutable_nodes(1)->mutable_shape()->Set(0, -2);
  EXPECT_CONTAINS(invalid(p), "node 1 'fc': shape (-2) has a non-positive");
}

TEST(Plan, SparseAndDelayErrors) {
  plan::Plan p = makePlan();
  addInput(p, "in", {3});
  plan::SparseOp *s = addNode(p, "syn", {2}, {{0, false}})->mutable_sparse();
  for (uint32_t r : {0u, 1u, 2u})
    s->add_row_ptr(r);
  s->add_col(1), s->add_col(3);
  s->add_value(1), s->add_value(1);
  EXPECT_CONTAINS(invalid(p), "node 1 'syn': sparse column index 3 is out of "
                              "range (input has 3 elements)");
  plan::Plan d = makePlan();
  addInput(d, "in", {2});
  addNode(d, "dl", {2}, {{0, false}})->mutable_delay()->add_steps(-1);
  EXPECT_CONTAINS(invalid(d), "node 1 'dl': delay steps -1 is negative");
}
