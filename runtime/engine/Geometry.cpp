//===- Geometry.cpp - Conv and pool geometry from a plan node -------------===//
//
// Resolves defaults and checks that a conv/pool node's shapes agree with the
// PyTorch output-size formula before the kernels index with them.
//
//===----------------------------------------------------------------------===//

#include "runtime/engine/Geometry.h"

#include "runtime/engine/Tensor.h"

using namespace snn;
using namespace snn::runtime;

namespace {

using Shape = google::protobuf::RepeatedField<int64_t>;

std::vector<int64_t> toVector(const Shape &s) {
  return std::vector<int64_t>(s.begin(), s.end());
}

bool fail(std::string &problem, const std::string &msg) {
  problem = msg;
  return false;
}

} // namespace

/// Reads an optional spatial vector: empty gives `dflt` in every dimension.
static bool spatial(const Shape &v, int nd, int64_t dflt, int64_t out[2]) {
  if (v.size() != 0 && v.size() != nd)
    return false;
  for (int k = 0; k < nd; ++k)
    out[k] = v.size() ? v.Get(k) : dflt;
  return true;
}

bool snn::runtime::resolveConvGeom(const plan::Node &node, ConvGeom &g,
                                   std::string &problem) {
  const plan::ConvOp &c = node.conv();
  int nd = c.kernel_size();
  if (nd != 1 && nd != 2)
    return fail(problem, "conv kernel has " + std::to_string(nd) +
                             " entries, expected 1 (conv1d) or 2 (conv2d)");
  if (node.input_shape_size() != nd + 1 || node.shape_size() != nd + 1)
    return fail(problem, "conv" + std::to_string(nd) +
                             "d needs input_shape and shape " + "of rank " +
                             std::to_string(nd + 1) + ", got " +
                             shapeToString(toVector(node.input_shape())) +
                             " -> " + shapeToString(toVector(node.shape())));
  int64_t k[2], s[2], p[2], d[2];
  spatial(c.kernel(), nd, 1, k);
  if (!spatial(c.stride(), nd, 1, s) || !spatial(c.padding(), nd, 0, p) ||
      !spatial(c.dilation(), nd, 1, d))
    return fail(problem, "conv stride/padding/dilation need 0 or " +
                             std::to_string(nd) + " entries");
  for (int a = 0; a < nd; ++a)
    if (k[a] < 1 || s[a] < 1 || d[a] < 1 || p[a] < 0)
      return fail(problem,
                  "conv needs kernel, stride, dilation >= 1 and padding >= 0");
  g.groups = c.groups() ? c.groups() : 1;
  g.cin = node.input_shape(0);
  g.cout = node.shape(0);
  if (c.out_channels() != 0 && c.out_channels() != g.cout)
    return fail(problem,
                "conv out_channels " + std::to_string(c.out_channels()) +
                    " differs from shape[0] " + std::to_string(g.cout));
  if (g.groups < 1 || g.cin % g.groups || g.cout % g.groups)
    return fail(problem, "conv groups " + std::to_string(g.groups) +
                             " must divide in channels " +
                             std::to_string(g.cin) + " and out channels " +
                             std::to_string(g.cout));
  // Map 1-d onto the 2-d kernel with a unit leading spatial axis.
  int a0 = nd == 2 ? 0 : -1;
  auto pick = [&](const int64_t *v, int64_t dflt) {
    return a0 < 0 ? dflt : v[0];
  };
  g.kh = pick(k, 1), g.sh = pick(s, 1), g.ph = pick(p, 0), g.dh = pick(d, 1);
  g.kw = k[nd - 1], g.sw = s[nd - 1], g.pw = p[nd - 1], g.dw = d[nd - 1];
  g.h = nd == 2 ? node.input_shape(1) : 1;
  g.w = node.input_shape(nd);
  g.oh = nd == 2 ? convOutSize(g.h, g.kh, g.sh, g.ph, g.dh) : 1;
  g.ow = convOutSize(g.w, g.kw, g.sw, g.pw, g.dw);
  std::vector<int64_t> expected = {g.cout};
  if (nd == 2)
    expected.push_back(g.oh);
  expected.push_back(g.ow);
  if (toVector(node.shape()) != expected)
    return fail(problem,
                "conv output shape " + shapeToString(toVector(node.shape())) +
                    " does not match the input " +
                    shapeToString(toVector(node.input_shape())) +
                    " and geometry, which give " + shapeToString(expected));
  int64_t wsize = g.cout * (g.cin / g.groups) * g.kh * g.kw;
  if (c.weight_size() != wsize)
    return fail(problem, "conv weight has " + std::to_string(c.weight_size()) +
                             " values, expected " + std::to_string(wsize));
  if (c.bias_size() != 0 && c.bias_size() != g.cout)
    return fail(problem, "conv bias has " + std::to_string(c.bias_size()) +
                             " values, expected 0 or " +
                             std::to_string(g.cout));
  return true;
}

bool snn::runtime::resolvePoolGeom(const plan::Node &node, PoolGeom &g,
                                   std::string &problem) {
  const plan::PoolOp &po = node.pool();
  if (po.kind() != plan::PoolOp::SUM && po.kind() != plan::PoolOp::AVG &&
      po.kind() != plan::PoolOp::MAX)
    return fail(problem, "unknown pool kind " + std::to_string(po.kind()));
  if (node.input_shape_size() != 3 || node.shape_size() != 3)
    return fail(problem, "pool needs (C, H, W) input_shape and shape");
  int64_t k[2], s[2], p[2];
  if (po.kernel_size() != 2 || !spatial(po.kernel(), 2, 1, k) ||
      !spatial(po.stride(), 2, 0, s) || !spatial(po.padding(), 2, 0, p))
    return fail(problem,
                "pool kernel needs 2 entries; stride and padding 0 or 2");
  if (po.stride_size() == 0)
    s[0] = k[0], s[1] = k[1];
  for (int a = 0; a < 2; ++a)
    if (k[a] < 1 || s[a] < 1 || p[a] < 0)
      return fail(problem, "pool needs kernel, stride >= 1 and padding >= 0");
  g.average = po.kind() == plan::PoolOp::AVG;
  g.max = po.kind() == plan::PoolOp::MAX;
  if (g.max && (p[0] >= k[0] || p[1] >= k[1]))
    return fail(problem, "max pool padding must be smaller than the kernel "
                         "(a window of padding only has no maximum)");
  g.c = node.input_shape(0), g.h = node.input_shape(1);
  g.w = node.input_shape(2);
  g.kh = k[0], g.kw = k[1], g.sh = s[0], g.sw = s[1], g.ph = p[0];
  g.pw = p[1];
  g.oh = convOutSize(g.h, g.kh, g.sh, g.ph, 1);
  g.ow = convOutSize(g.w, g.kw, g.sw, g.pw, 1);
  std::vector<int64_t> expected = {g.c, g.oh, g.ow};
  if (toVector(node.shape()) != expected)
    return fail(problem,
                "pool output shape " + shapeToString(toVector(node.shape())) +
                    " does not match the input " +
                    shapeToString(toVector(node.input_shape())) +
                    " and geometry, which give " + shapeToString(expected));
  return true;
}
