//===- PlacementTest.cpp - CUDA engine layout decisions (host only) -------===//
//
// Placement and the memory estimate are host code, built and tested with or
// without CUDA.
//
//===----------------------------------------------------------------------===//

#include "../TestUtil.h"

#include "runtime/cuda/MemoryEstimate.h"
#include "runtime/cuda/Placement.h"

#include <gtest/gtest.h>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::cuda;
using namespace snn::runtime::test;

namespace {

/// in(n) -> spiking IF(n) -> sparse(n -> out) identity-like (o reads o % n)
/// -> affine(out -> 2); the sparse node's columns are given per row.
plan::Plan chain(int64_t n, int64_t out, bool reversedRow0) {
  plan::Plan p = makePlan("chain");
  addInput(p, "in", {n});
  *addNode(p, "pop", {n}, {{0, false}})->mutable_neuron() = iafOp();
  plan::Node *sp = addNode(p, "sp", {out}, {{1, false}});
  plan::SparseOp *s = sp->mutable_sparse();
  s->add_row_ptr(0);
  for (int64_t o = 0; o < out; ++o) {
    if (o == 0 && reversedRow0 && n > 1) {
      s->add_col(1);
      s->add_value(1.0f);
      s->add_col(0);
      s->add_value(1.0f);
    } else {
      s->add_col(static_cast<uint32_t>(o % n));
      s->add_value(0.5f);
    }
    s->add_row_ptr(s->col_size());
  }
  plan::Node *fc = addNode(p, "fc", {2}, {{2, false}});
  for (int64_t k = 0; k < 2 * out; ++k)
    fc->mutable_affine()->add_weight(1.0f);
  return p;
}

std::vector<NodeLayout> layoutsOf(const plan::Plan &p) {
  std::vector<NodeLayout> layouts;
  std::string err;
  EXPECT_TRUE(validatePlan(p, layouts, err)) << err;
  return layouts;
}

} // namespace

// Tests the automatic rule: spikes in -> event-driven; a non-spiking input
// -> dense; 16-bit indices when they fit.
TEST(CudaPlacement, AutomaticRule) {
  plan::Plan p = chain(8, 8, false);
  std::vector<NodeLayout> l = layoutsOf(p);
  std::vector<NodePlacement> placed;
  std::string err;
  ASSERT_TRUE(placeNodes(p, l, placed, err)) << err;
  EXPECT_EQ(placed[2].propagation, Propagation::Event); // sparse after pop
  EXPECT_EQ(placed[2].indexBytes, 2);
  EXPECT_EQ(placed[3].propagation, Propagation::Dense); // affine after sparse
}

// Tests that rows with descending columns or non-finite weights keep the
// CPU's order through the dense gather.
TEST(CudaPlacement, UnsortedRowsAndInfiniteWeightsStayDense) {
  plan::Plan p = chain(8, 8, true);
  EXPECT_FALSE(eventEligible(p, 2));
  EXPECT_EQ(autoPlacement(p, layoutsOf(p), 2).propagation, Propagation::Dense);
  plan::Plan q = chain(8, 8, false);
  q.mutable_nodes(2)->mutable_sparse()->set_value(
      3, std::numeric_limits<float>::infinity());
  EXPECT_FALSE(eventEligible(q, 2));
}

// Tests 32-bit indices when an index exceeds 16 bits: event-driven sparse
// stores output indices, so 70000 outputs need 32 bits.
TEST(CudaPlacement, WideLayersUse32BitIndices) {
  plan::Plan p = chain(4, 70000, false);
  EXPECT_EQ(autoPlacement(p, layoutsOf(p), 2).indexBytes, 4);
}

// Tests the weight width: int8 or int16 only when every weight is an exact
// integer of that range; a narrower hint than the weights allow is an error.
TEST(CudaPlacement, WeightWidths) {
  plan::Plan p = chain(4, 4, false);
  EXPECT_EQ(narrowestWeightBytes(p, 3), 1); // fc: all 1.0
  EXPECT_EQ(narrowestWeightBytes(p, 2), 4); // sp: 0.5
  EXPECT_EQ(narrowestWeightBytes(p, 1), 4); // not a synapse node
  p.mutable_nodes(3)->mutable_affine()->set_weight(0, -300.0f);
  EXPECT_EQ(narrowestWeightBytes(p, 3), 2);
  p.mutable_nodes(3)->mutable_affine()->set_weight(0, 40000.0f);
  EXPECT_EQ(narrowestWeightBytes(p, 3), 4);
  p.mutable_nodes(3)->mutable_affine()->set_weight(0, -300.0f);
  std::vector<NodeLayout> l = layoutsOf(p);
  for (int i = 0; i < p.nodes_size(); ++i)
    p.mutable_gpu()->add_nodes();
  p.mutable_gpu()->mutable_nodes(3)->set_weight_bits(8);
  std::vector<NodePlacement> placed;
  std::string err;
  EXPECT_FALSE(placeNodes(p, l, placed, err));
  EXPECT_EQ(err, "node 3 'fc': gpu hint weight_bits 8 cannot hold the "
                 "weights exactly (they need 16 bits); use 0 or a wider "
                 "width");
  p.mutable_gpu()->mutable_nodes(3)->set_weight_bits(32);
  ASSERT_TRUE(placeNodes(p, l, placed, err)) << err;
  EXPECT_EQ(placed[3].weightBytes, 4);
  p.mutable_gpu()->mutable_nodes(3)->set_weight_bits(12);
  EXPECT_FALSE(placeNodes(p, l, placed, err));
  EXPECT_NE(err.find("weight_bits 12 must be 0, 8, 16 or 32"),
            std::string::npos);
}

// Tests that hints are honoured and that impossible hints are clear errors
// naming the node.
TEST(CudaPlacement, HintsAreCheckedAndNameTheNode) {
  plan::Plan p = chain(4, 70000, true);
  std::vector<NodeLayout> l = layoutsOf(p);
  std::vector<NodePlacement> placed;
  std::string err;
  for (int i = 0; i < p.nodes_size(); ++i)
    p.mutable_gpu()->add_nodes();
  p.mutable_gpu()->mutable_nodes(2)->set_propagation(plan::GpuNodeHint::EVENT);
  EXPECT_FALSE(placeNodes(p, l, placed, err));
  EXPECT_EQ(err, "node 2 'sp': gpu hint EVENT needs an affine or sparse node "
                 "with finite weights (sparse: ascending unique columns per "
                 "row); use DENSE or AUTO");
  p.mutable_gpu()->mutable_nodes(2)->set_propagation(plan::GpuNodeHint::DENSE);
  p.mutable_gpu()->mutable_nodes(2)->set_index_bits(16);
  ASSERT_TRUE(placeNodes(p, l, placed, err)) << err; // Fan-in 4 fits.
  EXPECT_EQ(placed[2].indexBytes, 2);
  plan::Plan q = chain(4, 70000, false);
  for (int i = 0; i < q.nodes_size(); ++i)
    q.mutable_gpu()->add_nodes()->set_propagation(plan::GpuNodeHint::EVENT);
  EXPECT_FALSE(placeNodes(q, l, placed, err)); // EVENT on the input node.
  EXPECT_NE(err.find("node 0 'in': gpu hint EVENT"), std::string::npos) << err;
  q.mutable_gpu()->clear_nodes();
  for (int i = 0; i < q.nodes_size(); ++i)
    q.mutable_gpu()->add_nodes()->set_index_bits(16);
  EXPECT_FALSE(placeNodes(q, l, placed, err));
  EXPECT_EQ(err, "node 2 'sp': gpu hint index_bits 16 cannot index 70000 "
                 "neurons (at most 65536); use 32");
  q.mutable_gpu()->mutable_nodes(2)->set_index_bits(8);
  EXPECT_FALSE(placeNodes(q, l, placed, err));
  EXPECT_NE(err.find("index_bits 8 must be 0, 16 or 32"), std::string::npos);
  q.mutable_gpu()->mutable_nodes()->RemoveLast();
  EXPECT_FALSE(placeNodes(q, l, placed, err));
  EXPECT_NE(err.find("gpu hints list 3 nodes, the plan has 4"),
            std::string::npos)
      << err;
}

// Tests the estimate's components on a hand-sized network: in(8) -> IF(8)
// -> sparse(8 -> 8, event, 16-bit) -> affine(8 -> 2), batch 3, T 5, 7 steps,
// recording "pop" and the (missing) plan outputs.
TEST(CudaMemoryEstimate, ComponentsByHand) {
  plan::Plan p = chain(8, 8, false);
  std::vector<NodeLayout> l = layoutsOf(p);
  std::vector<NodePlacement> placed;
  std::string err;
  ASSERT_TRUE(placeNodes(p, l, placed, err)) << err;
  RunShape run;
  run.batch = 3, run.length = 5, run.steps = 7;
  ASSERT_TRUE(recordSizes(p, l, {"pop", "pop:v"}, run.recordNumel, err));
  EXPECT_EQ(run.recordNumel, (std::vector<int64_t>{8, 8}));
  EXPECT_EQ(recordChunk(run), 7);
  MemoryParts m = estimateCuda(p, l, placed, run, 3);
  // pop: syn_gain, mem_decay, mem_gain, threshold, v_reset = 5 x 4 = 20;
  // sp (event): col_ptr 9 x 4 + 8 row indices x 2 + 8 values x 4 = 84;
  // fc: 16 weights of 1.0, stored as int8: 16.
  EXPECT_EQ(m.weights, 20 + 84 + 16);
  EXPECT_EQ(m.state, 3 * 8 * 12 + 24);
  // Outputs 3 x (8 + 8 + 8 + 2) x 4 = 312; spike lists for sp (event) and fc
  // (dense: none): 3 x (8 + 1) x 4 = 108.
  EXPECT_EQ(m.spikeBuffers, 312 + 108);
  // Two signals of 3 x 7 x 8 x 4 plus pop's counters 3 x 8.
  EXPECT_EQ(m.recordings, 2 * 672 + 24);
  EXPECT_EQ(m.inputs, 3 * 5 * 8 * 4);
  EXPECT_EQ(m.total(),
            m.weights + m.state + m.spikeBuffers + m.recordings + m.inputs);
  EXPECT_FALSE(recordSizes(p, l, {"sp:v"}, run.recordNumel, err));
  EXPECT_EQ(err, "cannot record 'sp:v': no such node or neuron state");
  EXPECT_EQ(formatBytes(512), "512 B");
  EXPECT_EQ(formatBytes(3 << 20), "3.0 MiB (3145728 bytes)");
}
