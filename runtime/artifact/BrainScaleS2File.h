//===- BrainScaleS2File.h - BrainScaleS-2 parameter-set files ---*- C++ -*-===//
//
// Reading, writing and checking the parameter-set artifact
// (runtime/artifact/BrainScaleS2.proto, docs/brainscales2-artifact.md).
// Loading validates everything the emulator relies on, so a malformed or
// hand-edited file is a one-line error, never a crash.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_RUNTIME_ARTIFACT_BRAINSCALES2FILE_H
#define SNN_RUNTIME_ARTIFACT_BRAINSCALES2FILE_H

#include "runtime/artifact/BrainScaleS2.pb.h"

#include <string>

namespace snn::runtime {

inline constexpr const char *kBss2Magic = "snn-brainscales2";
inline constexpr uint32_t kBss2FormatVersion = 2;

/// True if `path` holds a BrainScaleS-2 parameter set (binary, or text when it
/// ends in .pbtxt/.txt), judged by its magic.
bool isBss2File(const std::string &path);
/// Loads and validates (validateBss2); `err` is "PATH: why".
bool loadBss2File(const std::string &path, artifact::bss2::ParameterSet &set,
                  std::string &err);
/// Binary (deterministic serialisation) or text by extension (.pbtxt, .txt).
bool writeBss2File(const std::string &path,
                   const artifact::bss2::ParameterSet &set, std::string &err);
/// Deterministic binary bytes of `set`.
std::string serializeBss2(const artifact::bss2::ParameterSet &set);

/// Structural checks: magic and version, dt and acceleration, every index in
/// range, circuit/row numbers unique and within the chip, codes within
/// 0..1022 (refractory counter 0..255), weights 0..63 with one per circuit,
/// sequential partitions reading only earlier partitions. The first problem
/// found is returned in `err`.
bool validateBss2(const artifact::bss2::ParameterSet &set, std::string &err);

} // namespace snn::runtime

#endif // SNN_RUNTIME_ARTIFACT_BRAINSCALES2FILE_H
