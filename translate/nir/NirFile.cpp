//===- NirFile.cpp - Reading NIR (HDF5) files into a plain graph ----------===//
//
// Walks /node of a NIR file, flattens subgraphs into "<sub>.<inner>" nodes,
// resolves edges and validates every node. HDF5 decoding lives in
// NirFileHdf5.cpp, the per-type field table in NirFileValidate.cpp.
//
//===----------------------------------------------------------------------===//

#include "translate/nir/NirFile.h"
#include "translate/nir/NirFileHdf5.h"
#include "translate/nir/NirFileValidate.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

using namespace snn::nir;
using namespace snn::nir::detail;

const Node *Graph::findNode(const std::string &name) const {
  for (const Node &node : nodes)
    if (node.name == name)
      return &node;
  return nullptr;
}

namespace {

/// Subgraphs nested deeper than this are rejected; it also stops hard-link
/// cycles (a group linking to its own ancestor) from recursing forever.
constexpr int kMaxDepth = 32;

/// The inner Input and Output nodes of a flattened subgraph (full names),
/// which stand in for the subgraph when an outer edge names it.
struct Ports {
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
};

using Edge = std::pair<std::string, std::string>;

/// Names what the first bytes of a non-HDF5 file look like, because the
/// most common such ".nir" is a torch.save() of the model.
std::string sniffNonHdf5(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char magic[4] = {0, 0, 0, 0};
  in.read(reinterpret_cast<char *>(magic), sizeof(magic));
  std::streamsize n = in.gcount();
  if (n >= 2 && magic[0] == 0x80 && magic[1] >= 2 && magic[1] <= 5)
    return " (it looks like a Python pickle, e.g. torch.save() of a model)";
  if (n >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 &&
      magic[3] == 4)
    return " (it looks like a zip archive, e.g. torch.save() of a model)";
  if (n == 0)
    return " (it is empty)";
  return "";
}

class Reader {
public:
  Reader(const std::string &path, Graph &graph) : path(path), graph(graph) {}

  bool run();
  const std::string &error() const { return message; }

private:
  bool fail(const std::string &what) {
    message = path + ": " + what;
    return false;
  }

  bool readString(hid_t loc, const std::string &name, std::string &out,
                  const std::string &context, bool &missing);
  bool readGraph(hid_t group, const std::string &prefix,
                 const std::string &context, int depth, Ports &ports,
                 std::vector<Edge> &edges);
  bool readFields(hid_t group, Node &node);
  bool readEdges(hid_t group, const std::string &prefix,
                 const std::string &context, std::vector<Edge> &edges);
  bool resolve(const std::string &prefix, const std::string &name,
               bool asTarget, std::string &full, std::string &problem) const;
  void readMetadata(hid_t group, const std::string &keyPrefix, int depth);

  std::string path;
  Graph &graph;
  std::string message;
  /// Full names of all nodes so far, to detect clashes after flattening.
  std::set<std::string> names;
  std::map<std::string, Ports> subgraphs;
};

} // namespace

/// Reads a dataset holding a single string. `missing` tells a missing
/// dataset (not an error by itself) apart from a malformed one.
bool Reader::readString(hid_t loc, const std::string &name, std::string &out,
                        const std::string &context, bool &missing) {
  missing = false;
  ObjectKind kind = objectKind(loc, name);
  if (kind == ObjectKind::Missing) {
    missing = true;
    return false;
  }
  if (kind != ObjectKind::Dataset)
    return fail(context + ": field '" + name + "': must be a dataset");
  Value value;
  std::string why;
  if (!readDataset(loc, name, value, why))
    return fail(context + ": field '" + name + "': " + why);
  if (value.kind != Value::Kind::String || value.strings.size() != 1)
    return fail(context + ": field '" + name + "': must be a single string");
  out = value.strings.front();
  return true;
}

bool Reader::run() {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return fail("cannot open: no such file");
  if (!std::filesystem::is_regular_file(path, ec))
    return fail("cannot open: not a regular file");

  SilenceHdf5Errors silence;
  if (H5Fis_hdf5(path.c_str()) <= 0)
    return fail("not an HDF5 file" + sniffNonHdf5(path) +
                "; NIR files are HDF5 files written by nir.write()");
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid())
    return fail("cannot open as HDF5 (truncated or corrupt file?)");

  // /version is informative only; very old or hand-made files lack it.
  graph.version = "unknown";
  Value version;
  std::string ignored;
  if (objectKind(file.get(), "version") == ObjectKind::Dataset &&
      readDataset(file.get(), "version", version, ignored) &&
      version.kind == Value::Kind::String && version.strings.size() == 1)
    graph.version = version.strings.front();

  if (objectKind(file.get(), "node") != ObjectKind::Group)
    return fail("no '/node' group: not a NIR graph file (NIR keeps the graph "
                "in /node)");
  Handle root(H5Gopen2(file.get(), "node", H5P_DEFAULT), H5Gclose);
  if (!root.valid())
    return fail("cannot open the '/node' group");
  std::string type;
  bool missing = false;
  const std::string rootContext = "graph '/node'";
  if (!readString(root.get(), "type", type, rootContext, missing))
    return missing ? fail(rootContext + ": field 'type': missing") : false;
  if (type != "NIRGraph")
    return fail(rootContext + ": type is '" + type +
                "', expected 'NIRGraph' (files holding a single node are not "
                "supported)");

  Ports ports;
  if (!readGraph(root.get(), "", "", 0, ports, graph.edges))
    return false;
  if (objectKind(root.get(), "metadata") == ObjectKind::Group) {
    Handle meta(H5Gopen2(root.get(), "metadata", H5P_DEFAULT), H5Gclose);
    if (meta.valid())
      readMetadata(meta.get(), "", 0);
  }
  // Deterministic regardless of nesting: flattened names sort in place.
  std::stable_sort(
      graph.nodes.begin(), graph.nodes.end(),
      [](const Node &a, const Node &b) { return a.name < b.name; });
  return true;
}

bool Reader::readGraph(hid_t group, const std::string &prefix,
                       const std::string &context, int depth, Ports &ports,
                       std::vector<Edge> &edges) {
  const std::string where = context.empty() ? "graph '/node'" : context;
  if (objectKind(group, "nodes") != ObjectKind::Group)
    return fail(where + ": field 'nodes': missing (a NIRGraph needs a 'nodes' "
                        "group)");
  Handle nodesGroup(H5Gopen2(group, "nodes", H5P_DEFAULT), H5Gclose);
  std::vector<std::string> members;
  std::string why;
  if (!nodesGroup.valid() || !listLinks(nodesGroup.get(), members, why))
    return fail(where +
                ": field 'nodes': " + (why.empty() ? "cannot open" : why));

  std::vector<Edge> innerEdges;
  for (const std::string &member : members) {
    Node node;
    node.name = prefix + member;
    if (objectKind(nodesGroup.get(), member) != ObjectKind::Group)
      return fail(nodeContext(node) + ": not an HDF5 group (each node must "
                                      "be a group)");
    Handle nodeGroup(H5Gopen2(nodesGroup.get(), member.c_str(), H5P_DEFAULT),
                     H5Gclose);
    if (!nodeGroup.valid())
      return fail(nodeContext(node) + ": cannot open the group");
    bool missing = false;
    if (!readString(nodeGroup.get(), "type", node.type, nodeContext(node),
                    missing))
      return missing ? fail(nodeContext(node, "type") + ": missing") : false;

    if (node.type == "NIRGraph") {
      if (depth + 1 > kMaxDepth)
        return fail(nodeContext(node) + ": subgraphs nested more than " +
                    std::to_string(kMaxDepth) + " deep (link cycle?)");
      Ports inner;
      if (!readGraph(nodeGroup.get(), node.name + ".", nodeContext(node),
                     depth + 1, inner, innerEdges))
        return false;
      subgraphs[node.name] = std::move(inner);
      continue;
    }

    if (!isKnownType(node.type))
      return fail(nodeContext(node) + ": unknown type '" + node.type +
                  "'; known types: " + knownTypeList());
    if (!readFields(nodeGroup.get(), node))
      return false;
    if (!validateNode(node, why))
      return fail(why);
    if (node.type == "Input" || node.type == "Output") {
      (node.type == "Input" ? ports.inputs : ports.outputs)
          .push_back(node.name);
      // Inside a flattened subgraph the ports are plain pass-throughs.
      if (!prefix.empty())
        node.type = "Identity";
    }
    if (!names.insert(node.name).second)
      return fail(nodeContext(node) + ": two nodes have this name once "
                                      "subgraphs are flattened");
    graph.nodes.push_back(std::move(node));
  }

  if (!readEdges(group, prefix, context, edges))
    return false;
  edges.insert(edges.end(), innerEdges.begin(), innerEdges.end());
  return true;
}

bool Reader::readFields(hid_t group, Node &node) {
  std::vector<std::string> fields;
  std::string why;
  if (!listLinks(group, fields, why))
    return fail(nodeContext(node) + ": " + why);
  for (const std::string &field : fields) {
    if (field == "type")
      continue;
    ObjectKind kind = objectKind(group, field);
    hid_t loc = group;
    std::string dataset = field;
    Handle sub;
    if (kind == ObjectKind::Group) {
      // Per-node metadata is not used by the importer.
      if (field == "metadata")
        continue;
      // Some writers store dict-valued fields (e.g. {"input": shape}) as a
      // group; with a single dataset inside, that dataset is the value.
      sub = Handle(H5Gopen2(group, field.c_str(), H5P_DEFAULT), H5Gclose);
      std::vector<std::string> inner;
      if (!sub.valid() || !listLinks(sub.get(), inner, why) ||
          inner.size() != 1 ||
          objectKind(sub.get(), inner.front()) != ObjectKind::Dataset)
        continue;
      loc = sub.get();
      dataset = inner.front();
    } else if (kind == ObjectKind::SoftOrExternalLink) {
      return fail(nodeContext(node, field) +
                  ": soft and external links are not supported");
    } else if (kind != ObjectKind::Dataset) {
      return fail(nodeContext(node, field) + ": not a dataset");
    }

    Value value;
    if (!readDataset(loc, dataset, value, why))
      return fail(nodeContext(node, field) + ": " + why);
    switch (value.kind) {
    case Value::Kind::Empty:
      break; // h5py.Empty: treated as absent.
    case Value::Kind::Number:
      node.arrays[field] = std::move(value.array);
      break;
    case Value::Kind::String:
      if (value.strings.size() != 1)
        return fail(nodeContext(node, field) +
                    ": arrays of strings are not supported, found shape " +
                    formatShape(value.shape));
      node.strings[field] = value.strings.front();
      break;
    }
  }
  return true;
}

bool Reader::readEdges(hid_t group, const std::string &prefix,
                       const std::string &context, std::vector<Edge> &edges) {
  const std::string where = context.empty() ? "graph '/node'" : context;
  ObjectKind kind = objectKind(group, "edges");
  if (kind == ObjectKind::Missing)
    return fail(where + ": field 'edges': missing");
  if (kind != ObjectKind::Dataset)
    return fail(where + ": field 'edges': must be a dataset");
  Value value;
  std::string why;
  if (!readDataset(group, "edges", value, why))
    return fail(where + ": field 'edges': " + why);
  // An empty edge list is written as float64 (0,) by nir.write().
  if (value.kind == Value::Kind::Empty ||
      (value.kind == Value::Kind::Number && value.array.data.empty()) ||
      (value.kind == Value::Kind::String && value.strings.empty()))
    return true;
  if (value.kind != Value::Kind::String || value.shape.size() != 2 ||
      value.shape[1] != 2)
    return fail(where +
                ": field 'edges': must be an (E, 2) array of node "
                "name strings, found " +
                (value.kind == Value::Kind::String ? "strings" : "numbers") +
                " of shape " + formatShape(value.shape));

  const std::string edgePrefix = context.empty() ? "" : context + ": ";
  for (size_t i = 0; i + 1 < value.strings.size(); i += 2) {
    const std::string &src = value.strings[i];
    const std::string &dst = value.strings[i + 1];
    std::string from, to, problem;
    if (!resolve(prefix, src, /*asTarget=*/false, from, problem) ||
        !resolve(prefix, dst, /*asTarget=*/true, to, problem))
      return fail(edgePrefix + "edge " + std::to_string(i / 2) + " ('" + src +
                  "' -> '" + dst + "'): " + problem);
    edges.emplace_back(from, to);
  }
  return true;
}

bool Reader::resolve(const std::string &prefix, const std::string &name,
                     bool asTarget, std::string &full,
                     std::string &problem) const {
  full = prefix + name;
  // Exact node names win: top-level names may themselves contain '.'.
  if (names.count(full))
    return true;
  auto sub = subgraphs.find(full);
  if (sub == subgraphs.end()) {
    problem = "no node named '" + name + "'";
    return false;
  }
  // An edge into (out of) a subgraph means its Input (Output) node.
  const std::vector<std::string> &ports =
      asTarget ? sub->second.inputs : sub->second.outputs;
  const char *role = asTarget ? "Input" : "Output";
  if (ports.size() == 1) {
    full = ports.front();
    return true;
  }
  if (ports.empty()) {
    problem = "subgraph '" + full + "' has no " + role + " node";
    return false;
  }
  std::string list;
  for (const std::string &p : ports)
    list += (list.empty() ? "'" : ", '") + p + "'";
  problem = "subgraph '" + full + "' has " + std::to_string(ports.size()) +
            " " + role + " nodes (" + list +
            "); the edge is ambiguous, name one of them instead";
  return false;
}

void Reader::readMetadata(hid_t group, const std::string &keyPrefix,
                          int depth) {
  // Metadata is informative: anything unreadable or non-scalar is skipped
  // rather than failing the import.
  std::vector<std::string> members;
  std::string why;
  if (depth > kMaxDepth || !listLinks(group, members, why))
    return;
  for (const std::string &member : members) {
    std::string key = keyPrefix + member;
    ObjectKind kind = objectKind(group, member);
    if (kind == ObjectKind::Group) {
      Handle sub(H5Gopen2(group, member.c_str(), H5P_DEFAULT), H5Gclose);
      if (sub.valid())
        readMetadata(sub.get(), key + ".", depth + 1);
      continue;
    }
    Value value;
    if (kind != ObjectKind::Dataset || !readDataset(group, member, value, why))
      continue;
    // Single-element arrays count as scalars (e.g. dt written as [1e-4]).
    if (value.kind == Value::Kind::Number && value.array.data.size() == 1)
      graph.metadataNumbers[key] = value.array.data.front();
    else if (value.kind == Value::Kind::String && value.strings.size() == 1)
      graph.metadataStrings[key] = value.strings.front();
  }
}

bool snn::nir::readNirFile(const std::string &path, Graph &graph,
                           std::string &error) {
  graph = Graph();
  graph.path = path;
  Reader reader(path, graph);
  if (reader.run())
    return true;
  error = reader.error();
  graph = Graph();
  graph.path = path;
  return false;
}
