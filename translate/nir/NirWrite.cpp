//===- NirWrite.cpp - Writing a plain NIR graph as an HDF5 file -----------===//
//
// Every handle is owned by the reader's RAII Handle; every HDF5 call is
// checked. Time stamps are turned off on every object creation property list
// so that the same graph always gives the same bytes.
//
//===----------------------------------------------------------------------===//
#include "translate/nir/NirWrite.h"
#include "translate/nir/NirFileHdf5.h"

#include <hdf5.h>

#include <cstdint>
#include <set>

using namespace snn::nir;
using namespace snn::nir::detail;

bool snn::nir::isIntegerField(const std::string &name) {
  static const std::set<std::string> fields = {
      "stride",    "padding", "dilation",   "groups", "kernel_size",
      "start_dim", "end_dim", "input_type", "shape",  "input_shape"};
  return fields.count(name) != 0;
}

namespace {
class Writer {
public:
  explicit Writer(std::string &error) : error(error) {}

  bool run(const std::string &path, const Graph &graph);

private:
  std::string &error;
  Handle gcpl, dcpl, lcpl;

  bool fail(const std::string &what) {
    error = what;
    return false;
  }
  Handle group(hid_t loc, const std::string &name) {
    return Handle(
        H5Gcreate2(loc, name.c_str(), lcpl.get(), gcpl.get(), H5P_DEFAULT),
        H5Gclose);
  }
  Handle space(const std::vector<int64_t> &shape) {
    if (shape.empty())
      return Handle(H5Screate(H5S_SCALAR), H5Sclose);
    std::vector<hsize_t> dims(shape.begin(), shape.end());
    return Handle(
        H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
        H5Sclose);
  }
  bool dataset(hid_t loc, const std::string &name, hid_t memType,
               hid_t fileType, const std::vector<int64_t> &shape,
               const void *data);
  bool strings(hid_t loc, const std::string &name,
               const std::vector<int64_t> &shape,
               const std::vector<std::string> &values);
  bool numbers(hid_t loc, const std::string &name, const Array &array,
               bool integer);
  bool node(hid_t nodes, const Node &n);
};
} // namespace

bool Writer::dataset(hid_t loc, const std::string &name, hid_t memType,
                     hid_t fileType, const std::vector<int64_t> &shape,
                     const void *data) {
  Handle sp = space(shape);
  if (!sp.valid())
    return fail("dataset '" + name + "': cannot create its dataspace");
  Handle ds(H5Dcreate2(loc, name.c_str(), fileType, sp.get(), lcpl.get(),
                       dcpl.get(), H5P_DEFAULT),
            H5Dclose);
  if (!ds.valid())
    return fail("dataset '" + name + "': cannot create it");
  int64_t count = 1;
  for (int64_t d : shape)
    count *= d;
  if (count > 0 &&
      H5Dwrite(ds.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
    return fail("dataset '" + name + "': cannot write it");
  return true;
}

bool Writer::strings(hid_t loc, const std::string &name,
                     const std::vector<int64_t> &shape,
                     const std::vector<std::string> &values) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  if (!type.valid() || H5Tset_size(type.get(), H5T_VARIABLE) < 0 ||
      H5Tset_cset(type.get(), H5T_CSET_UTF8) < 0)
    return fail("dataset '" + name + "': cannot make a string type");
  std::vector<const char *> pointers;
  for (const std::string &v : values)
    pointers.push_back(v.c_str());
  return dataset(loc, name, type.get(), type.get(), shape, pointers.data());
}

bool Writer::numbers(hid_t loc, const std::string &name, const Array &array,
                     bool integer) {
  int64_t count = 1;
  for (int64_t d : array.shape)
    count *= d;
  if (count != array.numElements())
    return fail("field '" + name + "': shape does not match its " +
                std::to_string(array.numElements()) + " values");
  if (integer) {
    std::vector<int64_t> data(array.data.begin(), array.data.end());
    return dataset(loc, name, H5T_NATIVE_INT64, H5T_STD_I64LE, array.shape,
                   data.data());
  }
  std::vector<float> data(array.data.begin(), array.data.end());
  return dataset(loc, name, H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, array.shape,
                 data.data());
}

bool Writer::node(hid_t nodes, const Node &n) {
  if (n.name.empty() || n.name.find('/') != std::string::npos || n.name == ".")
    return fail("node '" + n.name + "': the name cannot be an HDF5 group name");
  Handle g = group(nodes, n.name);
  if (!g.valid())
    return fail("node '" + n.name +
                "': cannot create its group (duplicate "
                "name?)");
  std::string where = "node '" + n.name + "' (" + n.type + "): ";
  if (!strings(g.get(), "type", {}, {n.type}))
    return fail(where + error);
  for (const auto &[name, array] : n.arrays)
    if (!numbers(g.get(), name, array, isIntegerField(name)))
      return fail(where + error);
  for (const auto &[name, text] : n.strings)
    if (!strings(g.get(), name, {}, {text}))
      return fail(where + error);
  return true;
}

bool Writer::run(const std::string &path, const Graph &graph) {
  gcpl = Handle(H5Pcreate(H5P_GROUP_CREATE), H5Pclose);
  dcpl = Handle(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  lcpl = Handle(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
  Handle fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose);
  if (!gcpl.valid() || !dcpl.valid() || !lcpl.valid() || !fcpl.valid() ||
      H5Pset_obj_track_times(gcpl.get(), false) < 0 ||
      H5Pset_obj_track_times(dcpl.get(), false) < 0 ||
      H5Pset_obj_track_times(fcpl.get(), false) < 0 ||
      H5Pset_char_encoding(lcpl.get(), H5T_CSET_UTF8) < 0)
    return fail("cannot set up HDF5 property lists");
  Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), H5P_DEFAULT),
              H5Fclose);
  if (!file.valid())
    return fail("cannot create the file");
  std::string version = graph.version.empty() ? "1.0.0" : graph.version;
  if (!strings(file.get(), "version", {}, {version}))
    return false;
  Handle root = group(file.get(), "node");
  if (!root.valid())
    return fail("cannot create group 'node'");
  if (!strings(root.get(), "type", {}, {"NIRGraph"}))
    return false;
  Handle nodes = group(root.get(), "nodes");
  if (!nodes.valid())
    return fail("cannot create group 'node/nodes'");
  for (const Node &n : graph.nodes)
    if (!node(nodes.get(), n))
      return false;
  if (graph.edges.empty()) {
    // What the NIR library writes for an empty edge list.
    if (!dataset(root.get(), "edges", H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, {0},
                 nullptr))
      return false;
  } else {
    std::vector<std::string> flat;
    for (const auto &[from, to] : graph.edges) {
      flat.push_back(from);
      flat.push_back(to);
    }
    if (!strings(root.get(), "edges",
                 {static_cast<int64_t>(graph.edges.size()), 2}, flat))
      return false;
  }
  Handle meta = group(root.get(), "metadata");
  if (!meta.valid())
    return fail("cannot create group 'node/metadata'");
  for (const auto &[key, value] : graph.metadataNumbers)
    if (!dataset(meta.get(), key, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, {},
                 &value))
      return fail("metadata: " + error);
  for (const auto &[key, text] : graph.metadataStrings)
    if (!strings(meta.get(), key, {}, {text}))
      return fail("metadata: " + error);
  if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0)
    return fail("cannot flush the file");
  return true;
}

bool snn::nir::writeNirFile(const std::string &path, const Graph &graph,
                            std::string &error) {
  SilenceHdf5Errors silence;
  std::string why;
  if (!Writer(why).run(path, graph)) {
    error = path + ": " + why;
    return false;
  }
  return true;
}
