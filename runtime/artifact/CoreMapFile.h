//===- CoreMapFile.h - Core-map artifacts: files and emulation ---*- C++
//-*-===//
//
// Reading and writing core-map artifacts (runtime/artifact/CoreMap.proto), and
// turning one into the plan the engine runs *as mapped*: every edge between
// two cores is kept only if the artifact's routing delivers it, so a mapping
// or routing bug shows up as a divergence from the unmapped run.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_RUNTIME_ARTIFACT_COREMAPFILE_H
#define SNN_RUNTIME_ARTIFACT_COREMAPFILE_H

#include "runtime/artifact/CoreMap.pb.h"

#include <string>

namespace snn::runtime {

inline constexpr const char *kCoreMapMagic = "snn-coremap";
inline constexpr uint32_t kCoreMapFormatVersion = 1;

/// True if `path` holds a core map (binary, or text when it ends in .pbtxt/
/// .txt and names the magic).
bool isCoreMapFile(const std::string &path);
bool loadCoreMapFile(const std::string &path, artifact::CoreMap &map,
                     std::string &err);
/// Binary (deterministic) or text by extension (.pbtxt, .txt).
bool writeCoreMapFile(const std::string &path, const artifact::CoreMap &map,
                      std::string &err);

/// The plan the emulator runs: the artifact's plan with every operand that
/// crosses cores removed unless the routing delivers it. `dropped` counts the
/// removed edges (0 for a correct artifact). Errors for a malformed artifact
/// (unknown version, slices naming missing nodes, routes naming missing cores).
bool emulationPlan(const artifact::CoreMap &map, plan::Plan &plan,
                   int64_t &dropped, std::string &err);

} // namespace snn::runtime

#endif // SNN_RUNTIME_ARTIFACT_COREMAPFILE_H
