//===- CoreMapFile.cpp - Core-map artifacts: files and emulation
//-----------===//
#include "runtime/artifact/CoreMapFile.h"
#include "runtime/artifact/Connections.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include "runtime/io/FileBytes.h"
#include <algorithm>

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

using namespace snn;
using namespace snn::runtime;

namespace {
bool parse(const std::string &path, const std::string &bytes,
           artifact::CoreMap &map) {
  if (isTextProtoPath(path))
    return google::protobuf::TextFormat::ParseFromString(bytes, &map);
  return map.ParseFromString(bytes);
}
} // namespace

bool snn::runtime::isCoreMapFile(const std::string &path) {
  std::string bytes, err;
  artifact::CoreMap map;
  return readFileBytes(path, bytes, err) && parse(path, bytes, map) &&
         map.magic() == kCoreMapMagic;
}

bool snn::runtime::loadCoreMapFile(const std::string &path,
                                   artifact::CoreMap &map, std::string &err) {
  std::string bytes;
  if (!readFileBytes(path, bytes, err))
    return false;
  if (!parse(path, bytes, map) || map.magic() != kCoreMapMagic) {
    err = path + ": not a core-map artifact (no 'snn-coremap' magic)";
    return false;
  }
  if (map.format_version() == 0 ||
      map.format_version() > kCoreMapFormatVersion) {
    err = path + ": core-map format version " +
          std::to_string(map.format_version()) +
          " is not supported (this "
          "runtime reads version " +
          std::to_string(kCoreMapFormatVersion) + ")";
    return false;
  }
  return true;
}

bool snn::runtime::writeCoreMapFile(const std::string &path,
                                    const artifact::CoreMap &map,
                                    std::string &err) {
  std::string bytes;
  if (isTextProtoPath(path)) {
    google::protobuf::TextFormat::PrintToString(map, &bytes);
  } else {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    if (!map.SerializeToCodedStream(&coded)) {
      err = path + ": cannot serialise the core map";
      return false;
    }
  }
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) {
    err = path + ": cannot write file";
    return false;
  }
  return true;
}

/// Walks every source's key through the chips' router tables the way a
/// SpiNNaker router does (first matching entry; no match on a packet that
/// arrived over a link: straight on, "default routing"; no match at the
/// source: dropped) and reports each (source core, reached core) pair.
static bool spinnakerRoutes(const artifact::CoreMap &map,
                            const std::function<bool(int, int)> &add,
                            std::string &err) {
  const auto &r = map.spinnaker();
  const int w = r.width(), h = r.height();
  if (w <= 0 || h <= 0) {
    err = "spinnaker routing has no chip grid (width/height)";
    return false;
  }
  static const int dx[6] = {1, 1, 0, -1, -1, 0}, dy[6] = {0, 1, 1, 0, -1, -1};
  std::map<std::pair<int, int>, const artifact::SpinnakerRouting::Table *>
      tables;
  for (const auto &t : r.tables())
    tables[{t.chip().x(), t.chip().y()}] = &t;
  std::map<std::tuple<int, int, int>, int> slot;
  for (int c = 0; c < map.cores_size(); ++c)
    slot[{map.cores(c).chip().x(), map.cores(c).chip().y(),
          map.cores(c).index()}] = c;
  for (const auto &source : r.sources()) {
    if (source.core() >= static_cast<uint32_t>(map.cores_size())) {
      err = "a routing source names core " + std::to_string(source.core());
      return false;
    }
    const artifact::Core &from = map.cores(source.core());
    // (x, y, direction the packet travels in; -1 at the source chip).
    std::vector<std::tuple<int, int, int>> frontier{
        {from.chip().x(), from.chip().y(), -1}};
    for (int budget = 100000; !frontier.empty() && budget > 0; --budget) {
      auto [x, y, dir] = frontier.back();
      frontier.pop_back();
      uint32_t route = 0;
      bool matched = false;
      if (auto t = tables.find({x, y}); t != tables.end())
        for (const auto &e : t->second->entries())
          if ((source.key() & e.mask()) == e.key()) {
            route = e.route();
            matched = true;
            break;
          }
      if (!matched) {
        if (dir < 0)
          continue;
        route = 1u << dir;
      }
      for (int link = 0; link < 6; ++link)
        if (route & (1u << link)) {
          int nx = x + dx[link], ny = y + dy[link];
          if (r.torus()) {
            nx = (nx + w) % w;
            ny = (ny + h) % h;
          } else if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
            continue;
          }
          frontier.push_back({nx, ny, link});
        }
      for (int core = 0; core < 18; ++core)
        if (route & (1u << (6 + core)))
          if (auto s = slot.find({x, y, core}); s != slot.end())
            if (!add(static_cast<int>(source.core()), s->second))
              return false;
    }
  }
  return true;
}

/// Neuron-level maps: a weight from neuron i of one node to neuron o of
/// another whose cores differ is delivered only if a route joins the cores;
/// otherwise the emulator zeroes it, which is what the chip would compute.
static bool dropSplitConnections(plan::Plan &plan,
                                 const std::vector<std::vector<int>> &nc,
                                 const std::set<std::pair<int, int>> &routes,
                                 int64_t &dropped) {
  for (const Connection &c : neuronConnections(plan)) {
    const std::vector<int> &pre = nc[c.pre], &post = nc[c.post];
    if (pre.empty() || post.empty())
      continue;
    plan::Node *node = plan.mutable_nodes(c.projection);
    std::vector<int> cut;
    forEachWeight(*node, pre.size(), [&](int64_t o, int64_t i, int k) {
      if (o >= static_cast<int64_t>(post.size()) ||
          i >= static_cast<int64_t>(pre.size()))
        return;
      int from = pre[i], to = post[o];
      if (from >= 0 && to >= 0 && from != to && !routes.count({from, to}))
        cut.push_back(k);
    });
    for (int k : cut) {
      if (node->has_affine())
        node->mutable_affine()->set_weight(k, 0);
      else if (node->has_sparse())
        node->mutable_sparse()->set_value(k, 0);
    }
    dropped += cut.size();
  }
  return true;
}

bool snn::runtime::emulationPlan(const artifact::CoreMap &map, plan::Plan &plan,
                                 int64_t &dropped, std::string &err) {
  plan = map.plan();
  dropped = 0;
  const int nodes = plan.nodes_size(), cores = map.cores_size();
  // Which core computes each neuron of each node; coreOf[node] is that core
  // when the whole node is on one core, -1 for the host or a split node.
  std::vector<std::vector<int>> neuronCore;
  std::vector<int> coreOf(nodes, -1);
  if (!neuronCores(map, neuronCore, err))
    return false;
  for (int i = 0; i < nodes; ++i)
    if (!neuronCore[i].empty() &&
        std::all_of(neuronCore[i].begin(), neuronCore[i].end(),
                    [&](int c) { return c == neuronCore[i].front(); }))
      coreOf[i] = neuronCore[i].front();
  // Free reshapes (flatten) and result nodes live where their input does.
  for (int i = 0; i < nodes; ++i) {
    const plan::Node &node = plan.nodes(i);
    if (coreOf[i] < 0 && node.has_identity() && node.operands_size() == 1)
      coreOf[i] = coreOf[node.operands(0).node()];
  }
  std::set<std::pair<int, int>> routes;
  auto addRoute = [&](uint32_t from, uint32_t to) {
    if (from >= static_cast<uint32_t>(cores) ||
        to >= static_cast<uint32_t>(cores)) {
      err = "a route names core " + std::to_string(std::max(from, to)) +
            " but the artifact has " + std::to_string(cores) + " cores";
      return false;
    }
    routes.insert({static_cast<int>(from), static_cast<int>(to)});
    return true;
  };
  if (map.has_speck())
    for (const auto &d : map.speck().destinations())
      if (!addRoute(d.from(), d.to()))
        return false;
  if (map.has_spinnaker() &&
      !spinnakerRoutes(
          map, [&](int from, int to) { return addRoute(from, to); }, err))
    return false;
  if (map.has_mesh())
    for (const auto &r : map.mesh().routes())
      if (!addRoute(r.from(), r.to()))
        return false;
  // An edge between cores that no route carries delivers nothing: its
  // operand is redirected to a node that is always zero (appended at the end
  // and read as "previous step", which the plan allows for any node).
  for (int i = 0; i < nodes; ++i) {
    for (int k = 0; k < plan.nodes(i).operands_size(); ++k) {
      int from = coreOf[plan.nodes(i).operands(k).node()], to = coreOf[i];
      if (from < 0 || to < 0 || from == to || routes.count({from, to}))
        continue;
      plan::Node *zero = plan.add_nodes();
      zero->set_name(plan.nodes(i).name() + ".undelivered" +
                     std::to_string(dropped));
      *zero->mutable_shape() = plan.nodes(i).input_shape();
      zero->mutable_zero();
      plan::Operand *operand = plan.mutable_nodes(i)->mutable_operands(k);
      operand->set_node(plan.nodes_size() - 1);
      operand->set_previous_step(true);
      ++dropped;
    }
  }
  return dropSplitConnections(plan, neuronCore, routes, dropped);
}
