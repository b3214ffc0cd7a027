//===- NirFileHdf5.h - Checked wrappers over the HDF5 C API -----*- C++
//-*-===//
//
// Internal to the NIR reader. Every handle is owned by an RAII wrapper and
// every HDF5 call is checked, so that a malformed file yields an error string
// instead of a crash or a leaked handle.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TRANSLATE_NIR_NIRFILEHDF5_H
#define SNN_TRANSLATE_NIR_NIRFILEHDF5_H

#include "translate/nir/NirFile.h"

#include <hdf5.h>

#include <string>
#include <vector>

namespace snn::nir::detail {

/// Owns one HDF5 identifier and closes it with the matching H5?close.
class Handle {
public:
  using Closer = herr_t (*)(hid_t);

  Handle() = default;
  Handle(hid_t id, Closer closer) : id(id), closer(closer) {}
  Handle(const Handle &) = delete;
  Handle &operator=(const Handle &) = delete;
  Handle(Handle &&other) noexcept : id(other.id), closer(other.closer) {
    other.id = H5I_INVALID_HID;
  }
  Handle &operator=(Handle &&other) noexcept {
    if (this != &other) {
      reset();
      id = other.id;
      closer = other.closer;
      other.id = H5I_INVALID_HID;
    }
    return *this;
  }
  ~Handle() { reset(); }

  bool valid() const { return id >= 0; }
  hid_t get() const { return id; }
  void reset() {
    if (id >= 0 && closer)
      closer(id);
    id = H5I_INVALID_HID;
  }

private:
  hid_t id = H5I_INVALID_HID;
  Closer closer = nullptr;
};

/// Turns off HDF5's automatic error printing for its lifetime and restores
/// the previous handler afterwards, so the reader does not change global
/// state for other HDF5 users in the process.
class SilenceHdf5Errors {
public:
  SilenceHdf5Errors();
  ~SilenceHdf5Errors();
  SilenceHdf5Errors(const SilenceHdf5Errors &) = delete;
  SilenceHdf5Errors &operator=(const SilenceHdf5Errors &) = delete;

private:
  H5E_auto2_t oldFunc = nullptr;
  void *oldData = nullptr;
  bool saved = false;
};

/// What a link inside a group points to.
enum class ObjectKind { Missing, Group, Dataset, SoftOrExternalLink, Other };

/// Classifies the link `name` in `loc` without following soft or external
/// links (those could point outside the file).
ObjectKind objectKind(hid_t loc, const std::string &name);

/// Lists the link names of a group, sorted by name (byte order), so that
/// the reader's output does not depend on how the file was written.
bool listLinks(hid_t group, std::vector<std::string> &names,
               std::string &error);

/// The decoded content of one dataset.
struct Value {
  enum class Kind {
    Number, ///< integer, float or enum (h5py bool): `array` is filled.
    String, ///< fixed- or variable-length strings: `strings` is filled.
    Empty,  ///< HDF5 null dataspace (h5py.Empty): no value at all.
  };
  Kind kind = Kind::Empty;
  Array array;
  std::vector<int64_t> shape; ///< Shape for both numbers and strings.
  std::vector<std::string> strings;
};

/// Reads dataset `name` of `loc`. Fails with `error` (no path/node prefix)
/// on unsupported datatypes (compound, opaque, ...) or unreadable data.
bool readDataset(hid_t loc, const std::string &name, Value &value,
                 std::string &error);

} // namespace snn::nir::detail

#endif // SNN_TRANSLATE_NIR_NIRFILEHDF5_H
