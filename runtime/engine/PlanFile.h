//===- PlanFile.h - Reading and writing step-plan files ----------*- C++
//-*-===//
//
// A plan is stored as a binary protobuf (.plan, .pb, ...) or, for tests and
// hand-written examples, in protobuf text format (.txt, .pbtxt).
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_PLANFILE_H
#define SNN_RUNTIME_ENGINE_PLANFILE_H

#include "runtime/plan/Plan.pb.h"

#include <string>

namespace snn::runtime {

/// True when `path` names a text-format plan (ends in .txt or .pbtxt).
bool isTextPlanPath(const std::string &path);

/// Reads the plan at `path` (text format if isTextPlanPath, else binary).
/// Returns false with `err` naming the file and, for text, the line/column.
/// Only parses: run validatePlan (or Engine::create) before trusting it.
bool loadPlanFile(const std::string &path, plan::Plan &plan, std::string &err);

/// Parses a text-format plan held in memory; `name` is used in messages.
bool parsePlanText(const std::string &text, const std::string &name,
                   plan::Plan &plan, std::string &err);

/// Writes `plan` to `path` (text format if isTextPlanPath, else binary).
/// Binary output is deterministic (map fields serialized in key order).
bool writePlanFile(const std::string &path, const plan::Plan &plan,
                   std::string &err);

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_PLANFILE_H
