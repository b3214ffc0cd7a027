//===- KernelTest.cpp - Hand-checked values for the CPU kernels -----------===//

#include "TestUtil.h"

#include "runtime/engine/Kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

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

namespace {

/// The textbook convolution (one output at a time, taps in (ci, ky, kx)
/// order from +0, padding skipped, bias last): the arithmetic convKernel must
/// reproduce bit for bit however it orders its loops.
void referenceConv(const ConvGeom &g, const float *w, const float *b,
                   const float *x, float *y) {
  int64_t cinPerGroup = g.cin / g.groups, coutPerGroup = g.cout / g.groups;
  for (int64_t co = 0; co < g.cout; ++co)
    for (int64_t oy = 0; oy < g.oh; ++oy)
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        float acc = 0.0f;
        for (int64_t ci = 0; ci < cinPerGroup; ++ci)
          for (int64_t ky = 0; ky < g.kh; ++ky)
            for (int64_t kx = 0; kx < g.kw; ++kx) {
              int64_t iy = oy * g.sh - g.ph + ky * g.dh;
              int64_t ix = ox * g.sw - g.pw + kx * g.dw;
              if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w)
                continue;
              int64_t c = (co / coutPerGroup) * cinPerGroup + ci;
              acc += w[((co * cinPerGroup + ci) * g.kh + ky) * g.kw + kx] *
                     x[(c * g.h + iy) * g.w + ix];
            }
        y[(co * g.oh + oy) * g.ow + ox] = b ? acc + b[co] : acc;
      }
}

} // namespace

// Tests convKernel against the textbook loop, bit for bit, over strides,
// paddings (including ones wider than the kernel reach), dilations, groups
// and 1-d shapes, with random weights and sparse random inputs (as spikes
// are), so a reordered sum would show in the last bits; also channel ranges
// as the threads of a team compute them.
TEST(Kernels, ConvMatchesTextbookLoopBitForBit) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
  std::bernoulli_distribution spike(0.3);
  int cases = 0;
  for (int64_t h : {1, 5, 9})
    for (int64_t k : {1, 2, 3, 5})
      for (int64_t s : {1, 2, 3})
        for (int64_t pad : {0, 1, 2, 4})
          for (int64_t d : {1, 2})
            for (int64_t groups : {1, 2}) {
              ConvGeom g;
              g.cin = 2 * groups, g.cout = 3 * groups, g.groups = groups;
              g.h = h, g.w = 11, g.kw = k, g.kh = h == 1 ? 1 : k;
              g.sw = s, g.sh = h == 1 ? 1 : s;
              g.pw = pad, g.ph = h == 1 ? 0 : pad;
              g.dw = d, g.dh = h == 1 ? 1 : d;
              g.oh = convOutSize(g.h, g.kh, g.sh, g.ph, g.dh);
              g.ow = convOutSize(g.w, g.kw, g.sw, g.pw, g.dw);
              if (g.oh <= 0 || g.ow <= 0)
                continue;
              std::vector<float> w(g.cout * (g.cin / groups) * g.kh * g.kw);
              std::vector<float> b(g.cout), x(g.cin * g.h * g.w);
              for (float &v : w)
                v = uni(rng);
              for (float &v : b)
                v = uni(rng);
              for (float &v : x)
                v = spike(rng) ? uni(rng) : 0.0f;
              // Every other case has an infinite weight: the loop order
              // that skips zero inputs must not be used then (inf * 0 is
              // NaN in the textbook loop).
              if (cases % 2)
                w[cases % w.size()] = INFINITY;
              size_t n = static_cast<size_t>(g.cout * g.oh * g.ow);
              std::vector<float> want(n), got(n, 123.0f);
              for (const float *bias : {static_cast<const float *>(b.data()),
                                        static_cast<const float *>(nullptr)}) {
                referenceConv(g, w.data(), bias, x.data(), want.data());
                convKernel(g, w.data(), bias, x.data(), got.data());
                ASSERT_EQ(
                    0, std::memcmp(want.data(), got.data(), n * sizeof(float)))
                    << "h=" << h << " k=" << k << " s=" << s << " p=" << pad
                    << " d=" << d << " groups=" << groups;
                // Two channel ranges, as a team of two splits the layer.
                std::fill(got.begin(), got.end(), 123.0f);
                int64_t mid = g.cout / 2;
                convChannels(g, w.data(), bias, x.data(), got.data(), 0, mid);
                convChannels(g, w.data(), bias, x.data(), got.data(), mid,
                             g.cout);
                ASSERT_EQ(
                    0, std::memcmp(want.data(), got.data(), n * sizeof(float)));
              }
              ++cases;
            }
  EXPECT_GT(cases, 300);
}
