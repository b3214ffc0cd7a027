//===- KernelTest.cpp - Hand-checked values for the CPU kernels -----------===//

#include "TestUtil.h"

#include "runtime/engine/Kernels.h"

#include <gtest/gtest.h>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::test;

// Tests y = W x + b with a row-major (out, in) weight.
TEST(Kernels, Affine) {
  float w[] = {1, 2, 3, 4, 5, 6}, b[] = {0.5f, -1}, x[] = {1, 0, -1}, y[2];
  affineKernel(w, b, 2, 3, x, y);
  EXPECT_FLOAT_EQ(y[0], -1.5f);
  EXPECT_FLOAT_EQ(y[1], -3.0f);
  affineKernel(w, nullptr, 2, 3, x, y);
  EXPECT_FLOAT_EQ(y[0], -2.0f);
}

// Tests a 2x2 kernel with padding 1 and stride 2 on a 3x3 input.
TEST(Kernels, Conv2dPaddingStride) {
  plan::Plan p = makePlan();
  addInput(p, "in", {1, 3, 3});
  plan::Node *c = addNode(p, "conv", {1, 2, 2}, {{0, false}});
  plan::ConvOp *op = c->mutable_conv();
  for (float v : {1, 0, 0, 1})
    op->add_weight(v);
  op->add_bias(0.5f);
  for (int k = 0; k < 2; ++k) {
    op->add_kernel(2);
    op->add_stride(2);
    op->add_padding(1);
  }
  Tensor in({1, 1, 1, 3, 3});
  for (int k = 0; k < 9; ++k)
    in.data[k] = k + 1;
  Tensor y = runAndRecord(p, in, "conv");
  EXPECT_EQ(y.data, (std::vector<float>{1.5f, 3.5f, 7.5f, 14.5f}));
}

// Tests that groups split channels: out channels 0-1 see input channel 0,
// 2-3 see channel 1.
TEST(Kernels, Conv2dGroups) {
  ConvGeom g;
  g.cin = 2, g.h = 2, g.w = 2, g.cout = 4, g.oh = 2, g.ow = 2, g.groups = 2;
  float w[] = {1, 2, 3, 4};
  float x[8] = {1, 1, 1, 1, 10, 10, 10, 10}, y[16];
  convKernel(g, w, nullptr, x, y);
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(y[k], 1.0f);
    EXPECT_EQ(y[4 + k], 2.0f);
    EXPECT_EQ(y[8 + k], 30.0f);
    EXPECT_EQ(y[12 + k], 40.0f);
  }
}

// Tests conv1d with dilation 2, padding 1, stride 2 through a plan.
TEST(Kernels, Conv1dDilation) {
  plan::Plan p = makePlan();
  addInput(p, "in", {1, 5});
  plan::Node *c = addNode(p, "conv", {1, 3}, {{0, false}});
  plan::ConvOp *op = c->mutable_conv();
  op->add_weight(1);
  op->add_weight(10);
  op->add_kernel(2);
  op->add_stride(2);
  op->add_padding(1);
  op->add_dilation(2);
  op->set_groups(1);
  op->set_out_channels(1);
  Tensor in({1, 1, 1, 5});
  in.data = {1, 2, 3, 4, 5};
  Tensor y = runAndRecord(p, in, "conv");
  EXPECT_EQ(y.data, (std::vector<float>{20, 42, 4}));
}

// Tests 2x2 sum and average pooling with stride 2, and padding counted in AVG.
TEST(Kernels, Pool2d) {
  PoolGeom g;
  g.c = 1, g.h = 4, g.w = 4, g.oh = 2, g.ow = 2;
  g.kh = g.kw = g.sh = g.sw = 2;
  float x[16], y[4];
  for (int k = 0; k < 16; ++k)
    x[k] = k;
  poolKernel(g, x, y);
  EXPECT_EQ(std::vector<float>(y, y + 4), (std::vector<float>{10, 18, 42, 50}));
  g.average = true;
  poolKernel(g, x, y);
  EXPECT_EQ(std::vector<float>(y, y + 4),
            (std::vector<float>{2.5f, 4.5f, 10.5f, 12.5f}));

  plan::Plan p = makePlan();
  addInput(p, "in", {1, 2, 2});
  plan::PoolOp *op =
      addNode(p, "pool", {1, 2, 2}, {{0, false}})->mutable_pool();
  op->set_kind(plan::PoolOp::AVG);
  for (int k = 0; k < 2; ++k) {
    op->add_kernel(2);
    op->add_stride(2);
    op->add_padding(1);
  }
  Tensor in({1, 1, 1, 2, 2});
  in.data = {1, 2, 3, 4};
  Tensor out = runAndRecord(p, in, "pool");
  EXPECT_EQ(out.data, (std::vector<float>{0.25f, 0.5f, 0.75f, 1.0f}));
}

// Tests per-element delays 0, 1 and 3 over six steps.
TEST(Kernels, Delay) {
  plan::Plan p = makePlan();
  addInput(p, "in", {3});
  plan::DelayOp *d = addNode(p, "delay", {3}, {{0, false}})->mutable_delay();
  for (int64_t s : {0, 1, 3})
    d->add_steps(s);
  std::vector<std::vector<float>> rows;
  for (int t = 0; t < 6; ++t)
    rows.push_back({float(t + 1), float(t + 1), float(t + 1)});
  Tensor y = runAndRecord(p, sequence(rows), "delay");
  for (int t = 0; t < 6; ++t)
    EXPECT_EQ(stepValues(y, 0, t), (std::vector<float>{float(t + 1), float(t),
                                                       t >= 3 ? t - 2.f : 0}))
        << "t = " << t;
}

// Tests that the threshold is strict and broadcast.
TEST(Kernels, Threshold) {
  float th = 0.5f, x[] = {0.4f, 0.5f, 0.6f}, y[3];
  thresholdKernel(&th, 1, 3, x, y);
  EXPECT_EQ(std::vector<float>(y, y + 3), (std::vector<float>{0, 0, 1}));
  float ths[] = {0.3f, 0.5f, 0.7f};
  thresholdKernel(ths, 3, 3, x, y);
  EXPECT_EQ(std::vector<float>(y, y + 3), (std::vector<float>{1, 0, 0}));
}

// Tests CSR y = W x for W = [[0, 2, 0], [1, 0, 3]].
TEST(Kernels, Sparse) {
  uint32_t rowPtr[] = {0, 1, 3}, col[] = {1, 0, 2};
  float value[] = {2, 1, 3}, x[] = {1, 2, 3}, y[2];
  sparseKernel(rowPtr, col, value, 2, x, y);
  EXPECT_EQ(y[0], 4.0f);
  EXPECT_EQ(y[1], 10.0f);
}

// Tests broadcast and per-element scaling.
TEST(Kernels, Scale) {
  float s = 2, ss[] = {1, -1}, x[] = {3, 4}, y[2];
  scaleKernel(&s, 1, 2, x, y);
  EXPECT_EQ(std::vector<float>(y, y + 2), (std::vector<float>{6, 8}));
  scaleKernel(ss, 2, 2, x, y);
  EXPECT_EQ(std::vector<float>(y, y + 2), (std::vector<float>{3, -4}));
}

// Tests PyTorch's output-size formula.
TEST(Kernels, ConvOutSize) {
  EXPECT_EQ(convOutSize(28, 5, 1, 0, 1), 24);
  EXPECT_EQ(convOutSize(28, 3, 2, 1, 1), 14);
  EXPECT_EQ(convOutSize(10, 3, 1, 0, 4), 2);
  EXPECT_EQ(convOutSize(2, 5, 1, 0, 1), 0);
}
