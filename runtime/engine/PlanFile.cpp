//===- PlanFile.cpp - Reading and writing step-plan files -----------------===//

#include "runtime/engine/PlanFile.h"
#include "runtime/io/FileBytes.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <fstream>
#include <sstream>

using namespace snn;
using namespace snn::runtime;

namespace {

/// Collects the first text-format parse error instead of letting protobuf
/// log it to stderr.
class FirstError : public google::protobuf::io::ErrorCollector {
public:
  std::string message;
  void AddError(int line, int column, const std::string &msg) override {
    if (message.empty())
      message = "line " + std::to_string(line + 1) + ", column " +
                std::to_string(column + 1) + ": " + msg;
  }
};

} // namespace

bool snn::runtime::isTextPlanPath(const std::string &path) {
  return isTextProtoPath(path);
}

bool snn::runtime::parsePlanText(const std::string &text,
                                 const std::string &name, plan::Plan &plan,
                                 std::string &err) {
  google::protobuf::TextFormat::Parser parser;
  FirstError errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, &plan)) {
    err = name + ": not a valid text-format plan: " + errors.message;
    return false;
  }
  return true;
}

bool snn::runtime::loadPlanFile(const std::string &path, plan::Plan &plan,
                                std::string &err) {
  std::string bytes;
  if (!readFileBytes(path, bytes, err))
    return false;
  if (isTextPlanPath(path))
    return parsePlanText(bytes, path, plan, err);
  if (!plan.ParseFromString(bytes)) {
    err = path + ": not a valid binary plan (protobuf parse failed; text "
                 "plans must end in .txt or .pbtxt)";
    return false;
  }
  return true;
}

bool snn::runtime::writePlanFile(const std::string &path,
                                 const plan::Plan &plan, std::string &err) {
  std::string bytes;
  if (isTextPlanPath(path)) {
    if (!google::protobuf::TextFormat::PrintToString(plan, &bytes)) {
      err = path + ": cannot print plan as text";
      return false;
    }
  } else {
    // Deterministic serialization: same plan, same bytes (metadata is a map).
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    if (!plan.SerializeToCodedStream(&coded)) {
      err = path + ": cannot serialize plan";
      return false;
    }
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    err = path + ": cannot open file for writing";
    return false;
  }
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    err = path + ": write error";
    return false;
  }
  return true;
}
