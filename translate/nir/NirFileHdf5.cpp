//===- NirFileHdf5.cpp - Checked wrappers over the HDF5 C API -------------===//
//
// Dataset decoding for the NIR reader: numbers of any integer/float/enum type
// become doubles, fixed- and variable-length strings become std::string.
//
//===----------------------------------------------------------------------===//

#include "translate/nir/NirFileHdf5.h"

#include <algorithm>
#include <cstring>

using namespace snn::nir;
using namespace snn::nir::detail;

/// Refuse datasets above this many elements: a corrupt or hostile header could
/// otherwise make the reader try to allocate terabytes (std::bad_alloc would
/// terminate the process since the reader does not throw).
static constexpr uint64_t kMaxElements = uint64_t(1) << 28;
/// Same guard for the bytes of fixed-length string datasets.
static constexpr uint64_t kMaxStringBytes = uint64_t(1) << 28;

SilenceHdf5Errors::SilenceHdf5Errors() {
  saved = H5Eget_auto2(H5E_DEFAULT, &oldFunc, &oldData) >= 0;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

SilenceHdf5Errors::~SilenceHdf5Errors() {
  if (saved)
    H5Eset_auto2(H5E_DEFAULT, oldFunc, oldData);
}

ObjectKind detail::objectKind(hid_t loc, const std::string &name) {
  if (H5Lexists(loc, name.c_str(), H5P_DEFAULT) <= 0)
    return ObjectKind::Missing;
  H5L_info_t info;
  if (H5Lget_info(loc, name.c_str(), &info, H5P_DEFAULT) < 0)
    return ObjectKind::Other;
  if (info.type != H5L_TYPE_HARD)
    return ObjectKind::SoftOrExternalLink;
  Handle obj(H5Oopen(loc, name.c_str(), H5P_DEFAULT), H5Oclose);
  if (!obj.valid())
    return ObjectKind::Other;
  switch (H5Iget_type(obj.get())) {
  case H5I_GROUP:
    return ObjectKind::Group;
  case H5I_DATASET:
    return ObjectKind::Dataset;
  default:
    return ObjectKind::Other;
  }
}

bool detail::listLinks(hid_t group, std::vector<std::string> &names,
                       std::string &error) {
  names.clear();
  H5G_info_t info;
  if (H5Gget_info(group, &info) < 0) {
    error = "cannot list the group's members";
    return false;
  }
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    ssize_t len = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i,
                                     nullptr, 0, H5P_DEFAULT);
    if (len < 0) {
      error = "cannot read the name of member " + std::to_string(i);
      return false;
    }
    std::string name(static_cast<size_t>(len) + 1, '\0');
    if (H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i,
                           name.data(), name.size(), H5P_DEFAULT) < 0) {
      error = "cannot read the name of member " + std::to_string(i);
      return false;
    }
    name.resize(static_cast<size_t>(len));
    names.push_back(std::move(name));
  }
  // The name index is already ordered, but sorting here makes the order a
  // property of this code rather than of the HDF5 version.
  std::sort(names.begin(), names.end());
  return true;
}

/// Widens one native integer of `size` bytes (memcpy avoids unaligned reads).
template <typename S, typename U>
static double widenAs(const unsigned char *p, bool isSigned) {
  if (isSigned) {
    S v;
    std::memcpy(&v, p, sizeof(v));
    return static_cast<double>(v);
  }
  U v;
  std::memcpy(&v, p, sizeof(v));
  return static_cast<double>(v);
}

static double widen(const unsigned char *p, size_t size, bool isSigned) {
  switch (size) {
  case 1:
    return widenAs<int8_t, uint8_t>(p, isSigned);
  case 2:
    return widenAs<int16_t, uint16_t>(p, isSigned);
  case 4:
    return widenAs<int32_t, uint32_t>(p, isSigned);
  default:
    return widenAs<int64_t, uint64_t>(p, isSigned);
  }
}

/// Reads an integer-based enum (h5py stores numpy bools this way), which HDF5
/// cannot convert to double itself: read the raw native values and widen.
static bool readEnum(hid_t dataset, hid_t fileType, uint64_t count,
                     std::vector<double> &out, std::string &error) {
  Handle base(H5Tget_super(fileType), H5Tclose);
  if (!base.valid() || H5Tget_class(base.get()) != H5T_INTEGER) {
    error = "unsupported enum datatype";
    return false;
  }
  Handle memType(H5Tget_native_type(fileType, H5T_DIR_ASCEND), H5Tclose);
  if (!memType.valid()) {
    error = "unsupported enum datatype";
    return false;
  }
  size_t size = H5Tget_size(memType.get());
  bool isSigned = H5Tget_sign(base.get()) == H5T_SGN_2;
  if (size != 1 && size != 2 && size != 4 && size != 8) {
    error = "unsupported enum size " + std::to_string(size);
    return false;
  }
  std::vector<unsigned char> raw(count * size);
  if (count > 0 && H5Dread(dataset, memType.get(), H5S_ALL, H5S_ALL,
                           H5P_DEFAULT, raw.data()) < 0) {
    error = "cannot read the data";
    return false;
  }
  out.resize(count);
  for (uint64_t i = 0; i < count; ++i)
    out[i] = widen(raw.data() + i * size, size, isSigned);
  return true;
}

static bool readStrings(hid_t dataset, hid_t fileType, hid_t space,
                        uint64_t count, std::vector<std::string> &out,
                        std::string &error) {
  out.assign(count, std::string());
  if (count == 0)
    return true;
  H5T_cset_t cset = H5Tget_cset(fileType);
  htri_t isVariable = H5Tis_variable_str(fileType);
  if (isVariable < 0 || cset < 0) {
    error = "unreadable string datatype";
    return false;
  }
  Handle memType(H5Tcopy(H5T_C_S1), H5Tclose);
  if (!memType.valid() || H5Tset_cset(memType.get(), cset) < 0) {
    error = "cannot create a string datatype";
    return false;
  }
  if (isVariable > 0) {
    if (H5Tset_size(memType.get(), H5T_VARIABLE) < 0) {
      error = "cannot create a string datatype";
      return false;
    }
    std::vector<char *> ptrs(count, nullptr);
    if (H5Dread(dataset, memType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                ptrs.data()) < 0) {
      error = "cannot read the strings";
      return false;
    }
    for (uint64_t i = 0; i < count; ++i) {
      if (ptrs[i])
        out[i] = ptrs[i];
    }
    // The library allocated each string: give them back.
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(memType.get(), space, H5P_DEFAULT, ptrs.data());
#else
    H5Dvlen_reclaim(memType.get(), space, H5P_DEFAULT, ptrs.data());
#endif
    return true;
  }

  size_t size = H5Tget_size(fileType);
  if (size == 0 || count * size > kMaxStringBytes) {
    error = "string dataset is too large";
    return false;
  }
  H5T_str_t pad = H5Tget_strpad(fileType);
  // Read with null padding: conversion from a space-padded or
  // null-terminated file type keeps every byte the string can hold.
  if (H5Tset_size(memType.get(), size) < 0 ||
      H5Tset_strpad(memType.get(), H5T_STR_NULLPAD) < 0) {
    error = "cannot create a string datatype";
    return false;
  }
  std::vector<char> raw(count * size);
  if (H5Dread(dataset, memType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
              raw.data()) < 0) {
    error = "cannot read the strings";
    return false;
  }
  for (uint64_t i = 0; i < count; ++i) {
    const char *p = raw.data() + i * size;
    std::string s(p, strnlen(p, size));
    if (pad == H5T_STR_SPACEPAD)
      s.erase(s.find_last_not_of(' ') + 1);
    out[i] = std::move(s);
  }
  return true;
}

bool detail::readDataset(hid_t loc, const std::string &name, Value &value,
                         std::string &error) {
  value = Value();
  Handle dataset(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), H5Dclose);
  if (!dataset.valid()) {
    error = "cannot open the dataset";
    return false;
  }
  Handle space(H5Dget_space(dataset.get()), H5Sclose);
  if (!space.valid()) {
    error = "cannot read the dataspace";
    return false;
  }
  H5S_class_t spaceClass = H5Sget_simple_extent_type(space.get());
  if (spaceClass == H5S_NULL)
    return true; // Kind::Empty
  if (spaceClass != H5S_SCALAR && spaceClass != H5S_SIMPLE) {
    error = "unreadable dataspace";
    return false;
  }
  int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0 || rank > H5S_MAX_RANK) {
    error = "unreadable dataspace";
    return false;
  }
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (rank > 0 &&
      H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0) {
    error = "unreadable dataspace";
    return false;
  }
  uint64_t count = 1;
  for (hsize_t d : dims) {
    if (d != 0 && count > kMaxElements / d) {
      error = "dataset is too large";
      return false;
    }
    count *= d;
    value.shape.push_back(static_cast<int64_t>(d));
  }
  if (count > kMaxElements) {
    error = "dataset is too large";
    return false;
  }

  Handle fileType(H5Dget_type(dataset.get()), H5Tclose);
  if (!fileType.valid()) {
    error = "cannot read the datatype";
    return false;
  }
  switch (H5Tget_class(fileType.get())) {
  case H5T_INTEGER:
  case H5T_FLOAT:
    value.kind = Value::Kind::Number;
    value.array.shape = value.shape;
    value.array.data.resize(count);
    // HDF5 converts every integer and float width to double itself.
    if (count > 0 && H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL,
                             H5P_DEFAULT, value.array.data.data()) < 0) {
      error = "cannot read the data (corrupt or unsupported filter?)";
      return false;
    }
    return true;
  case H5T_ENUM:
    value.kind = Value::Kind::Number;
    value.array.shape = value.shape;
    return readEnum(dataset.get(), fileType.get(), count, value.array.data,
                    error);
  case H5T_STRING:
    value.kind = Value::Kind::String;
    return readStrings(dataset.get(), fileType.get(), space.get(), count,
                       value.strings, error);
  default:
    error = "unsupported HDF5 datatype (expected numbers or strings)";
    return false;
  }
}
