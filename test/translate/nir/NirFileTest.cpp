//===- NirFileTest.cpp - Tests of the NIR (HDF5) file reader --------------===//
//
// Real models from shared/data/nir (the NIR paper's files) must read with the
// documented contents; the small files of inputs/ (scripts/make_test_nir.py)
// cover writer variants and malformed input, which must fail with one line
// naming the node and field.
//
//===----------------------------------------------------------------------===//

#include "translate/nir/NirFile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

using namespace snn::nir;
namespace fs = std::filesystem;

namespace {

const std::string kShared = SNN_SHARED_DATA_DIR;
const std::string kInputs = SNN_TEST_INPUTS;

/// Skips (rather than fails) when the shared data set is not checked out
/// next to the repository; when it is, every file named must be there.
#define REQUIRE_SHARED_DATA()                                                  \
  do {                                                                         \
    if (!fs::is_directory(kShared))                                            \
      GTEST_SKIP() << "no shared NIR data at " << kShared;                     \
  } while (0)

::testing::AssertionResult readOk(const std::string &path, Graph &graph) {
  std::string error;
  if (readNirFile(path, graph, error))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "reading failed: " << error;
}

/// Reads a file that must be rejected and returns the error.
std::string readError(const std::string &path) {
  Graph graph;
  std::string error;
  EXPECT_FALSE(readNirFile(path, graph, error)) << path << " was accepted";
  EXPECT_TRUE(graph.nodes.empty());
  EXPECT_EQ(error.find('\n'), std::string::npos) << "not one line: " << error;
  EXPECT_EQ(error.rfind(path + ": ", 0), 0u) << "no path prefix: " << error;
  return error;
}

const Node &node(const Graph &graph, const std::string &name) {
  static const Node missing{};
  const Node *n = graph.findNode(name);
  EXPECT_NE(n, nullptr) << "no node " << name;
  return n ? *n : missing;
}

const Array &field(const Node &n, const std::string &name) {
  static const Array missing{};
  auto it = n.arrays.find(name);
  EXPECT_NE(it, n.arrays.end()) << n.name << " has no field " << name;
  return it == n.arrays.end() ? missing : it->second;
}

bool defaulted(const Node &n, const std::string &f) {
  return std::find(n.defaulted.begin(), n.defaulted.end(), f) !=
         n.defaulted.end();
}

using Shape = std::vector<int64_t>;
using Edges = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> names(const Graph &graph) {
  std::vector<std::string> out;
  for (const Node &n : graph.nodes)
    out.push_back(n.name);
  return out;
}

} // namespace

//===----------------------------------------------------------------------===//
// Real files
//===----------------------------------------------------------------------===//

TEST(NirFileReal, EveryFileReadsConsistently) {
  REQUIRE_SHARED_DATA();
  int count = 0;
  for (const auto &entry : fs::recursive_directory_iterator(kShared)) {
    if (entry.path().extension() != ".nir")
      continue;
    ++count;
    Graph graph;
    ASSERT_TRUE(readOk(entry.path().string(), graph));
    EXPECT_FALSE(graph.nodes.empty()) << entry.path();
    std::vector<std::string> sorted = names(graph);
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(names(graph), sorted) << "nodes not sorted by name";
    EXPECT_EQ(std::set<std::string>(sorted.begin(), sorted.end()).size(),
              sorted.size());
    for (const auto &[from, to] : graph.edges) {
      EXPECT_NE(graph.findNode(from), nullptr) << entry.path() << " " << from;
      EXPECT_NE(graph.findNode(to), nullptr) << entry.path() << " " << to;
    }
    for (const Node &n : graph.nodes)
      for (const auto &[name, a] : n.arrays) {
        int64_t elements = 1;
        for (int64_t d : a.shape)
          elements *= d;
        EXPECT_EQ(elements, a.numElements()) << n.name << "." << name;
      }
  }
  EXPECT_EQ(count, 7);
}

TEST(NirFileReal, LifNorse) {
  REQUIRE_SHARED_DATA();
  Graph g;
  ASSERT_TRUE(readOk(kShared + "/lif/lif_norse.nir", g));
  EXPECT_EQ(g.version, "0.1.1");
  EXPECT_EQ(names(g), (std::vector<std::string>{"0", "1", "input", "output"}));
  EXPECT_EQ(g.edges, (Edges{{"input", "0"}, {"0", "1"}, {"1", "output"}}));
  const Node &lif = node(g, "1");
  EXPECT_EQ(lif.type, "LIF");
  EXPECT_FLOAT_EQ(field(lif, "tau").data.at(0), 0.0025f);
  EXPECT_FLOAT_EQ(field(lif, "v_threshold").data.at(0), 0.1f);
  EXPECT_EQ(field(lif, "tau").shape, Shape{1});
  // Written by NIR 0.1.1: no v_reset, so the reader supplies 0.
  EXPECT_TRUE(defaulted(lif, "v_reset"));
  EXPECT_EQ(field(lif, "v_reset").shape, Shape{1});
  EXPECT_EQ(field(lif, "v_reset").data, std::vector<double>{0.0});
  const Node &affine = node(g, "0");
  EXPECT_EQ(affine.type, "Affine");
  EXPECT_EQ(field(affine, "weight").shape, (Shape{1, 1}));
  EXPECT_TRUE(affine.defaulted.empty());
  EXPECT_EQ(field(node(g, "input"), "shape").data, std::vector<double>{1});
}

TEST(NirFileReal, Braille) {
  REQUIRE_SHARED_DATA();
  Graph g;
  ASSERT_TRUE(readOk(kShared + "/braille/braille_noDelay_bias_zero.nir", g));
  EXPECT_EQ(g.version, "0.2.0");
  EXPECT_EQ(g.nodes.size(), 7u);
  ASSERT_EQ(g.edges.size(), 7u);
  // Edges keep file order; "lif1.lif" is a top-level name containing '.'.
  EXPECT_EQ(g.edges.front(),
            std::make_pair(std::string("lif1.w_rec"), std::string("lif1.lif")));
  EXPECT_EQ(g.edges.back(),
            std::make_pair(std::string("lif1.lif"), std::string("fc2")));
  const Node &lif1 = node(g, "lif1.lif");
  EXPECT_EQ(lif1.type, "CubaLIF");
  EXPECT_TRUE(defaulted(lif1, "v_reset"));
  EXPECT_EQ(field(lif1, "v_reset").shape, Shape{38});
  EXPECT_EQ(field(lif1, "tau_mem").shape, Shape{38});
  EXPECT_EQ(node(g, "lif1.w_rec").type, "Affine");
  EXPECT_EQ(field(node(g, "fc1"), "weight").shape, (Shape{38, 12}));
  EXPECT_EQ(field(node(g, "lif2"), "w_in").shape, Shape{7});
  EXPECT_EQ(field(node(g, "output"), "shape").data, std::vector<double>{7});
}

TEST(NirFileReal, CnnSinabs) {
  REQUIRE_SHARED_DATA();
  Graph g;
  ASSERT_TRUE(readOk(kShared + "/cnn/cnn_sinabs.nir", g));
  EXPECT_EQ(g.nodes.size(), 15u);
  EXPECT_EQ(g.edges.size(), 14u);
  const Node &conv = node(g, "0");
  EXPECT_EQ(conv.type, "Conv2d");
  EXPECT_EQ(field(conv, "weight").shape, (Shape{16, 2, 5, 5}));
  EXPECT_EQ(field(conv, "stride").data, (std::vector<double>{2, 2}));
  EXPECT_EQ(field(conv, "padding").data, (std::vector<double>{1, 1}));
  EXPECT_EQ(field(conv, "groups").shape, Shape{});
  EXPECT_EQ(field(conv, "input_shape").data, (std::vector<double>{34, 34}));
  const Node &neuron = node(g, "1");
  EXPECT_EQ(neuron.type, "IF");
  EXPECT_TRUE(defaulted(neuron, "v_reset"));
  EXPECT_EQ(field(neuron, "v_reset").shape, (Shape{16, 16, 16}));
  EXPECT_EQ(node(g, "4").type, "SumPool2d");
  EXPECT_EQ(field(node(g, "8"), "input_type").data,
            (std::vector<double>{8, 4, 4}));
  EXPECT_EQ(field(node(g, "8"), "end_dim").data, std::vector<double>{-1});
  EXPECT_EQ(field(node(g, "9"), "weight").shape, (Shape{256, 128}));
  EXPECT_EQ(field(node(g, "input"), "shape").data,
            (std::vector<double>{2, 34, 34}));
}

TEST(NirFileReal, Ex1MetadataAndGzip) {
  REQUIRE_SHARED_DATA();
  Graph g;
  ASSERT_TRUE(readOk(kShared + "/primitives/ex1_affine_lif_affine_li.nir", g));
  EXPECT_EQ(g.version, "1.0.8.dev9+g7232ada6d");
  EXPECT_EQ(g.nodes.size(), 6u);
  EXPECT_EQ(g.edges.size(), 5u);
  ASSERT_EQ(g.metadataNumbers.count("dt"), 1u);
  EXPECT_DOUBLE_EQ(g.metadataNumbers.at("dt"), 0.001);
  EXPECT_EQ(g.metadataStrings.at("description"), "ffwd LIF/LI example");
  const Array &bias = field(node(g, "fc1"), "bias");
  ASSERT_EQ(bias.data.size(), 3u);
  EXPECT_FLOAT_EQ(bias.data[0], 0.1f);
  EXPECT_FLOAT_EQ(bias.data[2], -0.1f);
  EXPECT_FALSE(defaulted(node(g, "lif"), "v_reset"));
  EXPECT_EQ(node(g, "li").type, "LI");
}

TEST(NirFileReal, Ex2AndEx3) {
  REQUIRE_SHARED_DATA();
  Graph g;
  ASSERT_TRUE(readOk(
      kShared + "/primitives/ex2_conv_if_sumpool_flatten_affine_lif.nir", g));
  EXPECT_EQ(g.nodes.size(), 8u);
  EXPECT_EQ(g.edges.size(), 7u);
  EXPECT_EQ(field(node(g, "if"), "v_reset").shape, (Shape{2, 8, 8}));
  EXPECT_EQ(field(node(g, "conv"), "weight").shape, (Shape{2, 1, 3, 3}));

  Graph r;
  ASSERT_TRUE(readOk(kShared + "/primitives/ex3_recurrent_cubalif.nir", r));
  EXPECT_EQ(r.nodes.size(), 5u);
  EXPECT_EQ(r.edges, (Edges{{"input", "w_in"},
                            {"w_in", "cuba"},
                            {"cuba", "w_rec"},
                            {"w_rec", "cuba"},
                            {"cuba", "output"}}));
  EXPECT_FLOAT_EQ(field(node(r, "cuba"), "tau_syn").data.at(0), 0.005f);
}

TEST(NirFileReal, AllPrimitivesFlattensSubgraph) {
  REQUIRE_SHARED_DATA();
  Graph g;
  ASSERT_TRUE(readOk(kShared + "/primitives/all_primitives_layout.nir", g));
  EXPECT_EQ(g.nodes.size(), 21u);
  EXPECT_EQ(g.findNode("NIRGraph_sub"), nullptr);
  EXPECT_EQ(node(g, "NIRGraph_sub.li").type, "LI");
  const Node &in = node(g, "NIRGraph_sub.in");
  EXPECT_EQ(in.type, "Identity");
  EXPECT_EQ(field(in, "shape").data, std::vector<double>{1});
  EXPECT_EQ(node(g, "NIRGraph_sub.out").type, "Identity");
  EXPECT_EQ(node(g, "Input").type, "Input");
  // The top-level edge list is the empty float64 (0,) dataset.
  EXPECT_EQ(g.edges, (Edges{{"NIRGraph_sub.in", "NIRGraph_sub.li"},
                            {"NIRGraph_sub.li", "NIRGraph_sub.out"}}));
  for (const char *type : {"Affine", "AvgPool2d", "Conv1d", "Conv2d", "CubaLI",
                           "CubaLIF", "Delay", "Flatten", "I", "IF", "LI",
                           "LIF", "Linear", "Scale", "SumPool2d", "Threshold"})
    EXPECT_EQ(node(g, type).type, type);
  const Node &conv1d = node(g, "Conv1d");
  EXPECT_EQ(field(conv1d, "input_shape").shape, Shape{});
  EXPECT_EQ(field(conv1d, "input_shape").data, std::vector<double>{10});
  EXPECT_EQ(field(conv1d, "weight").shape, (Shape{4, 2, 3}));
  EXPECT_FLOAT_EQ(field(node(g, "Delay"), "delay").data.at(0), 0.002f);
  EXPECT_EQ(field(node(g, "Scale"), "scale").data, (std::vector<double>{1, 2}));
}

//===----------------------------------------------------------------------===//
// Accepted edge cases (inputs/)
//===----------------------------------------------------------------------===//

TEST(NirFileEdgeCases, SubgraphEdgesRouteToPorts) {
  Graph g;
  ASSERT_TRUE(readOk(kInputs + "/subgraph_edges.nir", g));
  EXPECT_EQ(names(g), (std::vector<std::string>{
                          "fc", "input", "lif", "output", "sub.deep.in",
                          "sub.deep.out", "sub.in", "sub.li", "sub.out"}));
  // Top-level edges first (file order), then each subgraph's, inner last.
  EXPECT_EQ(g.edges, (Edges{{"input", "fc"},
                            {"fc", "sub.in"},
                            {"sub.out", "lif"},
                            {"sub.li", "output"},
                            {"lif", "output"},
                            {"sub.in", "sub.deep.in"},
                            {"sub.deep.out", "sub.li"},
                            {"sub.li", "sub.out"},
                            {"sub.deep.in", "sub.deep.out"}}));
  EXPECT_EQ(node(g, "sub.in").type, "Identity");
  EXPECT_EQ(node(g, "sub.deep.out").type, "Identity");
  EXPECT_EQ(field(node(g, "sub.out"), "shape").data, std::vector<double>{3});
  EXPECT_EQ(node(g, "input").type, "Input");
  EXPECT_EQ(node(g, "output").type, "Output");
}

TEST(NirFileEdgeCases, FixedLengthStrings) {
  Graph g;
  ASSERT_TRUE(readOk(kInputs + "/fixed_string_edges.nir", g));
  EXPECT_EQ(g.version, "0.1.1");
  EXPECT_EQ(g.edges,
            (Edges{{"input", "fc"}, {"fc", "lif"}, {"lif", "output"}}));
  EXPECT_EQ(node(g, "fc").type, "Affine");
  EXPECT_EQ(node(g, "lif").type, "LIF");
}

TEST(NirFileEdgeCases, NumericTypesAndMetadata) {
  Graph g;
  ASSERT_TRUE(readOk(kInputs + "/float64_params.nir", g));
  const Node &lif = node(g, "lif");
  EXPECT_EQ(field(lif, "tau").data, std::vector<double>{2.5e-3}); // float64
  EXPECT_TRUE(defaulted(lif, "v_reset"));
  EXPECT_EQ(field(node(g, "fc"), "weight").data,
            (std::vector<double>{0.5, -1.5})); // float16
  EXPECT_EQ(field(node(g, "fc"), "bias").data, std::vector<double>{3}); // u8
  EXPECT_EQ(field(node(g, "input"), "shape").data,
            std::vector<double>{2}); // int32
  EXPECT_DOUBLE_EQ(g.metadataNumbers.at("dt"), 1e-4);
  EXPECT_EQ(g.metadataNumbers.at("steps"), 256);
  EXPECT_EQ(g.metadataNumbers.at("trained"), 1); // h5py bool = enum
  EXPECT_EQ(g.metadataNumbers.at("net.lr"), 0.5);
  EXPECT_EQ(g.metadataStrings.at("source"), "snntorch");
  EXPECT_EQ(g.metadataStrings.at("net.name"), "tiny");
  // Arrays are not metadata scalars: skipped, not an error.
  EXPECT_EQ(g.metadataNumbers.count("arr"), 0u);
  EXPECT_EQ(g.metadataNumbers.count("net.layers"), 0u);
}

TEST(NirFileEdgeCases, Gzip) {
  Graph g;
  ASSERT_TRUE(readOk(kInputs + "/gzip.nir", g));
  EXPECT_EQ(field(node(g, "fc"), "weight").data,
            (std::vector<double>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(field(node(g, "fc"), "weight").shape, (Shape{3, 2}));
}

TEST(NirFileEdgeCases, ConvPaddingStringAndDefaultBias) {
  Graph g;
  ASSERT_TRUE(readOk(kInputs + "/conv_padding_same.nir", g));
  const Node &conv = node(g, "conv");
  EXPECT_EQ(conv.strings.at("padding"), "same");
  EXPECT_EQ(conv.arrays.count("padding"), 0u);
  EXPECT_TRUE(defaulted(conv, "bias"));
  EXPECT_EQ(field(conv, "bias").data, (std::vector<double>{0, 0}));
}

TEST(NirFileEdgeCases, AvgPoolGraph) {
  Graph g;
  ASSERT_TRUE(readOk(kInputs + "/avgpool_graph.nir", g));
  EXPECT_EQ(g.nodes.size(), 8u);
  EXPECT_EQ(g.edges.size(), 7u);
  const Node &pool = node(g, "pool");
  EXPECT_EQ(pool.type, "AvgPool2d");
  EXPECT_EQ(field(pool, "kernel_size").data, (std::vector<double>{2, 2}));
  // The node's (empty) metadata group is ignored, not read as a field.
  EXPECT_EQ(node(g, "if").arrays.count("metadata"), 0u);
  EXPECT_EQ(field(node(g, "conv"), "bias").data,
            (std::vector<double>{0.5, -0.5}));
}

TEST(NirFileEdgeCases, MissingVersionIsUnknown) {
  Graph g;
  ASSERT_TRUE(readOk(kInputs + "/no_version.nir", g));
  EXPECT_EQ(g.version, "unknown");
  EXPECT_EQ(g.nodes.size(), 4u);
}

//===----------------------------------------------------------------------===//
// Malformed files (inputs/): one line naming file, node and field
//===----------------------------------------------------------------------===//

#define EXPECT_HAS(error, text)                                                \
  EXPECT_NE((error).find(text), std::string::npos)                             \
      << "missing \"" << (text) << "\" in: " << (error)

TEST(NirFileErrors, MissingField) {
  std::string e = readError(kInputs + "/missing_field.nir");
  EXPECT_HAS(e, "node 'lif' (LIF): field 'tau': missing");
}

TEST(NirFileErrors, MissingType) {
  std::string e = readError(kInputs + "/missing_type.nir");
  EXPECT_HAS(e, "node 'lif': field 'type': missing");
}

TEST(NirFileErrors, UnknownType) {
  std::string e = readError(kInputs + "/unknown_type.nir");
  EXPECT_HAS(e, "node 'lif' (Conv3d): unknown type 'Conv3d'");
  EXPECT_HAS(e, "known types: ");
  EXPECT_HAS(e, "CubaLIF");
}

TEST(NirFileErrors, EdgeToMissingNode) {
  std::string path = kInputs + "/edge_missing_node.nir";
  std::string e = readError(path);
  EXPECT_EQ(e, path + ": edge 3 ('lif' -> 'ghost'): no node named 'ghost'");
}

TEST(NirFileErrors, InnerEdgeToMissingNode) {
  std::string e = readError(kInputs + "/inner_edge_missing.nir");
  EXPECT_HAS(e, "node 'sub' (NIRGraph): edge 0 ('in' -> 'li'): no node "
                "named 'li'");
}

TEST(NirFileErrors, AmbiguousSubgraph) {
  std::string e = readError(kInputs + "/ambiguous_subgraph.nir");
  EXPECT_HAS(e, "edge 0 ('input' -> 'sub')");
  EXPECT_HAS(e, "2 Input nodes ('sub.a', 'sub.b')");
  EXPECT_HAS(e, "ambiguous");
}

TEST(NirFileErrors, WrongWeightRank) {
  std::string e = readError(kInputs + "/wrong_weight_rank.nir");
  EXPECT_HAS(e, "node 'fc' (Affine): field 'weight': must be 2-d");
  EXPECT_HAS(e, "(3, 2, 1)");
}

TEST(NirFileErrors, NegativeTau) {
  std::string e = readError(kInputs + "/negative_tau.nir");
  EXPECT_HAS(e, "node 'lif' (LIF): field 'tau': must be > 0, found -0.01");
}

TEST(NirFileErrors, NegativeDelay) {
  std::string e = readError(kInputs + "/negative_delay.nir");
  EXPECT_HAS(e, "node 'delay' (Delay): field 'delay': must be >= 0");
}

TEST(NirFileErrors, NonFinite) {
  std::string e = readError(kInputs + "/nan_weight.nir");
  EXPECT_HAS(e, "node 'lin' (Linear): field 'weight': non-finite value");
}

TEST(NirFileErrors, MismatchedNeuronShapes) {
  std::string e = readError(kInputs + "/mismatched_shapes.nir");
  EXPECT_HAS(e, "node 'lif' (LIF): field 'r': shape (2) differs from field "
                "'tau' shape (3)");
}

TEST(NirFileErrors, NotHdf5) {
  std::string e = readError(kInputs + "/not_hdf5.nir");
  EXPECT_HAS(e, "not an HDF5 file");
  EXPECT_HAS(e, "pickle");
  EXPECT_HAS(e, "NIR files are HDF5");
}

TEST(NirFileErrors, Truncated) {
  std::string e = readError(kInputs + "/truncated.nir");
  EXPECT_HAS(e, "HDF5");
}

TEST(NirFileErrors, MissingNodeGroup) {
  std::string e = readError(kInputs + "/missing_node_group.nir");
  EXPECT_HAS(e, "no '/node' group");
}

TEST(NirFileErrors, MissingFile) {
  std::string e = readError(kInputs + "/does_not_exist.nir");
  EXPECT_HAS(e, "no such file");
  e = readError(kInputs);
  EXPECT_HAS(e, "not a regular file");
}

TEST(NirFileErrors, GraphIsResetAfterFailure) {
  Graph g;
  ASSERT_TRUE(readOk(kInputs + "/gzip.nir", g));
  std::string error;
  EXPECT_FALSE(readNirFile(kInputs + "/missing_field.nir", g, error));
  EXPECT_TRUE(g.nodes.empty());
  EXPECT_TRUE(g.edges.empty());
}
