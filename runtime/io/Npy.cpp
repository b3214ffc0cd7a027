//===- Npy.cpp - NumPy .npy reading and writing ---------------------------===//
//
// Implements the .npy format as documented in numpy.lib.format. The header is
// a Python dict literal; the parser below accepts exactly the subset NumPy
// writes (quoted keys, string/bool/int-tuple values) and rejects the rest.
//
//===----------------------------------------------------------------------===//

#include "runtime/io/Npy.h"

#include <cstring>
#include <fstream>
#include <sstream>

using namespace snn::runtime;

namespace {

/// Cursor over the header dict text.
struct HeaderParser {
  const std::string &s;
  size_t pos = 0;

  void skipSpace() {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' ||
                              s[pos] == '\n' || s[pos] == '\r'))
      ++pos;
  }
  bool consume(char c) {
    skipSpace();
    if (pos < s.size() && s[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool peek(char c) {
    skipSpace();
    return pos < s.size() && s[pos] == c;
  }
  bool parseString(std::string &out) {
    skipSpace();
    if (pos >= s.size() || (s[pos] != '\'' && s[pos] != '"'))
      return false;
    char quote = s[pos++];
    size_t end = s.find(quote, pos);
    if (end == std::string::npos)
      return false;
    out = s.substr(pos, end - pos);
    pos = end + 1;
    return true;
  }
  bool parseWord(const char *word) {
    skipSpace();
    size_t n = std::strlen(word);
    if (s.compare(pos, n, word) != 0)
      return false;
    pos += n;
    return true;
  }
  bool parseInt(int64_t &out) {
    skipSpace();
    size_t start = pos;
    out = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (out > (INT64_MAX - 9) / 10)
        return false;
      out = out * 10 + (s[pos++] - '0');
    }
    if (pos < s.size() && s[pos] == 'L') // Python 2 long suffix.
      ++pos;
    return pos > start;
  }
  bool parseShape(std::vector<int64_t> &shape) {
    if (!consume('('))
      return false;
    while (!consume(')')) {
      int64_t d;
      if (!parseInt(d))
        return false;
      shape.push_back(d);
      if (!consume(',') && !peek(')'))
        return false;
    }
    return true;
  }
};

/// Size in bytes and converter for one supported element type.
struct DType {
  char kind; // 'b', 'u', 'i', 'f'
  int size;
};

float convertElement(const DType &t, const unsigned char *p) {
  // The host is little-endian (x86-64, AArch64), so memcpy reads '<' data.
  switch (t.kind) {
  case 'b':
    return *p ? 1.0f : 0.0f;
  case 'f':
    if (t.size == 4) {
      float f;
      std::memcpy(&f, p, 4);
      return f;
    } else {
      double d;
      std::memcpy(&d, p, 8);
      return static_cast<float>(d);
    }
  case 'u': {
    uint64_t v = 0;
    std::memcpy(&v, p, t.size);
    return static_cast<float>(v);
  }
  default: { // 'i': sign-extend from t.size bytes.
    uint64_t v = 0;
    std::memcpy(&v, p, t.size);
    int shift = 64 - 8 * t.size;
    int64_t sv = static_cast<int64_t>(v << shift) >> shift;
    return static_cast<float>(sv);
  }
  }
}

bool parseDescr(const std::string &descr, DType &t, std::string &problem) {
  if (descr.size() < 3) {
    problem = "unsupported dtype '" + descr + "'";
    return false;
  }
  char order = descr[0];
  if (order == '>') {
    problem = "big-endian dtype '" + descr +
              "' is not supported; save with a little-endian dtype "
              "(arr.astype(arr.dtype.newbyteorder('<')))";
    return false;
  }
  std::string code = descr.substr(1);
  static const struct {
    const char *code;
    DType type;
  } known[] = {{"b1", {'b', 1}}, {"u1", {'u', 1}}, {"i1", {'i', 1}},
               {"u2", {'u', 2}}, {"i2", {'i', 2}}, {"u4", {'u', 4}},
               {"i4", {'i', 4}}, {"u8", {'u', 8}}, {"i8", {'i', 8}},
               {"f4", {'f', 4}}, {"f8", {'f', 8}}};
  if (order == '<' || order == '|' || order == '=')
    for (const auto &k : known)
      if (code == k.code) {
        t = k.type;
        return true;
      }
  problem = "unsupported dtype '" + descr +
            "' (supported: bool, int8-64, uint8-64, float32, float64)";
  return false;
}

uint32_t readLE(const std::string &b, size_t at, int bytes) {
  uint32_t v = 0;
  for (int k = bytes - 1; k >= 0; --k)
    v = (v << 8) | static_cast<unsigned char>(b[at + k]);
  return v;
}

} // namespace

bool snn::runtime::parseNpy(const std::string &bytes, const std::string &name,
                            Tensor &out, std::string &err) {
  auto fail = [&](const std::string &problem) {
    err = name + ": " + problem;
    return false;
  };
  static const char magic[] = "\x93NUMPY";
  if (bytes.size() < 10 || bytes.compare(0, 6, magic, 6) != 0)
    return fail("not a .npy file (bad magic)");
  int major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3)
    return fail("unsupported .npy format version " + std::to_string(major));
  size_t lenBytes = major == 1 ? 2 : 4;
  size_t headerStart = 8 + lenBytes;
  if (bytes.size() < headerStart)
    return fail("truncated header");
  size_t headerLen = readLE(bytes, 8, static_cast<int>(lenBytes));
  if (bytes.size() - headerStart < headerLen)
    return fail("truncated header (" + std::to_string(headerLen) +
                " bytes declared)");
  std::string header = bytes.substr(headerStart, headerLen);

  HeaderParser p{header};
  std::string descr;
  bool fortran = false, haveDescr = false, haveOrder = false, haveShape = false;
  std::vector<int64_t> shape;
  if (!p.consume('{'))
    return fail("malformed header: expected a dict");
  while (!p.consume('}')) {
    std::string key;
    if (!p.parseString(key) || !p.consume(':'))
      return fail("malformed header near offset " + std::to_string(p.pos));
    if (key == "descr") {
      if (p.peek('['))
        return fail("unsupported dtype: structured arrays are not supported");
      if (!p.parseString(descr))
        return fail("malformed header: bad 'descr'");
      haveDescr = true;
    } else if (key == "fortran_order") {
      if (p.parseWord("True"))
        fortran = true;
      else if (!p.parseWord("False"))
        return fail("malformed header: bad 'fortran_order'");
      haveOrder = true;
    } else if (key == "shape") {
      if (!p.parseShape(shape))
        return fail("malformed header: bad 'shape'");
      haveShape = true;
    } else {
      return fail("malformed header: unknown key '" + key + "'");
    }
    if (!p.consume(',') && !p.peek('}'))
      return fail("malformed header near offset " + std::to_string(p.pos));
  }
  if (!haveDescr || !haveOrder || !haveShape)
    return fail("malformed header: needs 'descr', 'fortran_order' and 'shape'");
  DType type;
  std::string problem;
  if (!parseDescr(descr, type, problem))
    return fail(problem);

  size_t dataStart = headerStart + headerLen;
  uint64_t available = bytes.size() - dataStart;
  uint64_t numel = 1;
  for (int64_t d : shape) {
    if (d != 0 && numel > available / static_cast<uint64_t>(d))
      numel = UINT64_MAX; // Would not fit; reported as truncation below.
    else
      numel *= static_cast<uint64_t>(d);
  }
  if (numel == UINT64_MAX || numel * type.size > available)
    return fail("truncated data: shape " + shapeToString(shape) + " of '" +
                descr + "' needs more than the " + std::to_string(available) +
                " bytes present");
  if (numel * type.size != available)
    return fail(
        "trailing data: " + std::to_string(available - numel * type.size) +
        " bytes after the array");

  out.shape = shape;
  out.data.resize(numel);
  const auto *src =
      reinterpret_cast<const unsigned char *>(bytes.data() + dataStart);
  if (!fortran) {
    for (uint64_t k = 0; k < numel; ++k)
      out.data[k] = convertElement(type, src + k * type.size);
    return true;
  }
  // Fortran order (NumPy writes it for transposed arrays, e.g. the NIR
  // paper's Braille input): element k of the file is the column-major index;
  // place it at its row-major position.
  std::vector<int64_t> index(shape.size(), 0);
  for (uint64_t k = 0; k < numel; ++k) {
    uint64_t rowMajor = 0;
    for (size_t d = 0; d < shape.size(); ++d)
      rowMajor = rowMajor * shape[d] + index[d];
    out.data[rowMajor] = convertElement(type, src + k * type.size);
    for (size_t d = 0; d < shape.size() && ++index[d] == shape[d]; ++d)
      index[d] = 0;
  }
  return true;
}

bool snn::runtime::readNpy(const std::string &path, Tensor &out,
                           std::string &err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err = path + ": cannot open file";
    return false;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    err = path + ": read error";
    return false;
  }
  return parseNpy(buf.str(), path, out, err);
}

std::string snn::runtime::serializeNpy(const Tensor &t) {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
  for (size_t k = 0; k < t.shape.size(); ++k)
    dict += std::to_string(t.shape[k]) + ", ";
  if (t.shape.size() > 1)
    dict.resize(dict.size() - 2);
  else if (t.shape.size() == 1)
    dict.pop_back(); // Keep the comma of a 1-tuple: "(3,)".
  dict += "), }";
  // Version 1 stores the header length in 2 bytes; longer headers need 2.0.
  bool v2 = dict.size() + 1 + 10 + 64 > 65535;
  size_t prefix = v2 ? 12 : 10;
  size_t total = prefix + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict += '\n';

  std::string bytes = "\x93NUMPY";
  bytes += static_cast<char>(v2 ? 2 : 1);
  bytes += '\0';
  uint32_t len = static_cast<uint32_t>(dict.size());
  for (size_t k = 0; k < (v2 ? 4u : 2u); ++k)
    bytes += static_cast<char>((len >> (8 * k)) & 0xff);
  bytes += dict;
  bytes.append(reinterpret_cast<const char *>(t.data.data()),
               t.data.size() * sizeof(float));
  return bytes;
}

bool snn::runtime::writeNpy(const std::string &path, const Tensor &t,
                            std::string &err) {
  if (static_cast<int64_t>(t.data.size()) != t.numel()) {
    err = path + ": tensor has " + std::to_string(t.data.size()) +
          " values but shape " + shapeToString(t.shape) + " needs " +
          std::to_string(t.numel());
    return false;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    err = path + ": cannot open file for writing";
    return false;
  }
  std::string bytes = serializeNpy(t);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    err = path + ": write error";
    return false;
  }
  return true;
}
