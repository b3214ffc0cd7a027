//===- FileBytes.h - Whole-file reads shared by the artifact loaders ------===//
#ifndef SNN_RUNTIME_IO_FILEBYTES_H
#define SNN_RUNTIME_IO_FILEBYTES_H

#include <string>

namespace snn::runtime {

/// True when `path` names a protobuf text file (ends in .txt or .pbtxt); the
/// plan, core-map and BrainScaleS-2 files all choose their form this way.
bool isTextProtoPath(const std::string &path);

/// Reads the whole file; on failure `err` is "<path>: cannot open file".
bool readFileBytes(const std::string &path, std::string &bytes,
                   std::string &err);

} // namespace snn::runtime

#endif // SNN_RUNTIME_IO_FILEBYTES_H
