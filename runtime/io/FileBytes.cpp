//===- FileBytes.cpp - Whole-file reads shared by the artifact loaders ----===//
#include "runtime/io/FileBytes.h"

#include <fstream>
#include <sstream>

bool snn::runtime::isTextProtoPath(const std::string &path) {
  auto endsWith = [&](const std::string &suffix) {
    return path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) ==
               0;
  };
  return endsWith(".pbtxt") || endsWith(".txt");
}

bool snn::runtime::readFileBytes(const std::string &path, std::string &bytes,
                                 std::string &err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err = path + ": cannot open file";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  bytes = buffer.str();
  return true;
}
