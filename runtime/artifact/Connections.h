//===- Connections.h - Who feeds whom in a core map's plan -------*- C++
//-*-===//
//
// Shared by the emulator (which drops connections no route carries) and the
// energy estimate (which counts the events they cause).
//
//===----------------------------------------------------------------------===//
#ifndef SNN_RUNTIME_ARTIFACT_CONNECTIONS_H
#define SNN_RUNTIME_ARTIFACT_CONNECTIONS_H

#include "runtime/artifact/CoreMap.pb.h"

#include <string>
#include <vector>

namespace snn::runtime {

/// A weighted node (affine, sparse, scale) between two neuron nodes, found
/// through delays and identities.
struct Connection {
  int projection, pre, post;
};
std::vector<Connection> neuronConnections(const plan::Plan &plan);

/// The core of every neuron of every node (empty for nodes on no core), from
/// the core map's slices. Fails on slices outside the plan.
bool neuronCores(const artifact::CoreMap &map,
                 std::vector<std::vector<int>> &cores, std::string &err);

/// Calls f(o, i) for every non-zero weight from pre neuron i to post neuron
/// o of a projection node.
template <typename F>
void forEachWeight(const plan::Node &node, int64_t in, F f) {
  if (node.has_affine()) {
    const auto &w = node.affine().weight();
    for (int k = 0; k < w.size(); ++k)
      if (w.Get(k) != 0)
        f(k / in, k % in, k);
  } else if (node.has_sparse()) {
    const auto &s = node.sparse();
    for (int r = 0; r + 1 < s.row_ptr_size(); ++r)
      for (uint32_t k = s.row_ptr(r); k < s.row_ptr(r + 1); ++k)
        if (s.value(k) != 0)
          f(r, s.col(k), static_cast<int>(k));
  } else if (node.has_scale()) {
    const auto &s = node.scale().scale();
    for (int64_t i = 0; i < in; ++i)
      if (s.Get(s.size() == 1 ? 0 : i) != 0)
        f(i, i, static_cast<int>(i));
  }
}

} // namespace snn::runtime

#endif // SNN_RUNTIME_ARTIFACT_CONNECTIONS_H
